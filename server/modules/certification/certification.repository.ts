import { sql, type ExpressionBuilder, type Transaction } from 'kysely';
import type { Reader } from '../../db/database.js';
import type { DialectKind } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { toAssignment, type Assignment } from '../assignments/assignments.service.js';
import type { PersonOnFile } from '../organizations/organizations.service.js';

/*
 * Certification reads assignments by the thousand (lists, bulk decisions, the sweep), so its
 * queries read role_assignments, users and organizations directly, set-based, instead of one
 * service call per row. Writes to role_assignments here are limited to the certification columns;
 * removals go through the assignments service.
 */

interface CertificationDigestsTable {
  certifier_id: string;
  day: string;
  items: number;
  sent_at: string;
}

type CertificationDB = DB & { certification_digests: CertificationDigestsTable };

/** SQLite's bound-parameter limit and PostgreSQL's plan sizes both like bounded lists. */
export const CHUNK = 500;

export function chunks<T>(values: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < values.length; start += size) out.push(values.slice(start, start + size));
  return out;
}

export interface Holder {
  id: string;
  userId: string;
  firstName: string;
  lastName: string;
  email: string;
  language: 'en' | 'es';
  lastSignInAt: string | null;
}

/** An active assignment with a due date, and its holder. */
export interface DueItem {
  assignment: Assignment;
  /** certification_due_at, never null here. */
  dueAt: string;
  holder: Holder;
}

/**
 * Who may certify what, as SQL: the caller's standing, found once per request. An item is the
 * caller's when it is an organization-certified role of an organization they approve for, or when
 * they are help desk of its application and it is help-desk-certified, or organization-certified
 * in an organization with no approver besides its holder (an orphan).
 */
export interface CertifierScope {
  userId: string;
  /** Organizations where the caller is an active approver or backup approver. */
  approverOrganizationIds: readonly string[];
  /** Applications where the caller is help desk. */
  helpDeskApplicationIds: readonly string[];
  /** Roles certified by the organization's approvers. */
  orgCertifiedRoleIds: readonly string[];
  /** Roles certified by the help desk. */
  helpDeskCertifiedRoleIds: readonly string[];
  /** The approver and backup approver roles: their holders certify an organization's end users. */
  approverRoleIds: readonly string[];
}

const ITEM_COLUMNS = [
  'ra.id',
  'ra.user_id',
  'ra.application_id',
  'ra.role_id',
  'ra.organization_id',
  'ra.status',
  'ra.established_at',
  'ra.last_certified_at',
  'ra.certification_due_at',
  'ra.request_id',
  'ra.removed_at',
  'ra.removed_by',
  'ra.removal_kind',
  'ra.removal_reason',
  'ra.version',
  'u.user_id as holder_user_id',
  'u.first_name as holder_first_name',
  'u.last_name as holder_last_name',
  'u.email as holder_email',
  'u.language as holder_language',
  'u.last_sign_in_at as holder_last_sign_in_at',
] as const;

interface ItemRow {
  id: string;
  user_id: string;
  application_id: string;
  role_id: string;
  organization_id: string;
  status: string;
  established_at: string;
  last_certified_at: string | null;
  certification_due_at: string | null;
  request_id: string | null;
  removed_at: string | null;
  removed_by: string | null;
  removal_kind: string | null;
  removal_reason: string | null;
  version: number;
  holder_user_id: string;
  holder_first_name: string;
  holder_last_name: string;
  holder_email: string;
  holder_language: string;
  holder_last_sign_in_at: string | null;
}

function toItem(row: ItemRow): DueItem {
  return {
    assignment: toAssignment(row),
    dueAt: row.certification_due_at ?? '',
    holder: {
      id: row.user_id,
      userId: row.holder_user_id,
      firstName: row.holder_first_name,
      lastName: row.holder_last_name,
      email: row.holder_email,
      language: row.holder_language === 'es' ? 'es' : 'en',
      lastSignInAt: row.holder_last_sign_in_at,
    },
  };
}

type ItemEb = ExpressionBuilder<DB & { ra: DB['role_assignments']; u: DB['users'] }, 'ra' | 'u'>;

