import type { Application, CatalogRole, RoleKind } from './roles-api';

/** The roles a person may ask for in an application, in the catalog's order. */
export function requestableRoles(application: Application): CatalogRole[] {
  return application.roles
    .filter((role) => role.requestable && role.approvedBy !== 'administrator')
    .sort((a, b) => a.sortOrder - b.sortOrder);
}

/** Approvers and backup approvers may also create the organization they are approved for. */
export function mayCreateOrganization(kind: RoleKind): boolean {
  return kind === 'approver' || kind === 'backup_approver';
}

/** Where "add a role" starts; "Request again" names the role and organization to start from. */
export function addRolePath(applicationCode: string, again?: { roleCode: string; submitterId?: string }): string {
  const params = new URLSearchParams({ application: applicationCode });
  if (again) params.set('role', again.roleCode);
  if (again?.submitterId) params.set('organization', again.submitterId);
  return `/roles/add?${params.toString()}`;
}
