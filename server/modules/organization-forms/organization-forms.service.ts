import type { Actor } from '../../shared/actor.js';
import type { KeysetPage } from '../../shared/keyset.js';
import type { User } from '../accounts/accounts.service.js';
import { createFormAccess, type OrganizationFormsDeps } from './form-access.js';
import { createFormNotices } from './form-notices.js';
import { createFormReading } from './form-reading.js';
import { createFormReview } from './form-review.js';
import { createFormSubmission } from './form-submission.js';
import { createFormViews, type FormView, type OrganizationRecords } from './form-views.js';
import type { NewOrganizationInput, OrganizationUpdateInput } from './organization-form-fields.js';

/*
 * The organization-forms use cases, as one service for the context, the routes and the tests. Each
 * side lives in its own file: form-submission.ts (the submitter), form-review.ts (the help desk),
 * form-reading.ts (views and records on file); form-access.ts, form-views.ts and form-notices.ts
 * hold what they share.
 */

export type { FormKind, FormStatus } from './organization-forms.repository.js';
export type { FormView, OrganizationRecords } from './form-views.js';
export type { OrganizationFormsDeps } from './form-access.js';

export type ReviewDecision = 'approve' | 'return' | 'reject';

export interface OrganizationFormsService {
  submitNew(
    actor: Actor,
    user: User,
    input: { applicationCode: string; organization: NewOrganizationInput; signatureName: string },
  ): Promise<FormView>;
  /** The approver asks to change the records on file, address or contacts of their organization. */
  submitUpdate(
    actor: Actor,
    user: User,
    organizationId: string,
    input: { changes: OrganizationUpdateInput; signatureName: string },
  ): Promise<FormView>;
  /** The submitter corrects a form the help desk returned, and it goes back to the queue. */
  resubmit(
    actor: Actor,
    user: User,
    formId: string,
    input: { organization?: NewOrganizationInput; changes?: OrganizationUpdateInput; signatureName: string },
  ): Promise<FormView>;
  withdraw(actor: Actor, user: User, formId: string): Promise<FormView>;
  get(user: User, formId: string): Promise<FormView>;
  listMine(user: User, page: { before?: string; limit: number }): Promise<KeysetPage<FormView>>;
  /** The help desk queue: submitted forms of the applications this person is help desk for. */
  queue(user: User, page: { after?: string; limit: number }): Promise<KeysetPage<FormView>>;
  review(actor: Actor, user: User, formId: string, input: { decision: ReviewDecision; reason?: string }): Promise<FormView>;
  /** Records on file, for the organization's approvers and backup approvers and its help desk. */
  records(user: User, organizationId: string): Promise<OrganizationRecords>;
  /** The organizations where this person is an approver or backup approver. */
  myOrganizations(user: User): Promise<OrganizationRecords[]>;
}

export function createOrganizationFormsService(deps: OrganizationFormsDeps): OrganizationFormsService {
  const access = createFormAccess(deps);
  const views = createFormViews(deps, access);
  const notices = createFormNotices(deps, access);
  return {
    ...createFormSubmission(deps, access, views, notices),
    ...createFormReview(deps, access, views, notices),
    ...createFormReading(deps, access, views),
  };
}