/** The scope's rule as a WHERE condition over `ra` (role_assignments). */
function certifiableBy(eb: ItemEb, scope: CertifierScope) {
  const branches = [];
  if (scope.approverOrganizationIds.length > 0 && scope.orgCertifiedRoleIds.length > 0) {
    branches.push(
      eb.and([eb('ra.role_id', 'in', scope.orgCertifiedRoleIds), eb('ra.organization_id', 'in', scope.approverOrganizationIds)]),
    );
  }
  if (scope.helpDeskApplicationIds.length > 0) {
    const helpDeskItems = [];
    if (scope.helpDeskCertifiedRoleIds.length > 0) helpDeskItems.push(eb('ra.role_id', 'in', scope.helpDeskCertifiedRoleIds));
    if (scope.orgCertifiedRoleIds.length > 0) {
      const approverRoleIds = scope.approverRoleIds.length > 0 ? scope.approverRoleIds : [''];
      helpDeskItems.push(
        eb.and([
          eb('ra.role_id', 'in', scope.orgCertifiedRoleIds),
          eb.not(
            eb.exists(
              eb
                .selectFrom('role_assignments as ap')
                .select(sql`1`.as('one'))
                .whereRef('ap.organization_id', '=', 'ra.organization_id')
                .where('ap.role_id', 'in', approverRoleIds)
                .where('ap.status', '=', 'active')
                .whereRef('ap.user_id', '!=', 'ra.user_id'),
            ),
          ),
        ]),
      );
    }
    if (helpDeskItems.length > 0) {
      branches.push(eb.and([eb('ra.application_id', 'in', scope.helpDeskApplicationIds), eb.or(helpDeskItems)]));
    }
  }
  if (branches.length === 0) return sql<boolean>`1 = 0`;
  return eb.and([
    eb('ra.status', '=', 'active'),
    eb('ra.certification_due_at', 'is not', null),
    eb('ra.user_id', '!=', scope.userId),
    eb.or(branches),
  ]);
}

function itemsQuery(db: Reader) {
  return db.selectFrom('role_assignments as ra').innerJoin('users as u', 'u.id', 'ra.user_id').select(ITEM_COLUMNS);
}

/** My Annual Role Certifications: a page of the caller's items due up to `dueUpTo`, soonest first. */
export async function listCertifiable(
  db: Reader,
  scope: CertifierScope,
  options: { dueUpTo: string; after?: { dueAt: string; id: string }; limit: number },
): Promise<DueItem[]> {
  const rows = await itemsQuery(db)
    .where((eb) => certifiableBy(eb, scope))
    .where('ra.certification_due_at', '<=', options.dueUpTo)
    .$if(options.after !== undefined, (query) =>
      query.where((eb) =>
        eb(eb.refTuple('ra.certification_due_at', 'ra.id'), '>', eb.tuple(options.after!.dueAt, options.after!.id)),
      ),
    )
    .orderBy('ra.certification_due_at')
    .orderBy('ra.id')
    .limit(options.limit)
    .execute();
  return rows.map((row) => toItem(row as ItemRow));
}

/** One holder's items the caller may certify, whatever their due date. */
export async function listCertifiableOfHolder(db: Reader, scope: CertifierScope, holderId: string): Promise<DueItem[]> {
  const rows = await itemsQuery(db)
    .where((eb) => certifiableBy(eb, scope))
    .where('ra.user_id', '=', holderId)
    .orderBy('ra.certification_due_at')
    .orderBy('ra.id')
    .limit(1000)
    .execute();
  return rows.map((row) => toItem(row as ItemRow));
}

/**
 * Locks and reads, for a decision, every item of the caller due up to `dueUpTo` ("the whole
 * list"), in id order: the order every locking path here uses, so two of them never deadlock.
 */
export async function lockAllCertifiable(
  trx: Transaction<DB>,
  dialect: DialectKind,
  scope: CertifierScope,
  dueUpTo: string,
): Promise<DueItem[]> {
  const rows = await itemsQuery(trx)
    .where((eb) => certifiableBy(eb, scope))
    .where('ra.certification_due_at', '<=', dueUpTo)
    .orderBy('ra.id')
    .$if(dialect === 'postgres', (query) => query.forUpdate('ra'))
    .execute();
  return rows.map((row) => toItem(row as ItemRow));
}

/** Locks and reads assignments by id, in id order, whatever their state (the caller classifies them). */
export async function lockAssignments(trx: Transaction<DB>, dialect: DialectKind, ids: readonly string[]): Promise<DueItem[]> {
  const sorted = [...new Set(ids)].sort();
  const items: DueItem[] = [];
  for (const part of chunks(sorted)) {
    const rows = await itemsQuery(trx)
      .where('ra.id', 'in', part)
      .orderBy('ra.id')
      .$if(dialect === 'postgres', (query) => query.forUpdate('ra'))
      .execute();
    items.push(...rows.map((row) => toItem(row as ItemRow)));
  }
  return items;
}

