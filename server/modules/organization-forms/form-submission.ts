import type { Transaction } from 'kysely';
import { nextCounterValue } from '../../db/counters.js';
import { lockForTransaction } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import type { Actor } from '../../shared/actor.js';
import { encryptSecret } from '../../shared/crypto.js';
import { newId } from '../../shared/ids.js';
import { toTimestamp } from '../../shared/time.js';
import type { User } from '../accounts/accounts.service.js';
import type { OrganizationFormsService } from './organization-forms.service.js';
import { assertFormAction, type FormAccess, type OrganizationFormsDeps } from './form-access.js';
import type { FormNotices } from './form-notices.js';
import type { FormViews } from './form-views.js';
import { tidyNewOrganization, tidyUpdate, tinDigits } from './organization-form-fields.js';
import { organizationActions } from './organization-forms.policy.js';
import {
  countFormsSentSince,
  findOpenUpdate,
  insertForm,
  lockForm,
  saveForm,
  type StoredForm,
} from './organization-forms.repository.js';

/*
 * The submitter's side of a form: sending a new-organization form or an update request, correcting
 * and sending again a form the help desk returned, and withdrawing one not yet decided.
 */

/** The organization forms one person may send in any 24 hours: enough for a consultant filing for several clients. */
export const FORMS_PER_DAY = 10;
const DAY_MS = 86_400_000;

type FormSubmission = Pick<OrganizationFormsService, 'submitNew' | 'submitUpdate' | 'resubmit' | 'withdraw'>;

/** The associated data a form's TIN is encrypted under, so it cannot be moved to another row. */
/** What the sender's side fills in, of either kind of form; the rest is the same for every new form. */
type SenderFields<Form> = Form extends unknown
  ? Omit<
      Form,
      | 'trackingNumber'
      | 'status'
      | 'signedAt'
      | 'reviewReason'
      | 'reviewedBy'
      | 'reviewedAt'
      | 'issuedSubmitterId'
      | 'createdAt'
      | 'updatedAt'
    >
  : never;

export function tinContext(formId: string): string {
  return `tin:form:${formId}`;
}

