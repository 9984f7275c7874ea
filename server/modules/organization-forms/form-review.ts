import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import type { Actor } from '../../shared/actor.js';
import { decryptSecret, encryptSecret } from '../../shared/crypto.js';
import { newId } from '../../shared/ids.js';
import { toTimestamp } from '../../shared/time.js';
import type { Organization } from '../organizations/organizations.service.js';
import { assertFormAction, type FormAccess, type OrganizationFormsDeps } from './form-access.js';
import type { FormNotices } from './form-notices.js';
import { tinContext } from './form-submission.js';
import type { FormViews } from './form-views.js';
import { FORM_ACTION_TARGETS } from './organization-forms.policy.js';
import { lockForm, saveForm, type StoredForm } from './organization-forms.repository.js';
import type { OrganizationFormsService } from './organization-forms.service.js';
import { recordsFrom, recordsOf } from './records-on-file.js';

/*
 * The help desk's side of a form: approving, returning or rejecting it. Approving a
 * new-organization form creates the organization with a new submitter ID; approving an update
 * request replaces the records on file. Either way the people concerned are told the outcome.
 */

type FormReview = Pick<OrganizationFormsService, 'review'>;

export function createFormReview(
  deps: OrganizationFormsDeps,
  access: FormAccess,
  views: FormViews,
  notices: FormNotices,
): FormReview {
  const { database, clock, audit } = deps;

  /** Approving a new-organization form: the organization exists, waiting for its approver to create it. */
  async function createOrganization(trx: Transaction<DB>, actor: Actor, form: StoredForm & { kind: 'new_organization' }) {
    const now = toTimestamp(clock.now());
    const id = newId(clock.now());
    const tin = decryptSecret(deps.config.secretKey, form.tinEncrypted, tinContext(form.id));
    const submitterId = await deps.organizations.issueSubmitterId(trx, form.applicationId);
    const organization: Organization = {
      id,
      applicationId: form.applicationId,
      submitterId,
      legalName: form.data.legalName,
      tinEncrypted: encryptSecret(deps.config.secretKey, tin, `tin:${id}`),
      tinLastDigits: form.tinLastDigits,
      groupNpi: form.data.groupNpi,
      ptan: form.data.ptan,
      lineOfBusiness: form.data.lineOfBusiness,
      location: form.data.location,
      address: form.data.address,
      phone: form.data.phone,
      fax: form.data.fax,
      contact: form.data.contact,
      approverOnFile: form.data.approver,
      backupApproversOnFile: form.data.backupApprovers,
      status: 'awaiting_approver',
      orphanedSince: null,
      isDemo: false,
      createdAt: now,
      updatedAt: now,
    };
    await deps.organizations.create(trx, organization);
    await audit.record(trx, actor, {
      action: 'organization.created',
      target: { type: 'organization', id },
      after: { submitterId, legalName: organization.legalName, status: organization.status, formId: form.id },
      scope: { applicationId: form.applicationId, organizationId: id },
    });
    return organization;
  }

  /** Approving an update request: the records on file change now, not before. */
  async function applyUpdate(trx: Transaction<DB>, actor: Actor, form: StoredForm & { kind: 'update' }) {
    const organization = form.organizationId ? await deps.organizations.findOrganization(trx, form.organizationId) : undefined;
    if (!organization) throw new AppError('resource.not_found');
    const before = recordsOf(organization);
    await deps.organizations.replaceRecords(trx, organization.id, recordsFrom(form.data));
    await audit.record(trx, actor, {
      action: 'organization.records_updated',
      target: { type: 'organization', id: organization.id },
      before: { ...before },
      after: { ...form.data, formId: form.id },
      scope: { applicationId: organization.applicationId, organizationId: organization.id },
    });
    return organization;
  }

  return {
    async review(actor, user, formId, input) {
      const reason = input.reason?.trim() ?? '';
      if (input.decision !== 'approve' && reason === '') throw new AppError('organization_form.reason_required');
      return database.transaction(async (trx) => {
        const form = await lockForm(trx, database.kind, formId);
        const standing = await access.standingOf(trx, user);
        assertFormAction(standing, form, input.decision);
        const status = FORM_ACTION_TARGETS[input.decision];
        const now = toTimestamp(clock.now());
        let reviewed: StoredForm = {
          ...form,
          status,
          reviewReason: reason || null,
          reviewedBy: user.id,
          reviewedAt: now,
          updatedAt: now,
        };
        let organization: Organization | undefined;
        if (status === 'approved' && reviewed.kind === 'new_organization') {
          organization = await createOrganization(trx, actor, reviewed);
          reviewed = { ...reviewed, organizationId: organization.id, issuedSubmitterId: organization.submitterId };
        } else if (status === 'approved' && reviewed.kind === 'update') {
          organization = await applyUpdate(trx, actor, reviewed);
        } else if (form.organizationId) {
          organization = await deps.organizations.findOrganization(trx, form.organizationId);
        }
        await saveForm(trx, reviewed);
        await audit.record(trx, actor, {
          action: `organization_form.${status}`,
          target: { type: 'organization_form', id: form.id },
          before: { status: form.status },
          after: {
            status,
            reason: reason || null,
            trackingNumber: form.trackingNumber,
            ...(reviewed.issuedSubmitterId ? { submitterId: reviewed.issuedSubmitterId } : {}),
          },
          scope: { applicationId: form.applicationId, organizationId: reviewed.organizationId },
        });
        await notices.tellOutcome(trx, reviewed, organization);
        return views.view(trx, standing, reviewed);
      });
    },
  };
}