/** Locks, in id order, those of `ids` that are still active and due before `dueBefore`. */
export async function lockExpired(
  trx: Transaction<DB>,
  dialect: DialectKind,
  ids: readonly string[],
  dueBefore: string,
): Promise<DueItem[]> {
  if (ids.length === 0) return [];
  const rows = await itemsQuery(trx)
    .where('ra.id', 'in', [...ids].sort())
    .where('ra.status', '=', 'active')
    .where('ra.certification_due_at', '<', dueBefore)
    .orderBy('ra.id')
    .$if(dialect === 'postgres', (query) => query.forUpdate('ra'))
    .execute();
  return rows.map((row) => toItem(row as ItemRow));
}

/** Active items whose due date has passed (`dueBefore`: the start of today), oldest first. */
export async function listExpiredIds(db: Reader, dueBefore: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('role_assignments')
    .select('id')
    .where('status', '=', 'active')
    .where('certification_due_at', '<', dueBefore)
    .orderBy('certification_due_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/** Active items due up to `dueUpTo`, in the given applications (all when undefined), a page at a time. */
export async function listDueUpTo(
  db: Reader,
  options: {
    dueUpTo: string;
    applicationIds: readonly string[] | undefined;
    after?: { dueAt: string; id: string };
    limit: number;
  },
): Promise<DueItem[]> {
  if (options.applicationIds && options.applicationIds.length === 0) return [];
  const rows = await itemsQuery(db)
    .where('ra.status', '=', 'active')
    .where('ra.certification_due_at', 'is not', null)
    .where('ra.certification_due_at', '<=', options.dueUpTo)
    .$if(options.applicationIds !== undefined, (query) =>
      query.where('ra.application_id', 'in', options.applicationIds as string[]),
    )
    .$if(options.after !== undefined, (query) =>
      query.where((eb) =>
        eb(eb.refTuple('ra.certification_due_at', 'ra.id'), '>', eb.tuple(options.after!.dueAt, options.after!.id)),
      ),
    )
    .orderBy('ra.certification_due_at')
    .orderBy('ra.id')
    .limit(options.limit)
    .execute();
  return rows.map((row) => toItem(row as ItemRow));
}

/** Items due in (after, upTo] with no reminder recorded yet for `days` and their current due date. */
export async function listUnreminded(
  db: Reader,
  options: { after: string | undefined; upTo: string; days: number; limit: number },
): Promise<DueItem[]> {
  const rows = await itemsQuery(db)
    .where('ra.status', '=', 'active')
    .where('ra.certification_due_at', 'is not', null)
    .where('ra.certification_due_at', '<=', options.upTo)
    .$if(options.after !== undefined, (query) => query.where('ra.certification_due_at', '>', options.after as string))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('certification_reminders as cr')
            .select(sql`1`.as('one'))
            .whereRef('cr.assignment_id', '=', 'ra.id')
            .whereRef('cr.due_at', '=', 'ra.certification_due_at')
            .where('cr.days', '=', options.days),
        ),
      ),
    )
    .orderBy('ra.certification_due_at')
    .orderBy('ra.id')
    .limit(options.limit)
    .execute();
  return rows.map((row) => toItem(row as ItemRow));
}

/** The reminders already recorded for these items' current due dates: "assignmentId:days". */
export async function listRecordedReminders(db: Reader, items: readonly DueItem[]): Promise<Set<string>> {
  const recorded = new Set<string>();
  for (const part of chunks(items)) {
    const rows = await db
      .selectFrom('certification_reminders')
      .select(['assignment_id', 'due_at', 'days'])
      .where(
        'assignment_id',
        'in',
        part.map((item) => item.assignment.id),
      )
      .execute();
    const dueOf = new Map(part.map((item) => [item.assignment.id, item.dueAt]));
    for (const row of rows) if (dueOf.get(row.assignment_id) === row.due_at) recorded.add(`${row.assignment_id}:${row.days}`);
  }
  return recorded;
}