export function createFormSubmission(
  deps: OrganizationFormsDeps,
  access: FormAccess,
  views: FormViews,
  notices: FormNotices,
): FormSubmission {
  const { database, clock, audit } = deps;

  async function nextTrackingNumber(trx: Transaction<DB>): Promise<string> {
    const year = clock.now().getUTCFullYear();
    const sequence = await nextCounterValue(trx, `organization_form:${year}`);
    return `OF-${year}-${String(sequence).padStart(6, '0')}`;
  }

  /** A form as its sender first sends it: submitted, signed now, not yet reviewed. */
  async function submittedForm(trx: Transaction<DB>, now: Date, fields: SenderFields<StoredForm>): Promise<StoredForm> {
    return {
      ...fields,
      trackingNumber: await nextTrackingNumber(trx),
      status: 'submitted',
      signedAt: toTimestamp(now),
      reviewReason: null,
      reviewedBy: null,
      reviewedAt: null,
      issuedSubmitterId: null,
      createdAt: toTimestamp(now),
      updatedAt: toTimestamp(now),
    } as StoredForm; // one kind's fields, spread, keep that kind
  }

  /**
   * Files a form just sent: stored, audited, announced to the help desk, answered as its sender
   * sees it. Each form emails the help desk, so one person sends at most FORMS_PER_DAY in any 24
   * hours; the count is taken under a lock of the sender's, so forms sent at once count each other.
   */
  async function file(trx: Transaction<DB>, actor: Actor, user: User, form: StoredForm, about: Record<string, string>) {
    await lockForTransaction(database.kind, trx, `organization_forms.submitted_by:${user.id}`);
    const since = toTimestamp(new Date(clock.now().getTime() - DAY_MS));
    if ((await countFormsSentSince(trx, user.id, since)) >= FORMS_PER_DAY) {
      throw new AppError('organization_form.too_many', { limit: FORMS_PER_DAY });
    }
    await insertForm(trx, form);
    await audit.record(trx, actor, {
      action: 'organization_form.submitted',
      target: { type: 'organization_form', id: form.id },
      after: { trackingNumber: form.trackingNumber, kind: form.kind, ...about, signatureName: form.signatureName },
      scope: { applicationId: form.applicationId, organizationId: form.organizationId },
    });
    await notices.announce(trx, form, user, false);
    return views.view(trx, await access.standingOf(trx, user), form);
  }

  return {
    async submitNew(actor, user, input) {
      const data = tidyNewOrganization(input.organization);
      const signatureName = input.signatureName.trim();
      const app = await deps.catalog.getApplication(input.applicationCode);
      return database.transaction(async (trx) => {
        const now = clock.now();
        const id = newId(now);
        const tin = tinDigits(input.organization.tin);
        const form = await submittedForm(trx, now, {
          id,
          kind: 'new_organization',
          applicationId: app.id,
          organizationId: null,
          submittedBy: user.id,
          data,
          tinEncrypted: encryptSecret(deps.config.secretKey, tin, tinContext(id)),
          tinLastDigits: tin.slice(-4),
          signatureName,
        });
        return file(trx, actor, user, form, { legalName: data.legalName });
      });
    },

    async submitUpdate(actor, user, organizationId, input) {
      const data = tidyUpdate(input.changes, 'changes/');
      const signatureName = input.signatureName.trim();
      return database.transaction(async (trx) => {
        const organization = await deps.organizations.findOrganization(trx, organizationId);
        const approverIds = organization ? await deps.assignments.organizationApproverIds(trx, organization.id) : [];
        // Someone with nothing to do with the organization is not told it exists.
        if (!organization || !approverIds.includes(user.id)) throw new AppError('resource.not_found');
        const isApprover = await access.isApproverOf(trx, user, organization);
        if (!isApprover) throw new AppError('organization_form.approver_only');
        // The same rule that lists 'request_update' with the records on file.
        if (!organizationActions(organization, isApprover).includes('request_update')) {
          throw new AppError('resource.conflict', { status: organization.status });
        }
        if (await findOpenUpdate(trx, organization.id)) throw new AppError('organization_form.update_pending');
        const now = clock.now();
        const form = await submittedForm(trx, now, {
          id: newId(now),
          kind: 'update',
          applicationId: organization.applicationId,
          organizationId: organization.id,
          submittedBy: user.id,
          data,
          signatureName,
        });
        return file(trx, actor, user, form, { organizationId: organization.id });
      });
    },

    async resubmit(actor, user, formId, input) {
      return database.transaction(async (trx) => {
        const form = await lockForm(trx, database.kind, formId);
        const standing = await access.standingOf(trx, user);
        assertFormAction(standing, form, 'resubmit');
        const now = toTimestamp(clock.now());
        let corrected: StoredForm;
        if (form.kind === 'new_organization') {
          if (!input.organization)
            throw new AppError('request.invalid', { fields: [{ field: 'body/organization', rule: 'required' }] });
          const tin = tinDigits(input.organization.tin);
          corrected = {
            ...form,
            data: tidyNewOrganization(input.organization),
            tinEncrypted: encryptSecret(deps.config.secretKey, tin, tinContext(form.id)),
            tinLastDigits: tin.slice(-4),
          };
        } else {
          if (!input.changes) throw new AppError('request.invalid', { fields: [{ field: 'body/changes', rule: 'required' }] });
          corrected = { ...form, data: tidyUpdate(input.changes, 'changes/') };
        }
        corrected = {
          ...corrected,
          status: 'submitted',
          signatureName: input.signatureName.trim(),
          signedAt: now,
          updatedAt: now,
        };
        await saveForm(trx, corrected);
        await audit.record(trx, actor, {
          action: 'organization_form.resubmitted',
          target: { type: 'organization_form', id: form.id },
          before: { status: form.status, reviewReason: form.reviewReason },
          after: { status: 'submitted', signatureName: corrected.signatureName },
          scope: { applicationId: form.applicationId, organizationId: form.organizationId },
        });
        await notices.announce(trx, corrected, user, true);
        return views.view(trx, standing, corrected);
      });
    },

    async withdraw(actor, user, formId) {
      return database.transaction(async (trx) => {
        const form = await lockForm(trx, database.kind, formId);
        const standing = await access.standingOf(trx, user);
        assertFormAction(standing, form, 'withdraw');
        const withdrawn: StoredForm = { ...form, status: 'withdrawn', updatedAt: toTimestamp(clock.now()) };
        await saveForm(trx, withdrawn);
        await audit.record(trx, actor, {
          action: 'organization_form.withdrawn',
          target: { type: 'organization_form', id: form.id },
          before: { status: form.status },
          after: { status: 'withdrawn' },
          scope: { applicationId: form.applicationId, organizationId: form.organizationId },
        });
        return views.view(trx, standing, withdrawn);
      });
    },
  };
}
