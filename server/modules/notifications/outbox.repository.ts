import { sql, type Kysely, type Transaction } from 'kysely';
import type { DialectKind } from '../../db/dialect.js';
import type { DB, NewOutboxRow, OutboxRow } from '../../db/schema.js';

/** Rows per insert: 16 columns each stays well inside SQLite's and PostgreSQL's parameter limits. */
const INSERT_CHUNK = 500;

export async function insertOutboxRows(trx: Transaction<DB>, rows: readonly NewOutboxRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    await trx
      .insertInto('outbox')
      .values(rows.slice(start, start + INSERT_CHUNK))
      .execute();
  }
}

/**
 * Claims up to `limit` messages that are due, or whose previous claim lapsed (a process died
 * mid-delivery), and leases them until `leaseUntil`. On PostgreSQL rows another process is
 * claiming are skipped, so any number of dispatchers can run at once.
 */
export async function claimDueOutboxRows(
  db: Kysely<DB>,
  dialect: DialectKind,
  channel: string,
  now: string,
  leaseUntil: string,
  limit: number,
): Promise<OutboxRow[]> {
  let due = db
    .selectFrom('outbox')
    .select('id')
    .where('channel', '=', channel)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
        eb.and([eb('status', '=', 'sending'), eb('locked_until', '<', now)]),
      ]),
    )
    .orderBy('next_attempt_at')
    .limit(limit);
  if (dialect === 'postgres') due = due.forUpdate().skipLocked();
  return db
    .updateTable('outbox')
    .set((eb) => ({ status: 'sending', locked_until: leaseUntil, attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', due)
    .returningAll()
    .execute();
}

export async function markOutboxSent(db: Kysely<DB>, id: string, sentAt: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ status: 'sent', sent_at: sentAt, locked_until: null, last_error: null })
    .where('id', '=', id)
    .execute();
}

/** Records a failed attempt: retried at `retryAt`, or given up on when `retryAt` is null. */
export async function markOutboxAttemptFailed(db: Kysely<DB>, id: string, error: string, retryAt: string | null): Promise<void> {
  await db
    .updateTable('outbox')
    .set(
      retryAt === null
        ? { status: 'failed', locked_until: null, last_error: error }
        : { status: 'pending', next_attempt_at: retryAt, locked_until: null, last_error: error },
    )
    .where('id', '=', id)
    .execute();
}

/** Email, text and voice messages, newest first; `before` is the id of the last row of the previous page. */
export async function listOutboxRows(db: Kysely<DB>, options: { before?: string; limit: number }): Promise<OutboxRow[]> {
  // Webhook messages have their own delivery log (the webhooks module's).
  let query = db.selectFrom('outbox').selectAll().where('channel', '!=', 'webhook').orderBy('id', 'desc').limit(options.limit);
  if (options.before !== undefined) query = query.where('id', '<', options.before);
  return query.execute();
}

/** Messages not sent yet, counted by status (pending, sending, failed). */
export async function countUnsentOutboxRows(db: Kysely<DB>): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('outbox')
    .select(['status', sql<number | string>`count(*)`.as('count')])
    .where('status', '!=', 'sent')
    .groupBy('status')
    .execute();
  return new Map(rows.map((row) => [row.status, Number(row.count)]));
}
