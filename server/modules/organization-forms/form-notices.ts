import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { localizedName } from '../../shared/localized.js';
import type { User } from '../accounts/accounts.service.js';
import type { Organization } from '../organizations/organizations.service.js';
import type { FormAccess, OrganizationFormsDeps } from './form-access.js';
import type { StoredForm } from './organization-forms.repository.js';

/*
 * Who hears about a form, by email written to the outbox in the form's own transaction: the
 * submitter and the help desk when it arrives, the submitter (and, for a new organization, its
 * approvers on file) when it is decided.
 */

export interface FormNotices {
  /** Tells the submitter the form arrived, and the application's help desk that it waits. */
  announce(trx: Transaction<DB>, form: StoredForm, submitter: User, resubmitted: boolean): Promise<void>;
  /** The submitter, and for a new organization its approver and backups on file, hear the outcome. */
  tellOutcome(trx: Transaction<DB>, form: StoredForm, organization: Organization | undefined): Promise<void>;
}

function legalNameOf(form: StoredForm, organization: Organization | undefined): string {
  return form.kind === 'new_organization' ? form.data.legalName : (organization?.legalName ?? '');
}

export function createFormNotices(deps: OrganizationFormsDeps, access: FormAccess): FormNotices {
  const baseUrl = deps.config.publicUrl.replace(/\/$/, '');

  return {
    async announce(trx, form, submitter, resubmitted) {
      const app = await access.applicationById(trx, form.applicationId);
      const organization = form.organizationId ? await deps.organizations.findOrganization(trx, form.organizationId) : undefined;
      const legalName = legalNameOf(form, organization);
      await deps.notifications.enqueueEmail(trx, {
        to: submitter.email,
        language: submitter.language,
        template: 'organization_form.received',
        params: { firstName: submitter.firstName, trackingNumber: form.trackingNumber, legalName, kind: form.kind, resubmitted },
      });
      const params = {
        trackingNumber: form.trackingNumber,
        legalName,
        kind: form.kind,
        applicationName: localizedName(app),
        link: `${baseUrl}/help-desk/organization-forms`,
      };
      for (const id of await deps.assignments.helpDeskUserIds(trx, form.applicationId)) {
        if (id === submitter.id) continue;
        const staff = await deps.accounts.getUser(trx, id);
        await deps.notifications.enqueueEmail(trx, {
          to: staff.email,
          language: staff.language,
          template: 'organization_form.awaiting_review',
          params,
        });
      }
      if (app.helpDeskEmail) {
        await deps.notifications.enqueueEmail(trx, {
          to: app.helpDeskEmail,
          language: 'en',
          template: 'organization_form.awaiting_review',
          params,
        });
      }
    },

    async tellOutcome(trx, form, organization) {
      const submitter = await deps.accounts.getUser(trx, form.submittedBy);
      const legalName = legalNameOf(form, organization);
      const common = { trackingNumber: form.trackingNumber, legalName, kind: form.kind };
      if (form.status === 'approved') {
        const people = [{ email: submitter.email, language: submitter.language, firstName: submitter.firstName }];
        if (form.kind === 'new_organization') {
          for (const person of [form.data.approver, ...form.data.backupApprovers]) {
            if (people.some((known) => known.email.toLowerCase() === person.email.toLowerCase())) continue;
            people.push({ email: person.email, language: submitter.language, firstName: person.firstName });
          }
        }
        for (const person of people) {
          await deps.notifications.enqueueEmail(trx, {
            to: person.email,
            language: person.language,
            template: 'organization_form.approved',
            params: {
              ...common,
              firstName: person.firstName,
              submitterId: form.issuedSubmitterId ?? organization?.submitterId ?? '',
              link: `${baseUrl}/roles`,
            },
          });
        }
        return;
      }
      await deps.notifications.enqueueEmail(trx, {
        to: submitter.email,
        language: submitter.language,
        template: form.status === 'returned' ? 'organization_form.returned' : 'organization_form.rejected',
        params: {
          ...common,
          firstName: submitter.firstName,
          reason: form.reviewReason ?? '',
          link: `${baseUrl}/organization-forms/${form.id}`,
        },
      });
    },
  };
}
