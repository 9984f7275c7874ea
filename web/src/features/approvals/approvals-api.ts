import { apiGet, apiPost, type Page } from '../../api/client';
import type { RoleRequest } from '../roles/roles-api';

export const pendingApprovalsQueryKey = ['role-requests', 'pending-approvals'] as const;

export const approvalsPageSize = 25;

/** Pending Approvals, oldest first; `cursor` is the last request of the page before. */
export function fetchPendingApprovals(cursor: string | undefined, signal?: AbortSignal): Promise<Page<RoleRequest>> {
  return apiGet<Page<RoleRequest>>('/role-requests/pending-approvals', { cursor, limit: approvalsPageSize }, signal);
}

export type Decision = 'approve' | 'reject';

export function decideRequest(id: string, decision: Decision, comment: string): Promise<RoleRequest> {
  return apiPost<RoleRequest>(`/role-requests/${encodeURIComponent(id)}/decision`, {
    decision,
    ...(comment ? { comment } : {}),
  });
}
