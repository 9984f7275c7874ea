import type { Static } from 'typebox';
import type * as schemas from '../../../../server/modules/assignments/assignments.schemas.js';
import { apiGet, type Page } from '../../api/client';
import { pendingApprovalsQueryKey } from '../approvals/approvals-api';
import type { RoleRequest } from '../roles/roles-api';

/*
 * My organization's answers as the server describes them, typed from the server's own schemas
 * (type-only imports): the organization's end users and their roles, and its requests waiting
 * for a decision. The records on file come from the organizations feature.
 */

/** An end user's role in the organization, with what the approver may do with it (`allowedActions`). */
export type EndUserRole = Static<typeof schemas.EndUserRoleSchema>;
type EndUserRolePage = Static<typeof schemas.EndUserRolePage>;

/** End users shown a page at a time. */
export const endUsersPageSize = 25;
/** The organization's pending requests shown here; Pending Approvals has them all. */
export const requestsShown = 10;

export const endUsersKey = (organizationId: string) => ['my-organization', organizationId, 'end-users'] as const;
/** Under Pending Approvals' key, so deciding a request there refreshes this list too. */
export const organizationRequestsKey = (organizationId: string) =>
  [...pendingApprovalsQueryKey, 'organization', organizationId] as const;

const organizationPath = (id: string) => `/organizations/${encodeURIComponent(id)}`;

export function fetchEndUsers(
  organizationId: string,
  cursor: string | undefined,
  signal?: AbortSignal,
): Promise<EndUserRolePage> {
  return apiGet<EndUserRolePage>(`${organizationPath(organizationId)}/end-users`, { cursor, limit: endUsersPageSize }, signal);
}

/** The organization's requests the person may decide, oldest first. */
export function fetchOrganizationRequests(organizationId: string, signal?: AbortSignal): Promise<Page<RoleRequest>> {
  return apiGet<Page<RoleRequest>>('/role-requests/pending-approvals', { organizationId, limit: requestsShown }, signal);
}

/** The page of one organization the person approves for. */
export const myOrganizationPath = (organizationId: string) => `/my-organization/${encodeURIComponent(organizationId)}`;
