import type { Static } from 'typebox';
import type { AssignmentViewSchema, MyRoles } from '../../../../server/modules/assignments/assignments.schemas.js';
import type { ApplicationSchema } from '../../../../server/modules/catalog/catalog.schemas.js';
import type { OrganizationSummarySchema } from '../../../../server/modules/organizations/organizations.schemas.js';
import type { RequestViewSchema, SubmitBody } from '../../../../server/modules/requests/requests.schemas.js';
import { apiGet, apiPost } from '../../api/client';

/*
 * The roles and requests answers as the server describes them, typed from the server's own
 * schemas (type-only imports: nothing of the server reaches the bundle), so a change there that
 * this app does not follow fails the web type check.
 */
export type Application = Static<typeof ApplicationSchema>;
/** A role of the catalog, with its policy. */
export type CatalogRole = Application['roles'][number];
export type RoleKind = CatalogRole['kind'];

/** A role someone holds or held, with what its holder may do with it now (`allowedActions`). */
export type Assignment = Static<typeof AssignmentViewSchema>;
export type RemovalKind = NonNullable<Assignment['removalKind']>;
/** An organization as anyone but the help desk sees it: the TIN only as its last digits. */
export type OrganizationRef = NonNullable<Assignment['organization']>;

/** An organization as the type-ahead finds it. */
export type OrganizationSummary = Static<typeof OrganizationSummarySchema>;

/** A role request, with what the caller may do with it now (`allowedActions`). */
export type RoleRequest = Static<typeof RequestViewSchema>;
export type RequestStatus = RoleRequest['status'];
export type SubmitRequest = Static<typeof SubmitBody>;

export const applicationsQueryKey = ['applications'] as const;
export const myRolesQueryKey = ['me', 'roles'] as const;
export const myRequestsQueryKey = ['me', 'requests'] as const;
/** Under myRequestsQueryKey, so whatever refreshes the pending requests refreshes the history too. */
export const myRequestHistoryQueryKey = [...myRequestsQueryKey, 'history'] as const;

export function fetchApplications(signal?: AbortSignal): Promise<{ items: Application[] }> {
  return apiGet<{ items: Application[] }>('/applications', undefined, signal);
}

/**
 * Every role the person holds or held, read a page at a time: Manage My Roles groups them by
 * application, so it needs them all (a person holds a handful; an approver of many organizations
 * a few hundred).
 */
export async function fetchMyRoles(signal?: AbortSignal): Promise<{ assignments: Assignment[] }> {
  const assignments: Assignment[] = [];
  let cursor: string | undefined;
  do {
    const page = await apiGet<Static<typeof MyRoles>>('/me/roles', { cursor, limit: 500 }, signal);
    assignments.push(...page.assignments);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return { assignments };
}

/** The requests waiting for a decision, each of which the person may cancel. */
export function fetchMyRequests(signal?: AbortSignal): Promise<{ items: RoleRequest[] }> {
  return apiGet<{ items: RoleRequest[] }>('/me/requests', { status: 'pending', limit: 100 }, signal);
}

/** Every request the person made, whatever became of it, newest first, a page after the cursor. */
export function fetchMyRequestHistory(
  cursor: string | undefined,
  signal?: AbortSignal,
): Promise<{ items: RoleRequest[]; nextCursor: string | null }> {
  return apiGet<{ items: RoleRequest[]; nextCursor: string | null }>('/me/requests', { cursor, limit: 20 }, signal);
}

export function searchOrganizations(
  applicationCode: string,
  query: string,
  signal?: AbortSignal,
): Promise<{ items: OrganizationSummary[] }> {
  return apiGet<{ items: OrganizationSummary[] }>(
    `/applications/${encodeURIComponent(applicationCode)}/organizations`,
    { q: query },
    signal,
  );
}

export function submitRoleRequest(body: SubmitRequest): Promise<RoleRequest> {
  return apiPost<RoleRequest>('/role-requests', body);
}

export function cancelRoleRequest(id: string): Promise<RoleRequest> {
  return apiPost<RoleRequest>(`/role-requests/${encodeURIComponent(id)}/cancel`);
}

export function removeAssignment(id: string, reason: string): Promise<void> {
  return apiPost<void>(`/assignments/${encodeURIComponent(id)}/remove`, { reason });
}
