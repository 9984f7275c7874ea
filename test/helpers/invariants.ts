import type { Kysely } from 'kysely';
import type { DB } from '../../server/db/schema.js';
import type { AuditLog } from '../../server/modules/audit/audit.service.js';

/*
 * What must hold of a Rolecall database however its server stopped: after a crash and a restart
 * that finished the work, nothing is half done, every removal is recorded once, the audit chain
 * verifies, and every email is either out or still waiting, sent at least once and twice only
 * where a crash cut in between the relay accepting it and the row being marked sent.
 */

/** A bulk certification as a client sent it: its items, and the due date they were decided for. */
export interface BulkRequest {
  readonly label: string;
  readonly assignmentIds: readonly string[];
  readonly dueAt: string;
}

export type BulkState = 'all' | 'none';

export interface InvariantInput {
  /** Every bulk certification sent so far, crashed or not. */
  readonly bulkRequests: readonly BulkRequest[];
  /** What the relay received: each message's Message-ID, once per copy. */
  readonly received: readonly { readonly messageId: string }[];
  /** Outbox rows a killed process left in 'sending': only these may have reached the relay twice. */
  readonly leftSending: ReadonlySet<string>;
  /** Outbox rows the test wrote: each must still be there. */
  readonly written: ReadonlySet<string>;
}

export interface InvariantReport {
  readonly failures: string[];
  /** Extra copies the relay received (a message received three times counts two). */
  readonly duplicates: number;
}

const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const parts: T[][] = [];
  for (let start = 0; start < items.length; start += CHUNK) parts.push(items.slice(start, start + CHUNK));
  return parts;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

interface AssignmentFacts {
  id: string;
  user_id: string;
  status: string;
  certification_due_at: string | null;
  last_certified_at: string | null;
  removed_at: string | null;
  removal_kind: string | null;
}
interface DecisionFacts {
  id: string;
  assignment_id: string;
  outcome: string;
  due_at: string;
  next_due_at: string | null;
  decided_at: string;
}
interface CertifiedEntry {
  target_id: string | null;
  before_json: string | null;
  after_json: string | null;
}

const ASSIGNMENT_COLUMNS = [
  'id',
  'user_id',
  'status',
  'certification_due_at',
  'last_certified_at',
  'removed_at',
  'removal_kind',
] as const;
const DECISION_COLUMNS = ['id', 'assignment_id', 'outcome', 'due_at', 'next_due_at', 'decided_at'] as const;

/** The rows a bulk certification's items have: their roles, their decisions, their certified audit entries. */
interface BulkFacts {
  assignments: Map<string, AssignmentFacts>;
  decisionsOf: Map<string, DecisionFacts[]>;
  certifiedEntriesOf: Map<string, CertifiedEntry[]>;
}

function bulkFacts(assignments: AssignmentFacts[], decisions: DecisionFacts[], entries: CertifiedEntry[]): BulkFacts {
  return {
    assignments: new Map(assignments.map((row) => [row.id, row])),
    decisionsOf: groupBy(decisions, (decision) => decision.assignment_id),
    certifiedEntriesOf: groupBy(entries, (entry) => entry.target_id ?? ''),
  };
}

/**
 * Whether a bulk certification happened whole or not at all: each of its items has a
 * certification decision for the due date it was sent for, all from one instant, the role moved
 * to the decision's next due date, and one audit entry naming the decision; or none of them has
 * any of it. Answers the state, or what is half done.
 */
