import type { Transaction } from 'kysely';
import { nextCounterValue } from '../../db/counters.js';
import type { Database, Reader } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import type { Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { decryptSecret, encryptSecret } from '../../shared/crypto.js';
import { newId } from '../../shared/ids.js';
import { localizedName } from '../../shared/localized.js';
import { keysetPage, type KeysetPage } from '../../shared/keyset.js';
import { toTimestamp } from '../../shared/time.js';
import type { AccountsService, User } from '../accounts/accounts.service.js';
import type { AssignmentsService } from '../assignments/assignments.service.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { ApplicationWithRoles, CatalogService } from '../catalog/catalog.service.js';
import type { Notifications } from '../notifications/notifications.service.js';
import { maskTin, type Organization, type OrganizationsService } from '../organizations/organizations.service.js';
import {
  tidyNewOrganization,
  tidyUpdate,
  tinDigits,
  type NewOrganizationData,
  type NewOrganizationInput,
  type OrganizationUpdateData,
  type OrganizationUpdateInput,
} from './organization-form-fields.js';
import {
  findForm,
  findOpenUpdate,
  insertForm,
  listSubmitted,
  listSubmittedBy,
  lockForm,
  saveForm,
  type FormKind,
  type FormStatus,
  type StoredForm,
} from './organization-forms.repository.js';
import { assertFormMove } from './form-states.js';
import {
  mayChangeOwnForm,
  mayReadForm,
  mayReadRecords,
  mayRequestUpdate,
  mayReviewForm,
  type FormStanding,
} from './organization-forms.policy.js';

export type { FormKind, FormStatus } from './organization-forms.repository.js';

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
  mayRequestUpdate: boolean;
}

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

function tinContext(formId: string): string {
  return `tin:form:${formId}`;
}

function recordsOf(organization: Organization): OrganizationUpdateData {
  return {
    address: organization.address,
    phone: organization.phone ?? '',
    fax: organization.fax,
    contact: organization.contact,
    approver: organization.approverOnFile,
    backupApprovers: organization.backupApproversOnFile,
  };
}

