import type { Database, Reader } from '../../db/database.js';
import type { Language } from '../../http/errors.js';
import type { Actor, Caller } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import type { AccountsService, Person } from '../accounts/accounts.service.js';
import type { AssignmentsService } from '../assignments/assignments.service.js';
import type { UsageService } from '../usage/usage.service.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { CatalogService } from '../catalog/catalog.service.js';
import type { OrganizationOnFile, OrganizationsService } from '../organizations/organizations.service.js';
import type { AcknowledgementVersion } from './acknowledgement.repository.js';
import { createAcknowledgements } from './acknowledgements.js';
import { createCertificationDecisions, type DecisionInput, type DecisionResult } from './certification-decisions.js';
import { createCertificationList, type CertificationItemView } from './certification-list.js';
import { createCertificationReports, type CertificationSummary, type ExpiringItem } from './certification-reports.js';
import type { CertifierKind } from './certification.policy.js';
import { createCertifierStanding, type CatalogIndex } from './certifier-standing.js';
import type { DueAssignment } from './due-items.repository.js';
import { withHolders, type DueItem } from './due-items.js';
import { createCompletionReport, type CompletionReport } from './completion.js';

/*
 * Annual role certification, as the rest of the server sees it: the service's interface and the
 * one place its parts are put together. Each part does one job: the acknowledgement texts
 * (acknowledgements.ts), who certifies what (certifier-standing.ts), the certifier's list
 * (certification-list.ts), the decisions (certification-decisions.ts) and the reports
 * (certification-reports.ts).
 */

export type { AcknowledgementVersion } from './acknowledgement.repository.js';
export type { DecisionInput, DecisionResult } from './certification-decisions.js';
export type { CertificationItemView } from './certification-list.js';
export type { CertificationSummary, ExpiringItem } from './certification-reports.js';
export type { CatalogIndex } from './certifier-standing.js';

export type { Caller } from '../../shared/actor.js';

/** What the certification service is made from. */
export interface CertificationDeps {
  config: {
    timeZone: string;
    publicUrl: string;
    certification: { windowDays: number; unusedDays: number };
  };
  database: Database;
  clock: Clock;
  audit: AuditLog;
  accounts: AccountsService;
  catalog: CatalogService;
  assignments: AssignmentsService;
  /** The organizations the lists, reports and sweep name. */
  organizations: OrganizationsService;
  /** When holders last signed in to the applications of the roles listed. */
  usage: Pick<UsageService, 'lastSignIns'>;
}

/** Organizations by id with their approvers on file, through the organizations service. */
export function organizationsOnFile(
  deps: Pick<CertificationDeps, 'organizations'>,
): (db: Reader, ids: readonly string[]) => Promise<Map<string, OrganizationOnFile>> {
  return (db, ids) => deps.organizations.onFileByIds(db, ids);
}

export interface CertificationService {
  acknowledgement(db: Reader): Promise<AcknowledgementVersion>;
  acknowledgementText(version: AcknowledgementVersion, language: Language): string;
  /** Every version published, newest first (at most ACKNOWLEDGEMENT_VERSIONS_LISTED). Administrators only. */
  acknowledgementVersions(caller: Caller): Promise<AcknowledgementVersion[]>;
  publishAcknowledgement(
    actor: Actor,
    caller: Caller,
    input: { textEn: string; textEs: string },
  ): Promise<AcknowledgementVersion>;
  /** My Annual Role Certifications: what the caller may certify, due within the window, soonest first. */
  list(
    caller: Caller,
    page: { cursor?: string; limit: number },
  ): Promise<{ items: CertificationItemView[]; nextCursor: string | null; windowDays: number }>;
  /** A holder's roles the caller may certify, whatever their due date; not found when none. */
  holderDetails(
    caller: Caller,
    holderId: string,
  ): Promise<{ holder: CertificationItemView['holder']; items: CertificationItemView[] }>;
  /** Certify or revoke one row, a selection, or the whole list: one transaction, all or nothing. */
  decide(actor: Actor, caller: Caller, input: DecisionInput): Promise<DecisionResult>;
  /** Dry run: what would be removed at the end of `day` (YYYY-MM-DD) if nobody certifies it. */
  expiring(day: string, applicationIds?: readonly string[]): Promise<ExpiringItem[]>;
  /** The dry run for help desk (their applications) and administrators. */
  expiringFor(caller: Caller, day: string): Promise<ExpiringItem[]>;
  evidenceCsv(
    caller: Caller,
    query: { application: string; organization?: string; from: string; to: string },
  ): Promise<{ filename: string; csv: string }>;
  summary(caller: Caller, query: { application: string; organization?: string }): Promise<CertificationSummary>;
  /**
   * Completion now for the program report: each application's certified active roles up to date,
   * due and overdue, and the `organizationLimit` organizations with the most overdue. The caller
   * decides who sees it.
   */
  completion(organizationLimit: number): Promise<CompletionReport>;
  /** Internals the sweep shares. */
  catalogIndex(db: Reader): Promise<CatalogIndex>;
  certifiersFor(
    db: Reader,
    catalog: CatalogIndex,
    items: readonly DueAssignment[],
  ): Promise<Map<string, { kind: CertifierKind; userIds: string[] }>>;
  /** Items with their holders, one accounts lookup (due-items.ts). */
  withHolders(db: Reader, rows: readonly DueAssignment[]): Promise<DueItem[]>;
  /** People to email, one accounts lookup. */
  peopleByIds(db: Reader, ids: readonly string[]): Promise<Map<string, Person>>;
  /** Organizations to name, one organizations lookup. */
  organizationsOnFile(db: Reader, ids: readonly string[]): Promise<Map<string, OrganizationOnFile>>;
}

export function createCertificationService(deps: CertificationDeps): CertificationService {
  const standing = createCertifierStanding(deps);
  const acknowledgements = createAcknowledgements(deps);
  return {
    ...acknowledgements,
    ...createCertificationList(deps, standing),
    ...createCertificationDecisions(deps, standing, acknowledgements.acknowledgement),
    ...createCertificationReports(deps, standing),
    ...createCompletionReport(deps),
    catalogIndex: standing.catalogIndex,
    certifiersFor: standing.certifiersFor,
    withHolders: (db, rows) => withHolders(deps.accounts, db, rows),
    peopleByIds: (db, ids) => deps.accounts.peopleByIds(db, ids),
    organizationsOnFile: organizationsOnFile(deps),
  };
}