function judgeBulkRequest(request: BulkRequest, facts: BulkFacts): BulkState | string[] {
  const ids = [...new Set(request.assignmentIds)];
  const assignments = ids.flatMap((id) => facts.assignments.get(id) ?? []);
  const decisions = ids.flatMap((id) =>
    (facts.decisionsOf.get(id) ?? []).filter((decision) => decision.outcome === 'certified' && decision.due_at === request.dueAt),
  );
  // Only the entries about this due date: a role certified again later has newer ones.
  const entries = ids.flatMap((id) =>
    (facts.certifiedEntriesOf.get(id) ?? []).filter(
      (entry) => (JSON.parse(entry.before_json ?? '{}') as { certificationDueAt?: string }).certificationDueAt === request.dueAt,
    ),
  );
  const problems: string[] = [];
  const name = `bulk certification ${request.label}`;
  if (assignments.length !== ids.length) problems.push(`${name}: ${ids.length - assignments.length} of its roles are gone`);

  if (decisions.length === 0) {
    if (entries.length > 0) problems.push(`${name}: ${entries.length} audit entries for decisions that are not there`);
    const moved = assignments.filter((row) => row.certification_due_at !== request.dueAt || row.last_certified_at !== null);
    if (moved.length > 0) problems.push(`${name}: ${moved.length} roles moved to another due date without a decision`);
    return problems.length > 0 ? problems : 'none';
  }

  if (decisions.length !== ids.length) {
    problems.push(`${name}: half done, ${decisions.length} of ${ids.length} items decided`);
  }
  const instants = new Set(decisions.map((decision) => decision.decided_at));
  if (instants.size !== 1) problems.push(`${name}: decided at ${instants.size} different instants, not in one transaction`);
  const decisionOf = new Map(decisions.map((decision) => [decision.assignment_id, decision]));
  const notMoved = assignments.filter((row) => {
    const decision = decisionOf.get(row.id);
    return (
      !decision ||
      row.status !== 'active' ||
      row.last_certified_at !== decision.decided_at ||
      row.certification_due_at !== decision.next_due_at
    );
  });
  if (notMoved.length > 0) problems.push(`${name}: ${notMoved.length} roles not moved to their decision's next due date`);
  const entriesPerDecision = countBy(
    entries,
    (entry) => (JSON.parse(entry.after_json ?? '{}') as { decisionId?: string }).decisionId ?? '',
  );
  const unaudited = decisions.filter((decision) => entriesPerDecision.get(decision.id) !== 1);
  if (unaudited.length > 0) problems.push(`${name}: ${unaudited.length} decisions without exactly one audit entry`);
  if (entries.length !== decisions.length) {
    problems.push(`${name}: ${entries.length} audit entries for ${decisions.length} decisions`);
  }
  return problems.length > 0 ? problems : 'all';
}

/** One bulk certification's state, read for its items alone (right after a restart, before a retry). */
export async function bulkRequestState(db: Kysely<DB>, request: BulkRequest): Promise<BulkState | string[]> {
  const assignments: AssignmentFacts[] = [];
  const decisions: DecisionFacts[] = [];
  const entries: CertifiedEntry[] = [];
  for (const part of chunks([...new Set(request.assignmentIds)])) {
    assignments.push(...(await db.selectFrom('role_assignments').select(ASSIGNMENT_COLUMNS).where('id', 'in', part).execute()));
    decisions.push(
      ...(await db.selectFrom('certification_decisions').select(DECISION_COLUMNS).where('assignment_id', 'in', part).execute()),
    );
    entries.push(
      ...(await db
        .selectFrom('audit_log')
        .select(['target_id', 'before_json', 'after_json'])
        .where('action', '=', 'certification.certified')
        .where('target_type', '=', 'role_assignment')
        .where('target_id', 'in', part)
        .execute()),
    );
  }
  return judgeBulkRequest(request, bulkFacts(assignments, decisions, entries));
}

