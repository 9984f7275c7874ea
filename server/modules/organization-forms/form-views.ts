import type { Reader } from '../../db/database.js';
import type { User } from '../accounts/accounts.service.js';
import { maskTin, type Organization } from '../organizations/organizations.service.js';
import type { FormAccess, OrganizationFormsDeps } from './form-access.js';
import type { NewOrganizationData, OrganizationUpdateData } from './organization-form-fields.js';
import {
  formActions,
  organizationActions,
  type FormAction,
  type FormStanding,
  type OrganizationAction,
} from './organization-forms.policy.js';
import type { FormKind, FormStatus, StoredForm } from './organization-forms.repository.js';
import { recordsOf } from './records-on-file.js';

/*
 * How a stored form and an organization's records on file are shown to the person asking: the TIN
 * only ever masked, and with the actions that person may take now, as the policy decides them.
 */

/** A form as its submitter and the help desk see it: the TIN only ever masked. */
export interface FormView {
  id: string;
  trackingNumber: string;
  kind: FormKind;
  status: FormStatus;
  application: { id: string; code: string; name: string };
  /** The organization created from the form, or the one an update request is about. */
  organization: { id: string; submitterId: string; legalName: string } | null;
  /** What the form asks for. A new-organization form holds the organization's fields too. */
  data: OrganizationUpdateData | NewOrganizationData;
  maskedTin: string | null;
  /** For an update request: the records on file now, to compare with what it asks for. */
  onFile: OrganizationUpdateData | null;
  submittedBy: { id: string; userId: string; firstName: string; lastName: string; email: string };
  signatureName: string;
  signedAt: string;
  reviewReason: string | null;
  reviewedAt: string | null;
  issuedSubmitterId: string | null;
  createdAt: string;
  updatedAt: string;
  /** What the person asking may do with the form now (organization-forms.policy.ts). */
  allowedActions: FormAction[];
}

/** An organization as its approvers and the help desk see it: the records on file. */
export interface OrganizationRecords extends OrganizationUpdateData {
  id: string;
  application: { id: string; code: string; name: string };
  submitterId: string;
  legalName: string;
  maskedTin: string;
  groupNpi: string | null;
  ptan: string | null;
  lineOfBusiness: string | null;
  location: string | null;
  status: Organization['status'];
  orphaned: boolean;
  /** What the person asking may do: only the approver asks for an update. */
  allowedActions: OrganizationAction[];
}

export interface FormViews {
  /** The form as `standing` (the person asking) sees it. */
  view(db: Reader, standing: FormStanding, form: StoredForm): Promise<FormView>;
  recordsView(db: Reader, user: User, organization: Organization): Promise<OrganizationRecords>;
}

export function createFormViews(deps: OrganizationFormsDeps, access: FormAccess): FormViews {
  return {
    async view(db, standing, form) {
      const app = await access.applicationById(db, form.applicationId);
      const organization = form.organizationId ? await deps.organizations.findOrganization(db, form.organizationId) : undefined;
      const submitter = await deps.accounts.getUser(db, form.submittedBy);
      return {
        id: form.id,
        trackingNumber: form.trackingNumber,
        kind: form.kind,
        status: form.status,
        application: { id: app.id, code: app.code, name: app.name },
        organization: organization
          ? { id: organization.id, submitterId: organization.submitterId, legalName: organization.legalName }
          : null,
        data: form.data,
        maskedTin:
          form.kind === 'new_organization'
            ? maskTin(form.tinLastDigits)
            : organization
              ? maskTin(organization.tinLastDigits)
              : null,
        onFile: form.kind === 'update' && organization ? recordsOf(organization) : null,
        submittedBy: {
          id: submitter.id,
          userId: submitter.userId,
          firstName: submitter.firstName,
          lastName: submitter.lastName,
          email: submitter.email,
        },
        signatureName: form.signatureName,
        signedAt: form.signedAt,
        reviewReason: form.reviewReason,
        reviewedAt: form.reviewedAt,
        issuedSubmitterId: form.issuedSubmitterId,
        createdAt: form.createdAt,
        updatedAt: form.updatedAt,
        allowedActions: formActions(standing, form),
      };
    },

    async recordsView(db, user, organization) {
      const app = await access.applicationById(db, organization.applicationId);
      return {
        id: organization.id,
        application: { id: app.id, code: app.code, name: app.name },
        submitterId: organization.submitterId,
        legalName: organization.legalName,
        maskedTin: maskTin(organization.tinLastDigits),
        groupNpi: organization.groupNpi,
        ptan: organization.ptan,
        lineOfBusiness: organization.lineOfBusiness,
        location: organization.location,
        status: organization.status,
        orphaned: organization.orphanedSince !== null,
        ...recordsOf(organization),
        allowedActions: organizationActions(organization, await access.isApproverOf(db, user, organization)),
      };
    },
  };
}
