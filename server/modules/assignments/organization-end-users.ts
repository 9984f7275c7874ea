import type { Static } from 'typebox';
import type { Database } from '../../db/database.js';
import { AppError } from '../../http/errors.js';
import type { KeysetPage } from '../../shared/keyset.js';
import type { AccountsService, User } from '../accounts/accounts.service.js';
import type { CatalogService } from '../catalog/catalog.service.js';
import type { OrganizationsService } from '../organizations/organizations.service.js';
import { usageKey, type UsageService } from '../usage/usage.service.js';
import { assignmentActions, mayListOrganizationEndUsers, type RemoverStanding } from './assignments.policy.js';
import { listActiveInOrganization, type Assignment, type DueOrderCursor } from './assignments.repository.js';
import type { EndUserRoleSchema } from './assignments.schemas.js';

/*
 * My organization: an organization's end users and their roles, for its approver and backup
 * approvers, with what each may do with every role (the same policy that decides a removal).
 */

/** An end user's role as the organization's approvers see it. */
export type EndUserRoleView = Static<typeof EndUserRoleSchema>;

export interface OrganizationEndUsers {
  /**
   * The active end-user roles held in an organization the caller approves for, soonest due for
   * certification first, a page after `cursor`; to anyone else the organization does not exist.
   */
  listOrganizationEndUsers(
    viewer: User,
    organizationId: string,
    page: { cursor?: string; limit: number },
  ): Promise<KeysetPage<EndUserRoleView>>;
}

function encodeCursor(assignment: Assignment): string {
  return Buffer.from(JSON.stringify([assignment.certificationDueAt, assignment.id])).toString('base64url');
}

function decodeCursor(cursor: string): DueOrderCursor {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      (typeof value[0] === 'string' || value[0] === null) &&
      typeof value[1] === 'string'
    ) {
      return { dueAt: value[0], id: value[1] };
    }
  } catch {
    // Falls through to the error below.
  }
  throw new AppError('request.invalid', { field: 'cursor' });
}

export function createOrganizationEndUsers(deps: {
  database: Database;
  catalog: CatalogService;
  organizations: OrganizationsService;
  accounts: AccountsService;
  /** When each holder last used the application; without it, never known. */
  usage?: Pick<UsageService, 'lastSignIns'>;
  removerStanding: (viewer: User) => Promise<RemoverStanding>;
}): OrganizationEndUsers {
  const { database } = deps;
  return {
    async listOrganizationEndUsers(viewer, organizationId, page) {
      const after = page.cursor === undefined ? undefined : decodeCursor(page.cursor);
      const standing = await deps.removerStanding(viewer);
      if (!mayListOrganizationEndUsers(standing, organizationId)) throw new AppError('resource.not_found');
      const organization = await deps.organizations.findOrganization(database.db, organizationId);
      if (!organization) throw new AppError('resource.not_found');
      const app = (await deps.catalog.listApplications(database.db)).find(
        (candidate) => candidate.id === organization.applicationId,
      );
      const endUserRoles = (app?.roles ?? []).filter((role) => role.kind === 'end_user');
      const rows = await listActiveInOrganization(database.db, {
        organizationId,
        roleIds: endUserRoles.map((role) => role.id),
        after,
        limit: page.limit + 1,
      });
      const shown = rows.slice(0, page.limit);
      const [holders, signIns] = await Promise.all([
        deps.accounts.peopleByIds(
          database.db,
          shown.map((assignment) => assignment.userId),
        ),
        deps.usage?.lastSignIns(
          database.db,
          shown.map((assignment) => ({ userId: assignment.userId, applicationId: assignment.applicationId })),
        ),
      ]);
      const roleById = new Map(endUserRoles.map((role) => [role.id, role]));
      const items: EndUserRoleView[] = [];
      for (const assignment of shown) {
        const holder = holders.get(assignment.userId);
        const role = roleById.get(assignment.roleId);
        if (!app || !holder || !role) continue;
        items.push({
          id: assignment.id,
          holder: {
            id: holder.id,
            userId: holder.userId,
            firstName: holder.firstName,
            lastName: holder.lastName,
            email: holder.email,
            lastSignInAt: holder.lastSignInAt,
          },
          application: { id: app.id, code: app.code, name: app.name },
          role: { id: role.id, code: role.code, name: role.name, kind: role.kind },
          establishedAt: assignment.establishedAt,
          lastCertifiedAt: assignment.lastCertifiedAt,
          certificationDueAt: assignment.certificationDueAt,
          lastUsedAt: signIns?.get(usageKey(assignment.userId, assignment.applicationId)) ?? null,
          allowedActions: assignmentActions(standing, assignment, role),
        });
      }
      const last = shown.at(-1);
      return { items, nextCursor: rows.length > page.limit && last ? encodeCursor(last) : null };
    },
  };
}
