import type { OrganizationStatus } from '../organizations/organizations.service.js';

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

/** An organization's records on file are read by its approvers and backups, and its application's help desk. */
export function mayReadRecords(standing: FormStanding, organization: { applicationId: string }, approvesForIt: boolean): boolean {
  return approvesForIt || standing.helpDeskApplicationIds.includes(organization.applicationId);
}

/** The organization's approver (not a backup) asks to update its records on file, once it is active. */
export function mayRequestUpdate(organization: { status: OrganizationStatus }, isApprover: boolean): boolean {
  return organization.status === 'active' && isApprover;
}
