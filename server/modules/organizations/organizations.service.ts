import type { Transaction } from 'kysely';
import { nextCounterValue } from '../../db/counters.js';
import type { Database, Reader } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import type { Clock } from '../../shared/clock.js';
import { searchText, searchWords } from '../../shared/search-text.js';
import { toTimestamp } from '../../shared/time.js';
import {
  findOrganizationById,
  findOrganizationBySubmitterId,
  insertOrganization,
  listOrganizationsByIds,
  listOrganizationsOnFile,
  countOrphanOrganizations,
  listOrphanOrganizations,
  searchActiveOrganizations,
  markOrganizationsOrphaned,
  updateOrganizationColumns,
  type Organization,
  type OrganizationOnFile,
  type OrganizationStatus,
} from './organizations.repository.js';

export type {
  Address,
  Contact,
  Organization,
  OrganizationOnFile,
  OrganizationStatus,
  PersonOnFile,
} from './organizations.repository.js';

/** The records on file an approved update request replaces. */
export type RecordsOnFile = Pick<
  Organization,
  'address' | 'phone' | 'fax' | 'contact' | 'approverOnFile' | 'backupApproversOnFile'
>;

/** What anyone searching sees of an organization: never its TIN beyond the last digits. */
export interface OrganizationSummary {
  id: string;
  submitterId: string;
  legalName: string;
  maskedTin: string;
  location: string | null;
  status: OrganizationStatus;
}

export const SEARCH_LIMIT = 20;

/** A name reduced to its letters and digits: "Sunrise Dermatology, P.A." matches "sunrise dermatology pa". */
function compact(name: string): string {
  return searchText(name).replace(/ /g, '');
}

export function maskTin(lastDigits: string): string {
  return `•••••${lastDigits}`;
}

/** An organization as anyone but the help desk sees it beside a role or a request: the TIN masked. */
export function organizationRef(
  organization: Organization,
): Pick<OrganizationSummary, 'id' | 'submitterId' | 'legalName' | 'maskedTin'> {
  return {
    id: organization.id,
    submitterId: organization.submitterId,
    legalName: organization.legalName,
    maskedTin: maskTin(organization.tinLastDigits),
  };
}

export function summarize(organization: Organization): OrganizationSummary {
  return {
    ...organizationRef(organization),
    location: organization.location,
    status: organization.status,
  };
}

export interface OrganizationsService {
  getOrganization(db: Reader, id: string): Promise<Organization>;
  findOrganization(db: Reader, id: string): Promise<Organization | undefined>;
  findBySubmitterId(db: Reader, applicationId: string, submitterId: string): Promise<Organization | undefined>;
  /**
   * Organizations by id, whatever their status, with their approvers on file: for modules that
   * show many roles at once (certification's lists, evidence and sweep), one call per page.
   */
  onFileByIds(db: Reader, ids: readonly string[]): Promise<Map<string, OrganizationOnFile>>;
  /** Organizations by id in one batch (a list page's rows), whatever their status. */
  byIds(db: Reader, ids: readonly string[]): Promise<Map<string, Organization>>;
  /**
   * A submitter ID no organization of the application has: S and six digits from a counter,
   * stepping over any taken by organizations that came from elsewhere (an import, the demo).
   */
  issueSubmitterId(trx: Transaction<DB>, applicationId: string): Promise<string>;
  /** A new organization, from an approved new-organization form: found by its name from now on. */
  create(trx: Transaction<DB>, organization: Organization): Promise<void>;
  /** Replaces the records on file, as an approved update request says. */
  replaceRecords(trx: Transaction<DB>, organizationId: string, records: RecordsOnFile): Promise<void>;
  /** Type-ahead over active organizations of an application: words of the name, or the exact submitter ID. */
  search(applicationId: string, query: string): Promise<OrganizationSummary[]>;
  /**
   * The organization an approver creates with a submitter ID and legal business name: an approved
   * new-organization form, not yet created, naming this person (by email) as approver or backup.
   */
  findForCreation(
    db: Reader,
    input: { applicationId: string; submitterId: string; legalName: string; requesterEmail: string },
  ): Promise<Organization>;
  /** The approver's request was approved: the organization exists for everyone now. */
  activate(trx: Transaction<DB>, organizationId: string): Promise<void>;
  /** Flags an organization with no active approver or backup approver, or clears the flag. */
  setOrphaned(trx: Transaction<DB>, organizationId: string, orphaned: boolean): Promise<void>;
  /** Flags many organizations as orphaned at once; those already flagged keep their date. */
  markOrphaned(trx: Transaction<DB>, organizationIds: readonly string[]): Promise<void>;
  /** Orphan organizations of the applications, longest orphaned first, a page after `after`. */
  orphans(
    applicationIds: readonly string[],
    page: { after?: { orphanedSince: string; id: string }; limit: number },
  ): Promise<Organization[]>;
  /** How many organizations of each application are orphaned now (applications with none are absent). */
  orphanCounts(): Promise<Map<string, number>>;
}

