import type { Reader } from '../../db/database.js';
import { AppError } from '../../http/errors.js';
import { calendarDateIn, toTimestamp } from '../../shared/time.js';
import type { Role } from '../catalog/catalog.service.js';
import {
  certifierKindFor,
  compareWithOnFile,
  itemActions,
  type CertificationAction,
  type CertifierKind,
} from './certification.policy.js';
import { certificationStateOf } from './certification-states.js';
import { listCertifiable, listCertifiableOfHolder, type CertifierScope } from './certification.repository.js';
import { organizationsOnFile, type CertificationDeps, type CertificationService } from './certification.service.js';
import type { CatalogIndex, CertifierStanding } from './certifier-standing.js';
import { listApproversOf } from './directory.repository.js';
import type { DueAssignment } from './due-items.repository.js';
import { itemNames, withHolders } from './due-items.js';
import { calendarDaysBetween, dueDayOf, expiredBefore, windowEnd } from './due-dates.js';
import { usageOf, type Usage } from '../usage/usage.policy.js';
import { usageKey } from '../usage/usage.service.js';

/*
 * What a certifier sees: My Annual Role Certifications, a page at a time, and one holder's roles
 * they may certify; each item as a row for the web app (catalog names, organization, records on
 * file, days left). A page is one query for its items, then one batch each for their holders
 * (accounts service), organizations (organizations service) and approvers.
 */

/** One row of "My Annual Role Certifications". */
export interface CertificationItemView {
  assignmentId: string;
  holder: { id: string; userId: string; firstName: string; lastName: string; email: string; lastSignInAt: string | null };
  application: { id: string; code: string; name: string };
  role: { id: string; code: string; name: string; kind: Role['kind'] };
  organization: { id: string; submitterId: string; legalName: string } | null;
  establishedAt: string;
  lastCertifiedAt: string | null;
  dueAt: string;
  /** The due day (YYYY-MM-DD) in the program's time zone; the role is removed when it ends. */
  dueDay: string;
  /** Calendar days from today to the due day; 0 on the due day, negative when overdue. */
  daysLeft: number;
  /** Why the caller sees it: as one of the organization's approvers, or as help desk. */
  certifiedAs: CertifierKind;
  /** Help-desk-certified roles: the person on file for that role and whether the holder matches. */
  onFile: {
    firstName: string;
    lastName: string;
    email: string;
    nameMatches: boolean;
    emailMatches: boolean;
    matches: boolean;
  } | null;
  /** When the holder last signed in to the role's application, and whether the role looks unused. */
  usage: Usage;
  /** What the caller may do with it now (itemActions): certify and revoke once it is due within the list window. */
  allowedActions: CertificationAction[];
}

