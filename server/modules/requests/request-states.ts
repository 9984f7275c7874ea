import { AppError } from '../../http/errors.js';
import type { RequestStatus } from './requests.repository.js';

/**
 * A role request's states and the moves between them, in one place. A request is open while
 * pending; every decision (approve, reject), the requester's cancel and the expiry sweep close it,
 * and a closed request never moves again. The database's compare-and-set on `pending` stays the
 * guard against two racing moves; this table is the rule both are checked against.
 */
export const REQUEST_TRANSITIONS: Readonly<Record<RequestStatus, readonly RequestStatus[]>> = {
  pending: ['approved', 'rejected', 'cancelled', 'expired'],
  approved: [],
  rejected: [],
  cancelled: [],
  expired: [],
};

export function mayMoveRequest(from: RequestStatus, to: RequestStatus): boolean {
  return REQUEST_TRANSITIONS[from].includes(to);
}

/** Refuses a move the table does not allow: the request was decided, cancelled or expired already. */
export function assertRequestMove(from: RequestStatus, to: RequestStatus): void {
  if (!mayMoveRequest(from, to)) throw new AppError('role_request.already_decided', { status: from });
}
