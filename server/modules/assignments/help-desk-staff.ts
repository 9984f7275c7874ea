import type { Static } from 'typebox';
import type { Database } from '../../db/database.js';
import { AppError } from '../../http/errors.js';
import type { AccountsService, User } from '../accounts/accounts.service.js';
import type { CatalogService } from '../catalog/catalog.service.js';
import { assignmentActions, mayAssignHelpDesk, type RemoverStanding } from './assignments.policy.js';
import { listActiveApplicationWideHoldings } from './help-desk.repository.js';
import type { HelpDeskStaffSchema } from './help-desk.schemas.js';

/*
 * Who is help desk staff of which application, for the administrators who name them: each active
 * help desk role with its holder and application, and what the administrator may do with it.
 */

export type HelpDeskStaffView = Static<typeof HelpDeskStaffSchema>;

/** The most help desk roles listed at once. */
export const HELP_DESK_STAFF_LISTED = 500;

export interface HelpDeskStaff {
  /**
   * The active help desk roles of every application, or of the one whose code is given, by
   * application then name; at most HELP_DESK_STAFF_LISTED. Administrators only.
   */
  listHelpDeskStaff(
    caller: User,
    query: { applicationCode?: string },
  ): Promise<{ items: HelpDeskStaffView[]; truncated: boolean }>;
}

export function createHelpDeskStaff(deps: {
  database: Database;
  catalog: Pick<CatalogService, 'listApplications'>;
  accounts: Pick<AccountsService, 'peopleByIds'>;
  removerStanding: (viewer: User) => Promise<RemoverStanding>;
}): HelpDeskStaff {
  return {
    async listHelpDeskStaff(caller, query) {
      if (!mayAssignHelpDesk(caller)) throw new AppError('auth.forbidden');
      const db = deps.database.db;
      const apps = (await deps.catalog.listApplications(db)).filter(
        (app) => query.applicationCode === undefined || app.code === query.applicationCode,
      );
      if (apps.length === 0) throw new AppError('request.invalid', { field: 'application', rule: 'an application on file' });
      const roles = new Map(
        apps.flatMap((app) => app.roles.filter((role) => role.kind === 'help_desk')).map((role) => [role.id, role]),
      );
      const found = await listActiveApplicationWideHoldings(db, [...roles.keys()], HELP_DESK_STAFF_LISTED + 1);
      const holdings = found.slice(0, HELP_DESK_STAFF_LISTED);
      const [people, standing] = await Promise.all([
        deps.accounts.peopleByIds(
          db,
          holdings.map((holding) => holding.userId),
        ),
        deps.removerStanding(caller),
      ]);
      const items: HelpDeskStaffView[] = [];
      for (const holding of holdings) {
        const person = people.get(holding.userId);
        const role = roles.get(holding.roleId);
        const app = apps.find((candidate) => candidate.id === holding.applicationId);
        if (!person || !role || !app) continue;
        items.push({
          id: holding.id,
          person: {
            id: person.id,
            userId: person.userId,
            firstName: person.firstName,
            lastName: person.lastName,
            email: person.email,
          },
          application: { code: app.code, name: app.name, nameEs: app.nameEs },
          establishedAt: holding.establishedAt,
          certificationDueAt: holding.certificationDueAt,
          allowedActions: assignmentActions(standing, holding, role),
        });
      }
      items.sort(
        (a, b) =>
          a.application.code.localeCompare(b.application.code) ||
          a.person.lastName.localeCompare(b.person.lastName) ||
          a.person.firstName.localeCompare(b.person.firstName) ||
          a.person.userId.localeCompare(b.person.userId),
      );
      return { items, truncated: found.length > HELP_DESK_STAFF_LISTED };
    },
  };
}