export function createOrganizationsService(deps: { database: Database; clock: Clock }): OrganizationsService {
  return {
    async getOrganization(db, id) {
      const organization = await findOrganizationById(db, id);
      if (!organization) throw new AppError('resource.not_found');
      return organization;
    },

    findOrganization: (db, id) => findOrganizationById(db, id),
    findBySubmitterId: (db, applicationId, submitterId) => findOrganizationBySubmitterId(db, applicationId, submitterId),
    onFileByIds: (db, ids) => listOrganizationsOnFile(db, ids),
    byIds: (db, ids) => listOrganizationsByIds(db, ids),

    async issueSubmitterId(trx, applicationId) {
      for (;;) {
        const value = await nextCounterValue(trx, `submitter_id:${applicationId}`);
        const submitterId = `S${String(value).padStart(6, '0')}`;
        if (!(await findOrganizationBySubmitterId(trx, applicationId, submitterId))) return submitterId;
      }
    },

    async create(trx, organization) {
      await insertOrganization(trx, organization, searchText(organization.legalName));
    },

    async replaceRecords(trx, organizationId, records) {
      await updateOrganizationColumns(trx, organizationId, {
        address_json: JSON.stringify(records.address),
        phone: records.phone,
        fax: records.fax,
        contact_json: JSON.stringify(records.contact),
        approver_on_file_json: JSON.stringify(records.approverOnFile),
        backup_approvers_on_file_json: JSON.stringify(records.backupApproversOnFile),
        updated_at: toTimestamp(deps.clock.now()),
      });
    },

    async search(applicationId, query) {
      const found = await searchActiveOrganizations(deps.database.db, {
        applicationId,
        words: searchWords(query),
        submitterId: query.trim(),
        limit: SEARCH_LIMIT,
      });
      return found.map(summarize);
    },

    async findForCreation(db, input) {
      const organization = await findOrganizationBySubmitterId(db, input.applicationId, input.submitterId.trim());
      const email = input.requesterEmail.trim().toLowerCase();
      const named = organization
        ? [organization.approverOnFile, ...organization.backupApproversOnFile].some(
            (person) => person.email.trim().toLowerCase() === email,
          )
        : false;
      if (
        !organization ||
        organization.status !== 'awaiting_approver' ||
        compact(organization.legalName) !== compact(input.legalName) ||
        !named
      ) {
        throw new AppError('role_request.new_organization_mismatch');
      }
      return organization;
    },

    async activate(trx, organizationId) {
      const now = toTimestamp(deps.clock.now());
      await updateOrganizationColumns(trx, organizationId, { status: 'active', updated_at: now });
    },

    async setOrphaned(trx, organizationId, orphaned) {
      const organization = await findOrganizationById(trx, organizationId);
      if (!organization || (organization.orphanedSince !== null) === orphaned) return;
      const now = toTimestamp(deps.clock.now());
      await updateOrganizationColumns(trx, organizationId, { orphaned_since: orphaned ? now : null, updated_at: now });
    },

    async markOrphaned(trx, organizationIds) {
      if (organizationIds.length === 0) return;
      const now = toTimestamp(deps.clock.now());
      await markOrganizationsOrphaned(trx, organizationIds, now);
    },

    orphans: (applicationIds, page) => listOrphanOrganizations(deps.database.db, applicationIds, page),
    orphanCounts: () => countOrphanOrganizations(deps.database.db),
  };
}
