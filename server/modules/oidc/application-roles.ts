import type { Reader } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import { toTimestamp } from '../../shared/time.js';
import type { AssignmentsService } from '../assignments/assignments.service.js';
import type { CatalogService } from '../catalog/catalog.service.js';
import { expiredBefore } from '../certification/due-dates.js';
import type { OrganizationsService } from '../organizations/organizations.service.js';

/** One role of the `roles` claim: the role's code and, for a role held for one, the organization. */
export interface RoleClaim {
  role: string;
  organization: { id: string; name: string; submitterId: string } | null;
}

/**
 * The roles a person holds now in one application, as its client is told them: active and not
 * past the end of their certification's due day (an expired role the sweep has not removed yet
 * is already refused, as the access check refuses it).
 */
export function createApplicationRoles(deps: {
  clock: Clock;
  config: { timeZone: string };
  assignments: AssignmentsService;
  catalog: CatalogService;
  organizations: OrganizationsService;
}) {
  return async function rolesIn(db: Reader, userId: string, applicationId: string): Promise<RoleClaim[]> {
    const held = await heldNow(deps, db, userId, applicationId);
    if (held.length === 0) return [];
    const [applications, organizations] = await Promise.all([
      deps.catalog.listApplications(db),
      deps.organizations.byIds(
        db,
        held.map((assignment) => assignment.organizationId).filter((id) => id !== ''),
      ),
    ]);
    const roles = new Map(applications.flatMap((application) => application.roles).map((role) => [role.id, role]));
    return held.flatMap((assignment) => {
      const role = roles.get(assignment.roleId);
      if (!role) return [];
      const organization = organizations.get(assignment.organizationId);
      return [
        {
          role: role.code,
          organization: organization
            ? { id: organization.id, name: organization.legalName, submitterId: organization.submitterId }
            : null,
        },
      ];
    });
  };
}

export type ApplicationRoles = ReturnType<typeof createApplicationRoles>;

/** The person's holdings in the application that count now: active, and not past their due day. */
async function heldNow(
  deps: { clock: Clock; config: { timeZone: string }; assignments: AssignmentsService },
  db: Reader,
  userId: string,
  applicationId: string,
) {
  const cutoff = toTimestamp(expiredBefore(deps.clock.now(), deps.config.timeZone));
  return (await deps.assignments.activeInApplication(db, userId, applicationId)).filter(
    (assignment) => assignment.certificationDueAt === null || assignment.certificationDueAt >= cutoff,
  );
}

/** Whether the person holds any role in the application now: one indexed read, no names. */
export function createHoldsAnyRole(deps: { clock: Clock; config: { timeZone: string }; assignments: AssignmentsService }) {
  return async (db: Reader, userId: string, applicationId: string): Promise<boolean> =>
    (await heldNow(deps, db, userId, applicationId)).length > 0;
}

export type HoldsAnyRole = ReturnType<typeof createHoldsAnyRole>;
