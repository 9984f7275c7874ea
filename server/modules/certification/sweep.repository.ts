import { sql, type Transaction } from 'kysely';
import type { Reader } from '../../db/database.js';
import type { DialectKind } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { chunks, itemsQuery, toItem, type DueAssignment, type ItemRow } from './due-items.repository.js';

/*
 * What the certification sweep reads and writes: the expired items, locked for removal; the items
 * that crossed a reminder threshold, and the reminders and daily digests already recorded.
 */

interface CertificationDigestsTable {
  certifier_id: string;
  day: string;
  items: number;
  sent_at: string;
}

type CertificationDB = DB & { certification_digests: CertificationDigestsTable };
/** Locks, in id order, those of `ids` that are still active and due before `dueBefore`. */
export async function lockExpired(
  trx: Transaction<DB>,
  dialect: DialectKind,
  ids: readonly string[],
  dueBefore: string,
): Promise<DueAssignment[]> {
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
/** Items due in (after, upTo] with no reminder recorded yet for `days` and their current due date. */
export async function listUnreminded(
  db: Reader,
  options: { after: string | undefined; upTo: string; days: number; limit: number },
): Promise<DueAssignment[]> {
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
export async function listRecordedReminders(db: Reader, items: readonly DueAssignment[]): Promise<Set<string>> {
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
