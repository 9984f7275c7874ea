import type { Reader } from '../../db/database.js';
import type { ApplicationWithRoles, Role } from '../catalog/catalog.service.js';
import type { CertifierScope } from './certification.repository.js';
import { certifiersOf, type CertifierKind } from './certification.policy.js';
import type { CertificationDeps } from './certification.service.js';
import { listApproversOf } from './directory.repository.js';
import type { DueAssignment } from './due-items.repository.js';

/*
 * Who certifies what, from the catalog and the roles people hold now: the catalog indexed once per
 * use case, a caller's standing as a CertifierScope (what the certifier's queries filter by), and
 * the certifiers of given items (whom the sweep emails).
 */

/** The catalog, indexed; read once per use case. */
export interface CatalogIndex {
  applications: ApplicationWithRoles[];
  role(id: string): Role | undefined;
  application(id: string): ApplicationWithRoles | undefined;
}

export interface CertifierStanding {
  catalogIndex(db: Reader): Promise<CatalogIndex>;
  scopeOf(db: Reader, catalog: CatalogIndex, userId: string): Promise<CertifierScope>;
  certifiersFor(
    db: Reader,
    catalog: CatalogIndex,
    items: readonly DueAssignment[],
  ): Promise<Map<string, { kind: CertifierKind; userIds: string[] }>>;
}

export function createCertifierStanding(deps: Pick<CertificationDeps, 'catalog' | 'assignments'>): CertifierStanding {
  async function catalogIndex(db: Reader): Promise<CatalogIndex> {
    const applications = await deps.catalog.listApplications(db);
    const roles = new Map(applications.flatMap((app) => app.roles.map((role) => [role.id, role] as const)));
    const apps = new Map(applications.map((app) => [app.id, app] as const));
    return { applications, role: (id) => roles.get(id), application: (id) => apps.get(id) };
  }

  async function scopeOf(db: Reader, catalog: CatalogIndex, userId: string): Promise<CertifierScope> {
    // Sequential on purpose: inside a transaction every query shares one connection.
    const approverOrganizationIds = await deps.assignments.approverOrganizationIds(db, userId);
    const helpDeskApplicationIds = await deps.assignments.helpDeskApplicationIds(db, userId);
    const roles = catalog.applications.flatMap((app) => app.roles);
    return {
      userId,
      approverOrganizationIds,
      helpDeskApplicationIds,
      orgCertifiedRoleIds: roles.filter((role) => role.certifiedBy === 'org_approvers').map((role) => role.id),
      helpDeskCertifiedRoleIds: roles.filter((role) => role.certifiedBy === 'help_desk').map((role) => role.id),
      approverRoleIds: roles.filter((role) => role.kind === 'approver' || role.kind === 'backup_approver').map((role) => role.id),
    };
  }

  function approverRoleIdsOf(catalog: CatalogIndex): string[] {
    return catalog.applications
      .flatMap((app) => app.roles)
      .filter((role) => role.kind === 'approver' || role.kind === 'backup_approver')
      .map((role) => role.id);
  }

  async function certifiersFor(db: Reader, catalog: CatalogIndex, items: readonly DueAssignment[]) {
    const approvers = await listApproversOf(
      db,
      items.map((item) => item.assignment.organizationId),
      approverRoleIdsOf(catalog),
    );
    const helpDesk = new Map<string, string[]>();
    for (const applicationId of new Set(items.map((item) => item.assignment.applicationId))) {
      helpDesk.set(applicationId, await deps.assignments.helpDeskUserIds(db, applicationId));
    }
    const result = new Map<string, { kind: CertifierKind; userIds: string[] }>();
    for (const item of items) {
      const role = catalog.role(item.assignment.roleId);
      if (!role) continue;
      const found = certifiersOf(
        {
          holderId: item.assignment.userId,
          applicationId: item.assignment.applicationId,
          organizationId: item.assignment.organizationId,
          role,
        },
        approvers.get(item.assignment.organizationId) ?? [],
        helpDesk.get(item.assignment.applicationId) ?? [],
      );
      if (found) result.set(item.assignment.id, found);
    }
    return result;
  }

  return { catalogIndex, scopeOf, certifiersFor };
}