export function createOrganizationFormsService(deps: {
  config: { publicUrl: string; secretKey: Buffer };
  database: Database;
  clock: Clock;
  audit: AuditLog;
  notifications: Notifications;
  accounts: AccountsService;
  catalog: CatalogService;
  organizations: OrganizationsService;
  assignments: AssignmentsService;
}): OrganizationFormsService {
  const { database, clock, audit } = deps;
  const baseUrl = deps.config.publicUrl.replace(/\/$/, '');

  async function applicationById(db: Reader, id: string): Promise<ApplicationWithRoles> {
    const app = (await deps.catalog.listApplications(db)).find((candidate) => candidate.id === id);
    if (!app) throw new AppError('resource.not_found');
    return app;
  }

  /** Where `user` stands towards forms, for organization-forms.policy.ts. */
  async function standingOf(db: Reader, user: User): Promise<FormStanding> {
    return { userId: user.id, helpDeskApplicationIds: await deps.assignments.helpDeskApplicationIds(db, user.id) };
  }

  /** Whether the person holds the organization's Approver role (not a backup's). */
  async function isApproverOf(db: Reader, user: User, organization: Organization): Promise<boolean> {
    const app = await applicationById(db, organization.applicationId);
    const approverRoles = app.roles.filter((role) => role.kind === 'approver');
    for (const role of approverRoles) {
      if (await deps.assignments.holds(db, user.id, role.id, organization.id)) return true;
    }
    return false;
  }

  async function view(db: Reader, form: StoredForm): Promise<FormView> {
    const app = await applicationById(db, form.applicationId);
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
    };
  }

  async function recordsView(db: Reader, user: User, organization: Organization): Promise<OrganizationRecords> {
    const app = await applicationById(db, organization.applicationId);
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
      mayRequestUpdate: mayRequestUpdate(organization, await isApproverOf(db, user, organization)),
    };
  }

  function legalNameOf(form: StoredForm, organization: Organization | undefined): string {
    return form.kind === 'new_organization' ? form.data.legalName : (organization?.legalName ?? '');
  }

  /** Tells the submitter the form arrived, and the application's help desk that it waits. */
  async function announce(trx: Transaction<DB>, form: StoredForm, submitter: User, resubmitted: boolean): Promise<void> {
    const app = await applicationById(trx, form.applicationId);
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
  }

  async function nextTrackingNumber(trx: Transaction<DB>): Promise<string> {
    const year = clock.now().getUTCFullYear();
    const sequence = await nextCounterValue(trx, `organization_form:${year}`);
    return `OF-${year}-${String(sequence).padStart(6, '0')}`;
  }

  /**
   * A submitter ID no organization of the application has: S and six digits from a counter,
   * stepping over any taken by organizations that came from elsewhere (an import, the demo).
   */
  async function issueSubmitterId(trx: Transaction<DB>, applicationId: string): Promise<string> {
    for (;;) {
      const value = await nextCounterValue(trx, `submitter_id:${applicationId}`);
      const submitterId = `S${String(value).padStart(6, '0')}`;
      if (!(await deps.organizations.findBySubmitterId(trx, applicationId, submitterId))) return submitterId;
    }
  }

  /** Approving a new-organization form: the organization exists, waiting for its approver to create it. */
  async function createOrganization(trx: Transaction<DB>, actor: Actor, form: StoredForm & { kind: 'new_organization' }) {
    const now = toTimestamp(clock.now());
    const id = newId(clock.now());
    const tin = decryptSecret(deps.config.secretKey, form.tinEncrypted, tinContext(form.id));
    const submitterId = await issueSubmitterId(trx, form.applicationId);
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
    });
    return organization;
  }

  /** Approving an update request: the records on file change now, not before. */
  async function applyUpdate(trx: Transaction<DB>, actor: Actor, form: StoredForm & { kind: 'update' }) {
    const organization = form.organizationId ? await deps.organizations.findOrganization(trx, form.organizationId) : undefined;
    if (!organization) throw new AppError('resource.not_found');
    const before = recordsOf(organization);
    await deps.organizations.replaceRecords(trx, organization.id, {
      address: form.data.address,
      phone: form.data.phone,
      fax: form.data.fax,
      contact: form.data.contact,
      approverOnFile: form.data.approver,
      backupApproversOnFile: form.data.backupApprovers,
    });
    await audit.record(trx, actor, {
      action: 'organization.records_updated',
      target: { type: 'organization', id: organization.id },
      before: { ...before },
      after: { ...form.data, formId: form.id },
    });
    return organization;
  }

  /** The submitter, and for a new organization its approver and backups on file, hear the outcome. */
  async function tellOutcome(trx: Transaction<DB>, form: StoredForm, organization: Organization | undefined): Promise<void> {
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
  }

  /** The submitter's own form, or the application's help desk's; to anyone else it does not exist. */
  async function readable(db: Reader, user: User, form: StoredForm | undefined): Promise<StoredForm> {
    if (!form) throw new AppError('resource.not_found');
    if (mayReadForm(await standingOf(db, user), form)) return form;
    throw new AppError('resource.not_found');
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
        const form: StoredForm = {
          id,
          trackingNumber: await nextTrackingNumber(trx),
          kind: 'new_organization',
          applicationId: app.id,
          organizationId: null,
          submittedBy: user.id,
          status: 'submitted',
          data,
          tinEncrypted: encryptSecret(deps.config.secretKey, tin, tinContext(id)),
          tinLastDigits: tin.slice(-4),
          signatureName,
          signedAt: toTimestamp(now),
          reviewReason: null,
          reviewedBy: null,
          reviewedAt: null,
          issuedSubmitterId: null,
          createdAt: toTimestamp(now),
          updatedAt: toTimestamp(now),
        };
        await insertForm(trx, form);
        await audit.record(trx, actor, {
          action: 'organization_form.submitted',
          target: { type: 'organization_form', id },
          after: { trackingNumber: form.trackingNumber, kind: form.kind, legalName: data.legalName, signatureName },
        });
        await announce(trx, form, user, false);
        return view(trx, form);
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
        if (!(await isApproverOf(trx, user, organization))) throw new AppError('organization_form.approver_only');
        if (await findOpenUpdate(trx, organization.id)) throw new AppError('organization_form.update_pending');
        const now = clock.now();
        const form: StoredForm = {
          id: newId(now),
          trackingNumber: await nextTrackingNumber(trx),
          kind: 'update',
          applicationId: organization.applicationId,
          organizationId: organization.id,
          submittedBy: user.id,
          status: 'submitted',
          data,
          signatureName,
          signedAt: toTimestamp(now),
          reviewReason: null,
          reviewedBy: null,
          reviewedAt: null,
          issuedSubmitterId: null,
          createdAt: toTimestamp(now),
          updatedAt: toTimestamp(now),
        };
        await insertForm(trx, form);
        await audit.record(trx, actor, {
          action: 'organization_form.submitted',
          target: { type: 'organization_form', id: form.id },
          after: { trackingNumber: form.trackingNumber, kind: form.kind, organizationId: organization.id, signatureName },
        });
        await announce(trx, form, user, false);
        return view(trx, form);
      });
    },

    async resubmit(actor, user, formId, input) {
      return database.transaction(async (trx) => {
        const form = await lockForm(trx, database.kind, formId);
        if (!form || !mayChangeOwnForm({ userId: user.id, helpDeskApplicationIds: [] }, form))
          throw new AppError('resource.not_found');
        assertFormMove(form.status, 'submitted');
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
        });
        await announce(trx, corrected, user, true);
        return view(trx, corrected);
      });
    },

    async withdraw(actor, user, formId) {
      return database.transaction(async (trx) => {
        const form = await lockForm(trx, database.kind, formId);
        if (!form || !mayChangeOwnForm({ userId: user.id, helpDeskApplicationIds: [] }, form))
          throw new AppError('resource.not_found');
        assertFormMove(form.status, 'withdrawn');
        const withdrawn: StoredForm = { ...form, status: 'withdrawn', updatedAt: toTimestamp(clock.now()) };
        await saveForm(trx, withdrawn);
        await audit.record(trx, actor, {
          action: 'organization_form.withdrawn',
          target: { type: 'organization_form', id: form.id },
          before: { status: form.status },
          after: { status: 'withdrawn' },
        });
        return view(trx, withdrawn);
      });
    },

    async get(user, formId) {
      const form = await readable(database.db, user, await findForm(database.db, formId));
      return view(database.db, form);
    },

    async listMine(user, page) {
      const rows = await listSubmittedBy(database.db, { userId: user.id, before: page.before, limit: page.limit + 1 });
      return keysetPage(rows, page.limit, (row) => view(database.db, row));
    },

    async queue(user, page) {
      const applicationIds = await deps.assignments.helpDeskApplicationIds(database.db, user.id);
      if (applicationIds.length === 0) throw new AppError('auth.forbidden');
      const rows = await listSubmitted(database.db, { applicationIds, after: page.after, limit: page.limit + 1 });
      return keysetPage(rows, page.limit, (row) => view(database.db, row));
    },

    async review(actor, user, formId, input) {
      const reason = input.reason?.trim() ?? '';
      if (input.decision !== 'approve' && reason === '') throw new AppError('organization_form.reason_required');
      return database.transaction(async (trx) => {
        const form = await lockForm(trx, database.kind, formId);
        const may = form ? mayReviewForm(await standingOf(trx, user), form) : false;
        if (!form || may === false) throw new AppError('resource.not_found');
        if (may === 'own') throw new AppError('organization_form.self_review');
        const status = ({ approve: 'approved', return: 'returned', reject: 'rejected' } as const)[input.decision];
        assertFormMove(form.status, status);
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
        });
        await tellOutcome(trx, reviewed, organization);
        return view(trx, reviewed);
      });
    },

    async records(user, organizationId) {
      const organization = await deps.organizations.findOrganization(database.db, organizationId);
      if (!organization) throw new AppError('resource.not_found');
      const approverIds = await deps.assignments.organizationApproverIds(database.db, organization.id);
      if (!mayReadRecords(await standingOf(database.db, user), organization, approverIds.includes(user.id))) {
        throw new AppError('resource.not_found');
      }
      return recordsView(database.db, user, organization);
    },

    async myOrganizations(user) {
      const ids = await deps.assignments.approverOrganizationIds(database.db, user.id);
      const found: OrganizationRecords[] = [];
      for (const id of ids) {
        const organization = await deps.organizations.findOrganization(database.db, id);
        if (organization) found.push(await recordsView(database.db, user, organization));
      }
      return found.sort((a, b) => a.legalName.localeCompare(b.legalName));
    },
  };
}
