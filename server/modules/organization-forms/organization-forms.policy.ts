import type { OrganizationStatus } from '../organizations/organizations.service.js';
import { FORM_ACTIONS, type FormAction, type OrganizationAction } from './form-actions.js';
import { mayMoveForm } from './form-states.js';
import type { FormStatus } from './organization-forms.repository.js';

export { FORM_ACTIONS, ORGANIZATION_ACTIONS, type FormAction, type OrganizationAction } from './form-actions.js';

/** Where someone stands towards a form: found by the service from the roles they hold now. */
export interface FormStanding {
  userId: string;
  /** Applications where they are help desk. */
  helpDeskApplicationIds: readonly string[];
}

interface FormFacts {
  submittedBy: string;
  applicationId: string;
}

/** A form is read by the one who sent it and by its application's help desk; others are not told it exists. */
export function mayReadForm(standing: FormStanding, form: FormFacts): boolean {
  return standing.userId === form.submittedBy || standing.helpDeskApplicationIds.includes(form.applicationId);
}

/** Only the one who sent a form corrects, resubmits or withdraws it. */
export function mayChangeOwnForm(standing: FormStanding, form: FormFacts): boolean {
  return standing.userId === form.submittedBy;
}

/**
 * The application's help desk reviews a form, but never one of its own members' own forms:
 * 'own' says so (another member reviews it), false hides the form.
 */
export function mayReviewForm(standing: FormStanding, form: FormFacts): boolean | 'own' {
  if (!standing.helpDeskApplicationIds.includes(form.applicationId)) return false;
  return standing.userId === form.submittedBy ? 'own' : true;
}

/** The state each action moves a form to, in form-states.ts. */
export const FORM_ACTION_TARGETS: Readonly<Record<FormAction, FormStatus>> = {
  resubmit: 'submitted',
  withdraw: 'withdrawn',
  approve: 'approved',
  return: 'returned',
  reject: 'rejected',
};

/**
 * Why the caller may not take an action on a form now, or undefined when they may:
 * - 'hidden': the form is not theirs to act on, and they are not told it exists;
 * - 'own': a help desk member's own form, which another member reviews;
 * - 'state': the form's state does not allow the move (form-states.ts).
 */
export type FormRefusal = 'hidden' | 'own' | 'state';

export function formActionRefusal(
  standing: FormStanding,
  form: FormFacts & { status: FormStatus },
  action: FormAction,
): FormRefusal | undefined {
  if (action === 'resubmit' || action === 'withdraw') {
    if (!mayChangeOwnForm(standing, form)) return 'hidden';
  } else {
    const may = mayReviewForm(standing, form);
    if (may === false) return 'hidden';
    if (may === 'own') return 'own';
  }
  return mayMoveForm(form.status, FORM_ACTION_TARGETS[action]) ? undefined : 'state';
}

/** The actions the caller may take on a form now: sent with the form, and checked again when taken. */
export function formActions(standing: FormStanding, form: FormFacts & { status: FormStatus }): FormAction[] {
  return FORM_ACTIONS.filter((action) => formActionRefusal(standing, form, action) === undefined);
}

/**
 * The queue of forms waiting for review is the help desk's: it shows the submitted forms of the
 * applications they are help desk for (whose own forms are shown but offer them no review).
 */
export function queueApplications(standing: FormStanding): readonly string[] | undefined {
  return standing.helpDeskApplicationIds.length > 0 ? standing.helpDeskApplicationIds : undefined;
}

/** An organization's records on file are read by its approvers and backups, and its application's help desk. */
export function mayReadRecords(standing: FormStanding, organization: { applicationId: string }, approvesForIt: boolean): boolean {
  return approvesForIt || standing.helpDeskApplicationIds.includes(organization.applicationId);
}

/** The organization's approver (not a backup) asks to update its records on file, once it is active. */
export function mayRequestUpdate(organization: { status: OrganizationStatus }, isApprover: boolean): boolean {
  return organization.status === 'active' && isApprover;
}

/** The actions the caller may take on an organization's records now. */
export function organizationActions(organization: { status: OrganizationStatus }, isApprover: boolean): OrganizationAction[] {
  return mayRequestUpdate(organization, isApprover) ? ['request_update'] : [];
}
