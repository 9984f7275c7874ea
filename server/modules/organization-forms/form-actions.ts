/*
 * The names of what may be done with a form and with an organization's records on file, as the
 * routes offer them. Plain constants (no imports), so the schemas and the web app's types can use
 * them; organization-forms.policy.ts decides which of them a caller may take.
 */

/** The submitter resubmits (corrects) or withdraws a form; the help desk approves, returns or rejects it. */
export const FORM_ACTIONS = ['resubmit', 'withdraw', 'approve', 'return', 'reject'] as const;
export type FormAction = (typeof FORM_ACTIONS)[number];

/** The organization's approver requests an update of its records on file. */
export const ORGANIZATION_ACTIONS = ['request_update'] as const;
export type OrganizationAction = (typeof ORGANIZATION_ACTIONS)[number];
