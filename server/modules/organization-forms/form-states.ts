import { AppError } from '../../http/errors.js';
import type { FormStatus } from './organization-forms.repository.js';

/**
 * An organization form's states and the moves between them, in one place. The help desk decides a
 * submitted form (approve, return for correction, reject); a returned form is corrected and
 * submitted again; the submitter may withdraw it while it waits. Approved, rejected and withdrawn
 * forms never move again.
 */
export const FORM_TRANSITIONS: Readonly<Record<FormStatus, readonly FormStatus[]>> = {
  submitted: ['approved', 'returned', 'rejected', 'withdrawn'],
  returned: ['submitted', 'withdrawn'],
  approved: [],
  rejected: [],
  withdrawn: [],
};

export function mayMoveForm(from: FormStatus, to: FormStatus): boolean {
  return FORM_TRANSITIONS[from].includes(to);
}

/**
 * Refuses a move the table does not allow, saying why: only a returned form is submitted again;
 * otherwise the form was reviewed (or withdrawn) already.
 */
export function assertFormMove(from: FormStatus, to: FormStatus): void {
  if (mayMoveForm(from, to)) return;
  if (to === 'submitted') throw new AppError('organization_form.not_returned', { status: from });
  throw new AppError('organization_form.already_reviewed', { status: from });
}
