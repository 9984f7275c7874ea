import { AppError } from '../../http/errors.js';
import type { Assignment } from '../assignments/assignments.service.js';

/**
 * A certification item's states and the moves between them, in one place. An item is an active
 * role assignment with a due date. Time moves it from not due (beyond the list window) to due
 * (within it) to overdue (its due day has ended); the table lists the moves someone makes. A
 * certifier certifies or revokes a due or overdue item; the sweep expires an overdue one. Once
 * decided, that due date never moves again: certifying gives the role a new, later due date (a new
 * item), and revoking or expiring removes it. A role removed any other way is `removed`. The
 * database's compare-and-set (the unique decision per assignment and due date, the update only of
 * an active role whose due date is earlier) stays the guard against two racing moves; this table
 * is the rule both are checked against.
 */
export type CertificationState = 'not_due' | 'due' | 'overdue' | 'certified' | 'revoked' | 'expired' | 'removed';

export const CERTIFICATION_TRANSITIONS: Readonly<Record<CertificationState, readonly CertificationState[]>> = {
  not_due: [],
  due: ['certified', 'revoked'],
  overdue: ['certified', 'revoked', 'expired'],
  certified: [],
  revoked: [],
  expired: [],
  removed: [],
};

export function mayMoveCertification(from: CertificationState, to: CertificationState): boolean {
  return CERTIFICATION_TRANSITIONS[from].includes(to);
}

/**
 * The state of an assignment's current item: `dueUpTo` is the end of the list window,
 * `overdueBefore` the start of today in the program's time zone (both ISO timestamps).
 */
export function certificationStateOf(
  assignment: Pick<Assignment, 'status' | 'removalKind' | 'certificationDueAt'>,
  bounds: { dueUpTo: string; overdueBefore: string },
): CertificationState {
  if (assignment.status !== 'active') {
    if (assignment.removalKind === 'certification_revoked') return 'revoked';
    if (assignment.removalKind === 'certification_expired') return 'expired';
    return 'removed';
  }
  const dueAt = assignment.certificationDueAt;
  // An active role with no due date is certified by nobody: there is nothing to decide.
  if (dueAt === null || dueAt > bounds.dueUpTo) return 'not_due';
  return dueAt < bounds.overdueBefore ? 'overdue' : 'due';
}

/**
 * Refuses a decision when the table does not allow the move of every item it names, saying why
 * and naming the items: those decided (or removed) already first, then those not due yet.
 */
export function assertCertificationMove(
  items: readonly { assignmentId: string; state: CertificationState }[],
  to: CertificationState,
): void {
  const refused = items.filter((item) => !mayMoveCertification(item.state, to));
  const decided = refused.filter((item) => item.state !== 'not_due').map((item) => item.assignmentId);
  if (decided.length > 0) throw new AppError('certification.already_decided', { assignmentIds: decided });
  const notDue = refused.map((item) => item.assignmentId);
  if (notDue.length > 0) throw new AppError('certification.not_due', { assignmentIds: notDue });
}