/** Every removal recorded once and whole: its audit entries, its decision, its email. */
async function removalFailures(
  db: Kysely<DB>,
  assignments: readonly AssignmentFacts[],
  decisionsOf: ReadonlyMap<string, DecisionFacts[]>,
): Promise<string[]> {
  const failures: string[] = [];
  const entries = await db
    .selectFrom('audit_log')
    .select(['target_id', 'action'])
    .where('target_type', '=', 'role_assignment')
    .where('action', 'in', ['role.removed', 'certification.expired', 'certification.revoked'])
    .execute();
  const removalEmails = await db
    .selectFrom('outbox')
    .select('recipient')
    .where('channel', '=', 'email')
    .where('template', '=', 'role.removed')
    .execute();
  const emailOf = new Map(
    (await db.selectFrom('users').select(['id', 'email']).execute()).map((user) => [user.id, user.email.toLowerCase()]),
  );

  const entriesOf = groupBy(entries, (entry) => `${entry.action} ${entry.target_id ?? ''}`);
  const byId = new Map(assignments.map((row) => [row.id, row]));
  const counted = {
    unaudited: 0,
    auditedTwice: 0,
    withoutDecision: 0,
    decidedTwice: 0,
    notTheRemoval: 0,
    certifiedAsRemoved: 0,
    auditedButActive: 0,
  };

  for (const row of assignments) {
    const removedEntries = entriesOf.get(`role.removed ${row.id}`)?.length ?? 0;
    const theirs = decisionsOf.get(row.id) ?? [];
    const removals = theirs.filter((decision) => decision.outcome === 'expired' || decision.outcome === 'revoked');
    if (row.status !== 'removed') {
      if (removedEntries > 0 || removals.length > 0) counted.auditedButActive += 1;
      continue;
    }
    if (removedEntries === 0) counted.unaudited += 1;
    if (removedEntries > 1) counted.auditedTwice += 1;
    // A role the certification removed has exactly one decision that removed it, and its own
    // audit entry: certification.expired or certification.revoked.
    const outcome =
      row.removal_kind === 'certification_expired' ? 'expired' : row.removal_kind === 'certification_revoked' ? 'revoked' : null;
    if (outcome !== null) {
      if (removals.length === 0) counted.withoutDecision += 1;
      if (removals.length > 1) counted.decidedTwice += 1;
      const removal = removals[0];
      if (removal && removal.outcome !== outcome) counted.notTheRemoval += 1;
      if ((entriesOf.get(`certification.${outcome} ${row.id}`)?.length ?? 0) !== 1) counted.unaudited += 1;
      // Certified for the due date it was removed for, or at the instant of removal or after: both at once.
      const certified = theirs.filter(
        (decision) =>
          decision.outcome === 'certified' &&
          (decision.decided_at >= (row.removed_at ?? '') || (removal !== undefined && decision.due_at === removal.due_at)),
      );
      if (certified.length > 0) counted.certifiedAsRemoved += 1;
    }
  }
  for (const entry of entries) {
    if (byId.get(entry.target_id ?? '')?.status !== 'removed') counted.auditedButActive += 1;
  }

  const describe: Record<keyof typeof counted, string> = {
    unaudited: 'removed roles without their removal audit entry',
    auditedTwice: 'removed roles audited as removed more than once',
    withoutDecision: 'roles removed by certification without a decision row',
    decidedTwice: 'roles removed by certification with more than one removing decision',
    notTheRemoval: 'removing decisions that do not match the removal',
    certifiedAsRemoved: 'roles both removed and certified for the same due date or instant',
    auditedButActive: 'removal audit entries or decisions for roles that are not removed',
  };
  for (const [key, count] of Object.entries(counted)) {
    if (count > 0) failures.push(`${count} ${describe[key as keyof typeof counted]}`);
  }

  // The holder is told once of each removal: the email row is written in the removal's transaction.
  const removedPerAddress = countBy(
    assignments.filter((row) => row.status === 'removed'),
    (row) => emailOf.get(row.user_id) ?? '',
  );
  const emailsPerAddress = countBy(removalEmails, (row) => row.recipient.toLowerCase());
  let mismatched = 0;
  for (const address of new Set([...removedPerAddress.keys(), ...emailsPerAddress.keys()])) {
    if ((removedPerAddress.get(address) ?? 0) !== (emailsPerAddress.get(address) ?? 0)) mismatched += 1;
  }
  if (mismatched > 0) failures.push(`${mismatched} holders whose removal emails do not match their removed roles`);
  return failures;
}

