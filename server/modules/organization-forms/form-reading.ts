import { AppError } from '../../http/errors.js';
import { keysetPage } from '../../shared/keyset.js';
import type { FormAccess, OrganizationFormsDeps } from './form-access.js';
import type { FormViews, OrganizationRecords } from './form-views.js';
import { mayReadForm, mayReadRecords, queueApplications } from './organization-forms.policy.js';
import { findForm, listSubmitted, listSubmittedBy } from './organization-forms.repository.js';
import type { OrganizationFormsService } from './organization-forms.service.js';

/*
 * Reading, without changing anything: one form, the forms a person sent, the help desk queue, and
 * an organization's records on file for its approvers and its help desk. What the caller may not
 * read does not exist for them.
 */

type FormReading = Pick<OrganizationFormsService, 'get' | 'listMine' | 'queue' | 'records' | 'myOrganizations'>;

export function createFormReading(deps: OrganizationFormsDeps, access: FormAccess, views: FormViews): FormReading {
  const { database } = deps;

  return {
    async get(user, formId) {
      const form = await findForm(database.db, formId);
      const standing = await access.standingOf(database.db, user);
      // The submitter's own form, or the application's help desk's; to anyone else it does not exist.
      if (!form || !mayReadForm(standing, form)) throw new AppError('resource.not_found');
      return views.view(database.db, standing, form);
    },

    async listMine(user, page) {
      const standing = await access.standingOf(database.db, user);
      const rows = await listSubmittedBy(database.db, { userId: user.id, before: page.before, limit: page.limit + 1 });
      return keysetPage(rows, page.limit, (row) => views.view(database.db, standing, row));
    },

    async queue(user, page) {
      const standing = await access.standingOf(database.db, user);
      const applicationIds = queueApplications(standing);
      if (!applicationIds) throw new AppError('auth.forbidden');
      const rows = await listSubmitted(database.db, {
        applicationIds: [...applicationIds],
        after: page.after,
        limit: page.limit + 1,
      });
      return keysetPage(rows, page.limit, (row) => views.view(database.db, standing, row));
    },

    async records(user, organizationId) {
      const organization = await deps.organizations.findOrganization(database.db, organizationId);
      if (!organization) throw new AppError('resource.not_found');
      const approverIds = await deps.assignments.organizationApproverIds(database.db, organization.id);
      if (!mayReadRecords(await access.standingOf(database.db, user), organization, approverIds.includes(user.id))) {
        throw new AppError('resource.not_found');
      }
      return views.recordsView(database.db, user, organization);
    },

    async myOrganizations(user) {
      const ids = await deps.assignments.approverOrganizationIds(database.db, user.id);
      const found: OrganizationRecords[] = [];
      for (const id of ids) {
        const organization = await deps.organizations.findOrganization(database.db, id);
        if (organization) found.push(await views.recordsView(database.db, user, organization));
      }
      return found.sort((a, b) => a.legalName.localeCompare(b.legalName));
    },
  };
}