export function createCertificationList(
  deps: Pick<CertificationDeps, 'config' | 'database' | 'clock' | 'accounts' | 'organizations' | 'usage'>,
  standing: CertifierStanding,
): Pick<CertificationService, 'list' | 'holderDetails'> {
  const { database, clock } = deps;
  const timeZone = deps.config.timeZone;
  const windowDays = deps.config.certification.windowDays;
  const { catalogIndex, scopeOf } = standing;
  const onFile = organizationsOnFile(deps);

  async function views(
    db: Reader,
    catalog: CatalogIndex,
    scope: CertifierScope,
    rows: readonly DueAssignment[],
  ): Promise<CertificationItemView[]> {
    const items = await withHolders(deps.accounts, db, rows);
    const organizations = await onFile(
      db,
      items.map((item) => item.assignment.organizationId),
    );
    const approvers = await listApproversOf(
      db,
      items.map((item) => item.assignment.organizationId),
      scope.approverRoleIds,
    );
    const signIns = await deps.usage.lastSignIns(
      db,
      items.map((item) => ({ userId: item.holder.id, applicationId: item.assignment.applicationId })),
    );
    const now = clock.now();
    const today = calendarDateIn(now, timeZone);
    const bounds = {
      dueUpTo: toTimestamp(windowEnd(now, windowDays, timeZone)),
      overdueBefore: toTimestamp(expiredBefore(now, timeZone)),
    };
    const out: CertificationItemView[] = [];
    for (const item of items) {
      const role = catalog.role(item.assignment.roleId);
      const app = catalog.application(item.assignment.applicationId);
      if (!role || !app) continue;
      const certifiedAs = certifierKindFor(
        scope,
        {
          holderId: item.holder.id,
          applicationId: app.id,
          organizationId: item.assignment.organizationId,
          role,
        },
        approvers.get(item.assignment.organizationId) ?? [],
      );
      if (!certifiedAs) continue;
      const organization = organizations.get(item.assignment.organizationId);
      const comparison =
        role.certifiedBy === 'help_desk' && organization ? compareWithOnFile(item.holder, role.kind, organization) : undefined;
      const dueDay = dueDayOf(item.dueAt, timeZone);
      const names = itemNames(item, app, role, organization);
      // Written out property by property: V8 builds an object literal that adds properties after
      // a spread (`{ ...names, dueDay }`) far more slowly, and this runs for every row of a page.
      out.push({
        assignmentId: names.assignmentId,
        holder: {
          id: names.holder.id,
          userId: names.holder.userId,
          firstName: names.holder.firstName,
          lastName: names.holder.lastName,
          email: names.holder.email,
          lastSignInAt: item.holder.lastSignInAt,
        },
        application: names.application,
        role: names.role,
        organization: names.organization,
        establishedAt: item.assignment.establishedAt,
        lastCertifiedAt: item.assignment.lastCertifiedAt,
        dueAt: item.dueAt,
        dueDay,
        daysLeft: calendarDaysBetween(today, dueDay),
        certifiedAs,
        onFile: comparison
          ? {
              firstName: comparison.person.firstName,
              lastName: comparison.person.lastName,
              email: comparison.person.email,
              nameMatches: comparison.nameMatches,
              emailMatches: comparison.emailMatches,
              matches: comparison.matches,
            }
          : null,
        usage: usageOf(signIns.get(usageKey(item.holder.id, app.id)) ?? null, now, deps.config.certification.unusedDays),
        allowedActions: itemActions(certifiedAs, certificationStateOf(item.assignment, bounds)),
      });
    }
    return out;
  }

  function encodeCursor(item: DueAssignment): string {
    return Buffer.from(JSON.stringify([item.dueAt, item.assignment.id])).toString('base64url');
  }

  function decodeCursor(cursor: string): { dueAt: string; id: string } {
    try {
      const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
      if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') {
        return { dueAt: value[0], id: value[1] };
      }
    } catch {
      // Falls through to the error below.
    }
    throw new AppError('request.invalid', { field: 'cursor' });
  }

  return {
    async list(caller, page) {
      const catalog = await catalogIndex(database.db);
      const scope = await scopeOf(database.db, catalog, caller.id);
      const now = clock.now();
      const dueUpTo = toTimestamp(windowEnd(now, windowDays, timeZone));
      const rows = await listCertifiable(database.db, scope, {
        now,
        dueUpTo,
        after: page.cursor === undefined ? undefined : decodeCursor(page.cursor),
        limit: page.limit + 1,
      });
      const pageRows = rows.slice(0, page.limit);
      const last = pageRows.at(-1);
      return {
        items: await views(database.db, catalog, scope, pageRows),
        nextCursor: rows.length > page.limit && last ? encodeCursor(last) : null,
        windowDays,
      };
    },

    async holderDetails(caller, holderId) {
      const catalog = await catalogIndex(database.db);
      const scope = await scopeOf(database.db, catalog, caller.id);
      const items = await views(database.db, catalog, scope, await listCertifiableOfHolder(database.db, scope, holderId));
      const first = items[0];
      if (!first) throw new AppError('resource.not_found');
      return { holder: first.holder, items };
    },
  };
}