/** Every outbox row sent or still waiting, and what the relay received accounted for. */
async function outboxFailures(db: Kysely<DB>, input: InvariantInput): Promise<{ failures: string[]; duplicates: number }> {
  const failures: string[] = [];
  const rows = await db.selectFrom('outbox').select(['id', 'channel', 'status', 'locked_until', 'idempotency_key']).execute();
  const now = new Date().toISOString();
  const byStatus = countBy(rows, (row) => row.status);
  const stuck = rows.filter((row) => row.status === 'sending' && (row.locked_until === null || row.locked_until < now));
  if (stuck.length > 0) failures.push(`${stuck.length} outbox rows stuck in 'sending' past their lease`);
  const unknown = [...byStatus.keys()].filter((status) => !['sent', 'pending', 'sending'].includes(status));
  for (const status of unknown) failures.push(`${byStatus.get(status)} outbox rows '${status}', neither sent nor pending`);
  const ids = new Set(rows.map((row) => row.id));
  const lost = [...input.written].filter((id) => !ids.has(id));
  if (lost.length > 0) failures.push(`${lost.length} outbox rows the test wrote are gone`);

  const emails = rows.filter((row) => row.channel === 'email');
  const byMessageId = new Map(emails.map((row) => [`<${row.idempotency_key}@rolecall>`, row]));
  const copies = countBy(input.received, (message) => message.messageId);
  let duplicates = 0;
  let strangers = 0;
  let twiceWithoutCrash = 0;
  for (const [messageId, count] of copies) {
    const row = byMessageId.get(messageId);
    if (!row) {
      strangers += count;
      continue;
    }
    if (count > 1) {
      duplicates += count - 1;
      // At least once: a second copy only where a kill left the row claimed but not marked sent.
      if (!input.leftSending.has(row.id) || count > 2) twiceWithoutCrash += 1;
    }
  }
  if (strangers > 0) failures.push(`${strangers} emails received that belong to no outbox row`);
  if (twiceWithoutCrash > 0) failures.push(`${twiceWithoutCrash} emails received more often than crashes explain`);
  const neverReceived = emails.filter((row) => row.status === 'sent' && !copies.has(`<${row.idempotency_key}@rolecall>`));
  if (neverReceived.length > 0) failures.push(`${neverReceived.length} emails marked sent that the relay never received`);
  return { failures, duplicates };
}

/** Runs every check; an empty list of failures means the database is whole. */
export async function checkInvariants(db: Kysely<DB>, audit: AuditLog, input: InvariantInput): Promise<InvariantReport> {
  const failures: string[] = [];
  // Read once, whole: cheaper than a query per request as the rounds add up.
  const assignments = await db.selectFrom('role_assignments').select(ASSIGNMENT_COLUMNS).execute();
  const decisions = await db.selectFrom('certification_decisions').select(DECISION_COLUMNS).execute();
  const certified = await db
    .selectFrom('audit_log')
    .select(['target_id', 'before_json', 'after_json'])
    .where('action', '=', 'certification.certified')
    .where('target_type', '=', 'role_assignment')
    .execute();
  const facts = bulkFacts(assignments, decisions, certified);
  for (const request of input.bulkRequests) {
    const state = judgeBulkRequest(request, facts);
    if (Array.isArray(state)) failures.push(...state);
  }
  failures.push(...(await removalFailures(db, assignments, facts.decisionsOf)));
  const verification = await audit.verify(db);
  if (!verification.ok)
    failures.push(`the audit chain does not verify at entry ${verification.brokenSeq}: ${verification.reason}`);
  const outbox = await outboxFailures(db, input);
  failures.push(...outbox.failures);
  return { failures, duplicates: outbox.duplicates };
}
