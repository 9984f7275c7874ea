import { apiGet, apiPost } from '../../api/client';

export type RoleKind = 'end_user' | 'approver' | 'backup_approver' | 'help_desk';

/** A role of the catalog, with the parts of its policy the request pages use. */
export interface CatalogRole {
  id: string;
  applicationId: string;
  code: string;
  name: string;
  description: string;
  /** Spanish texts; '' where the catalog has none. */
  nameEs: string;
  descriptionEs: string;
  kind: RoleKind;
  scope: 'organization' | 'application';
  approvedBy: 'org_approvers' | 'help_desk' | 'administrator';
  requestable: boolean;
  sortOrder: number;
}

export interface Application {
  id: string;
  code: string;
  name: string;
  description: string;
  /** Spanish texts; '' where the catalog has none. */
  nameEs: string;
  descriptionEs: string;
  helpDeskEmail: string | null;
  status: string;
  roles: CatalogRole[];
}

export interface ApplicationRef {
  id: string;
  code: string;
  name: string;
  /** Sent by some answers (requests); otherwise the catalog has it (see useCatalogText). */
  nameEs?: string;
}

export interface RoleRef {
  id: string;
  code: string;
  name: string;
  nameEs?: string;
  kind: RoleKind;
}

/** An organization as anyone but the help desk sees it: the TIN only as its last digits. */
export interface OrganizationRef {
  id: string;
  submitterId: string;
  legalName: string;
  maskedTin: string;
}

export type RemovalKind =
  'holder' | 'approver' | 'help_desk' | 'administrator' | 'certification_revoked' | 'certification_expired';

export interface Assignment {
  id: string;
  application: ApplicationRef;
  role: RoleRef;
  organization: OrganizationRef | null;
  status: 'active' | 'removed';
  establishedAt: string;
  lastCertifiedAt: string | null;
  certificationDueAt: string | null;
  removedAt: string | null;
  removalKind: RemovalKind | null;
  removalReason: string | null;
}

export interface OrganizationSummary extends OrganizationRef {
  location: string | null;
  status: string;
}

export type RequestStatus = 'pending' | 'approved' | 'rejected' | 'cancelled' | 'expired';

export interface RoleRequest {
  id: string;
  /** The confirmation number, e.g. RR-2026-000123. */
  trackingNumber: string;
  status: RequestStatus;
  routedTo: 'org_approvers' | 'help_desk';
  application: ApplicationRef;
  role: RoleRef;
  organization: (OrganizationRef & { orphaned: boolean }) | null;
  requester: { id: string; userId: string; firstName: string; lastName: string; email: string };
  reason: string;
  createdAt: string;
  expiresAt: string;
  decidedAt: string | null;
  decisionComment: string | null;
}

export interface SubmitRequest {
  roleId: string;
  organizationId?: string;
  newOrganization?: { submitterId: string; legalName: string };
  reason: string;
}

export const applicationsQueryKey = ['applications'] as const;
export const myRolesQueryKey = ['me', 'roles'] as const;
export const myRequestsQueryKey = ['me', 'requests'] as const;
/** Under myRequestsQueryKey, so whatever refreshes the pending requests refreshes the history too. */
export const myRequestHistoryQueryKey = [...myRequestsQueryKey, 'history'] as const;

export function fetchApplications(signal?: AbortSignal): Promise<{ items: Application[] }> {
  return apiGet<{ items: Application[] }>('/applications', undefined, signal);
}

export function fetchMyRoles(signal?: AbortSignal): Promise<{ assignments: Assignment[] }> {
  return apiGet<{ assignments: Assignment[] }>('/me/roles', undefined, signal);
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