export async function insertReminders(
  trx: Transaction<DB>,
  rows: readonly { assignmentId: string; dueAt: string; days: number }[],
  sentAt: string,
): Promise<void> {
  for (const part of chunks(rows)) {
    await trx
      .insertInto('certification_reminders')
      .values(part.map((row) => ({ assignment_id: row.assignmentId, due_at: row.dueAt, days: row.days, sent_at: sentAt })))
      .onConflict((oc) => oc.columns(['assignment_id', 'due_at', 'days']).doNothing())
      .execute();
  }
}

/** The certifiers among `certifierIds` who already had their digest on `day`. */
export async function listDigested(db: Reader, certifierIds: readonly string[], day: string): Promise<Set<string>> {
  const found = new Set<string>();
  const digests = db.withTables<{ certification_digests: CertificationDigestsTable }>();
  for (const part of chunks(certifierIds)) {
    const rows = await digests
      .selectFrom('certification_digests')
      .select('certifier_id')
      .where('day', '=', day)
      .where('certifier_id', 'in', part)
      .execute();
    for (const row of rows) found.add(row.certifier_id);
  }
  return found;
}

/** Records a certifier's digest for a day; false when they already had one. */
export async function recordDigest(
  trx: Transaction<DB>,
  digest: { certifierId: string; day: string; items: number; sentAt: string },
): Promise<boolean> {
  const result = await (trx as unknown as Transaction<CertificationDB>)
    .insertInto('certification_digests')
    .values({ certifier_id: digest.certifierId, day: digest.day, items: digest.items, sent_at: digest.sentAt })
    .onConflict((oc) => oc.columns(['certifier_id', 'day']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** The active approvers and backup approvers of these organizations, by organization. */
export async function listApproversOf(
  db: Reader,
  organizationIds: readonly string[],
  approverRoleIds: readonly string[],
): Promise<Map<string, string[]>> {
  const byOrganization = new Map<string, string[]>();
  if (approverRoleIds.length === 0) return byOrganization;
  for (const part of chunks([...new Set(organizationIds)].filter((id) => id !== ''))) {
    const rows = await db
      .selectFrom('role_assignments')
      .select(['organization_id', 'user_id'])
      .where('organization_id', 'in', part)
      .where('role_id', 'in', approverRoleIds)
      .where('status', '=', 'active')
      .execute();
    for (const row of rows)
      byOrganization.set(row.organization_id, [...(byOrganization.get(row.organization_id) ?? []), row.user_id]);
  }
  return byOrganization;
}

export interface OrganizationRecord {
  id: string;
  submitterId: string;
  legalName: string;
  approverOnFile: PersonOnFile | null;
  backupApproversOnFile: PersonOnFile[];
}

function parsePerson(json: string): PersonOnFile | null {
  const value = JSON.parse(json) as Partial<PersonOnFile> | null;
  if (!value || typeof value !== 'object' || (!value.email && !value.firstName && !value.lastName)) return null;
  return { firstName: value.firstName ?? '', lastName: value.lastName ?? '', email: value.email ?? '' };
}

export async function listOrganizations(db: Reader, ids: readonly string[]): Promise<Map<string, OrganizationRecord>> {
  const found = new Map<string, OrganizationRecord>();
  for (const part of chunks([...new Set(ids)].filter((id) => id !== ''))) {
    const rows = await db
      .selectFrom('organizations')
      .select(['id', 'submitter_id', 'legal_name', 'approver_on_file_json', 'backup_approvers_on_file_json'])
      .where('id', 'in', part)
      .execute();
    for (const row of rows) {
      const backups = JSON.parse(row.backup_approvers_on_file_json) as unknown;
      found.set(row.id, {
        id: row.id,
        submitterId: row.submitter_id,
        legalName: row.legal_name,
        approverOnFile: parsePerson(row.approver_on_file_json),
        backupApproversOnFile: Array.isArray(backups)
          ? backups.map((person) => parsePerson(JSON.stringify(person))).filter((person) => person !== null)
          : [],
      });
    }
  }
  return found;
}

export interface Person {
  id: string;
  userId: string;
  firstName: string;
  lastName: string;
  email: string;
  language: 'en' | 'es';
}

export async function listPeople(db: Reader, ids: readonly string[]): Promise<Map<string, Person>> {
  const found = new Map<string, Person>();
  for (const part of chunks([...new Set(ids)])) {
    const rows = await db
      .selectFrom('users')
      .select(['id', 'user_id', 'first_name', 'last_name', 'email', 'language', 'status'])
      .where('id', 'in', part)
      .execute();
    for (const row of rows) {
      found.set(row.id, {
        id: row.id,
        userId: row.user_id,
        firstName: row.first_name,
        lastName: row.last_name,
        email: row.email,
        language: row.language === 'es' ? 'es' : 'en',
      });
    }
  }
  return found;
}

export type DecisionOutcome = 'certified' | 'revoked' | 'expired';

export interface NewDecision {
  id: string;
  assignmentId: string;
  applicationId: string;
  organizationId: string;
  roleId: string;
  holderId: string;
  certifierId: string | null;
  outcome: DecisionOutcome;
  acknowledgementVersion: number | null;
  dueAt: string;
  nextDueAt: string | null;
  decidedAt: string;
}

/**
 * Inserts decisions; answers the assignment ids whose decision went in. One due date is decided
 * once (a unique index): a decision that lost a race inserts nothing and is left out.
 */
export async function insertDecisions(trx: Transaction<DB>, decisions: readonly NewDecision[]): Promise<Set<string>> {
  const inserted = new Set<string>();
  for (const part of chunks(decisions)) {
    const rows = await trx
      .insertInto('certification_decisions')
      .values(
        part.map((decision) => ({
          id: decision.id,
          assignment_id: decision.assignmentId,
          application_id: decision.applicationId,
          organization_id: decision.organizationId,
          role_id: decision.roleId,
          holder_id: decision.holderId,
          certifier_id: decision.certifierId,
          outcome: decision.outcome,
          acknowledgement_version: decision.acknowledgementVersion,
          due_at: decision.dueAt,
          next_due_at: decision.nextDueAt,
          decided_at: decision.decidedAt,
        })),
      )
      .onConflict((oc) => oc.columns(['assignment_id', 'due_at']).doNothing())
      .returning('assignment_id')
      .execute();
    for (const row of rows) inserted.add(row.assignment_id);
  }
  return inserted;
}

/**
 * Moves certified assignments to their next due date; answers how many were still active. A due
 * date only moves forward (the condition below), so the current due date of an active role never
 * has a decision yet: what the list offers to decide, the sweep can expire.
 */
export async function markCertified(
  trx: Transaction<DB>,
  ids: readonly string[],
  /** nextDueAt is null for a role nobody certifies any more: it falls due no more. */
  values: { at: string; nextDueAt: string | null },
): Promise<number> {
  let updated = 0;
  for (const part of chunks(ids, 1000)) {
    const result = await trx
      .updateTable('role_assignments')
      .set((eb) => ({
        last_certified_at: values.at,
        certification_due_at: values.nextDueAt,
        version: eb('version', '+', 1),
        updated_at: values.at,
      }))
      .where('id', 'in', part)
      .where('status', '=', 'active')
      .$if(values.nextDueAt !== null, (query) => query.where('certification_due_at', '<', values.nextDueAt!))
      .executeTakeFirst();
    updated += Number(result.numUpdatedRows);
  }
  return updated;
}

export interface AcknowledgementVersion {
  version: number;
  textEn: string;
  textEs: string;
  publishedAt: string;
}

export async function findCurrentAcknowledgement(db: Reader): Promise<AcknowledgementVersion | undefined> {
  const row = await db.selectFrom('acknowledgement_versions').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirst();
  return row && { version: row.version, textEn: row.text_en, textEs: row.text_es, publishedAt: row.published_at };
}

export async function insertAcknowledgement(trx: Transaction<DB>, id: string, version: AcknowledgementVersion): Promise<void> {
  await trx
    .insertInto('acknowledgement_versions')
    .values({
      id,
      version: version.version,
      text_en: version.textEn,
      text_es: version.textEs,
      published_at: version.publishedAt,
    })
    .execute();
}

export interface DecisionRecord {
  id: string;
  assignmentId: string;
  applicationId: string;
  organizationId: string;
  roleId: string;
  outcome: DecisionOutcome;
  acknowledgementVersion: number | null;
  dueAt: string;
  nextDueAt: string | null;
  decidedAt: string;
  holder: { id: string; userId: string; firstName: string; lastName: string };
  certifier: { id: string; userId: string; firstName: string; lastName: string } | null;
}

/** Decisions of one application (and organizations, when given) decided in [from, to], oldest first, a page at a time. */
export async function listDecisions(
  db: Reader,
  options: {
    applicationId: string;
    organizationIds: readonly string[] | undefined;
    from: string;
    to: string;
    afterId?: string;
    afterDecidedAt?: string;
    limit: number;
  },
): Promise<DecisionRecord[]> {
  if (options.organizationIds && options.organizationIds.length === 0) return [];
  const rows = await db
    .selectFrom('certification_decisions as d')
    .innerJoin('users as h', 'h.id', 'd.holder_id')
    .leftJoin('users as c', 'c.id', 'd.certifier_id')
    .select([
      'd.id',
      'd.assignment_id',
      'd.application_id',
      'd.organization_id',
      'd.role_id',
      'd.outcome',
      'd.acknowledgement_version',
      'd.due_at',
      'd.next_due_at',
      'd.decided_at',
      'h.id as holder_id',
      'h.user_id as holder_user_id',
      'h.first_name as holder_first_name',
      'h.last_name as holder_last_name',
      'c.id as certifier_id',
      'c.user_id as certifier_user_id',
      'c.first_name as certifier_first_name',
      'c.last_name as certifier_last_name',
    ])
    .where('d.application_id', '=', options.applicationId)
    .$if(options.organizationIds !== undefined, (query) =>
      query.where('d.organization_id', 'in', options.organizationIds as string[]),
    )
    .where('d.decided_at', '>=', options.from)
    .where('d.decided_at', '<=', options.to)
    .$if(options.afterId !== undefined, (query) =>
      query.where((eb) =>
        eb(eb.refTuple('d.decided_at', 'd.id'), '>', eb.tuple(options.afterDecidedAt as string, options.afterId as string)),
      ),
    )
    .orderBy('d.decided_at')
    .orderBy('d.id')
    .limit(options.limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    assignmentId: row.assignment_id,
    applicationId: row.application_id,
    organizationId: row.organization_id,
    roleId: row.role_id,
    outcome: row.outcome as DecisionOutcome,
    acknowledgementVersion: row.acknowledgement_version,
    dueAt: row.due_at,
    nextDueAt: row.next_due_at,
    decidedAt: row.decided_at,
    holder: {
      id: row.holder_id,
      userId: row.holder_user_id,
      firstName: row.holder_first_name,
      lastName: row.holder_last_name,
    },
    certifier:
      row.certifier_id && row.certifier_user_id
        ? {
            id: row.certifier_id,
            userId: row.certifier_user_id,
            firstName: row.certifier_first_name ?? '',
            lastName: row.certifier_last_name ?? '',
          }
        : null,
  }));
}

/** Counts of decisions by outcome since `since`, for one application (and organizations). */
export async function countDecisions(
  db: Reader,
  options: { applicationId: string; organizationIds: readonly string[] | undefined; since: string },
): Promise<Record<DecisionOutcome, number>> {
  const counts: Record<DecisionOutcome, number> = { certified: 0, revoked: 0, expired: 0 };
  if (options.organizationIds && options.organizationIds.length === 0) return counts;
  const rows = await db
    .selectFrom('certification_decisions')
    .select(['outcome', (eb) => eb.fn.countAll<number>().as('count')])
    .where('application_id', '=', options.applicationId)
    .$if(options.organizationIds !== undefined, (query) =>
      query.where('organization_id', 'in', options.organizationIds as string[]),
    )
    .where('decided_at', '>=', options.since)
    .groupBy('outcome')
    .execute();
  for (const row of rows) if (row.outcome in counts) counts[row.outcome as DecisionOutcome] = Number(row.count);
  return counts;
}

/** Active items of one application (and organizations) due in [from, upTo]; `from` undefined: no lower bound. */
export async function countDue(
  db: Reader,
  options: {
    applicationId: string;
    organizationIds: readonly string[] | undefined;
    from?: string;
    before?: string;
    upTo?: string;
  },
): Promise<number> {
  if (options.organizationIds && options.organizationIds.length === 0) return 0;
  const row = await db
    .selectFrom('role_assignments')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('application_id', '=', options.applicationId)
    .where('status', '=', 'active')
    .where('certification_due_at', 'is not', null)
    .$if(options.organizationIds !== undefined, (query) =>
      query.where('organization_id', 'in', options.organizationIds as string[]),
    )
    .$if(options.from !== undefined, (query) => query.where('certification_due_at', '>=', options.from as string))
    .$if(options.before !== undefined, (query) => query.where('certification_due_at', '<', options.before as string))
    .$if(options.upTo !== undefined, (query) => query.where('certification_due_at', '<=', options.upTo as string))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
