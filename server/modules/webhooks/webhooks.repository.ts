import type { Transaction } from 'kysely';
import type { Reader } from '../../db/database.js';
import type { DB } from '../../db/schema.js';

export interface SubscriptionRow {
  id: string;
  application_id: string;
  url: string;
  secret_encrypted: string;
  events_json: string;
  created_at: string;
}

export async function insertSubscription(db: Transaction<DB>, row: SubscriptionRow): Promise<void> {
  await db
    .insertInto('webhook_subscriptions')
    .values({ ...row, active: 1, updated_at: row.created_at })
    .execute();
}

/** The subscriptions in force, as a query to narrow. */
function activeSubscriptions(db: Reader) {
  return db
    .selectFrom('webhook_subscriptions')
    .select(['id', 'application_id', 'url', 'secret_encrypted', 'events_json', 'created_at'])
    .where('active', '=', 1);
}

export async function listSubscriptionRows(db: Reader): Promise<SubscriptionRow[]> {
  return activeSubscriptions(db).orderBy('id').execute();
}

export async function findSubscriptionRow(db: Reader, id: string): Promise<SubscriptionRow | undefined> {
  return activeSubscriptions(db).where('id', '=', id).executeTakeFirst();
}

/** The active subscriptions of these applications. */
export async function subscriptionsOf(db: Reader, applicationIds: readonly string[]): Promise<SubscriptionRow[]> {
  if (applicationIds.length === 0) return [];
  return activeSubscriptions(db).where('application_id', 'in', applicationIds).execute();
}

export async function deleteSubscription(db: Transaction<DB>, id: string): Promise<boolean> {
  const result = await db.deleteFrom('webhook_subscriptions').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export interface MessageRow {
  id: string;
  subscription_id: string;
  event_type: string;
  body: string;
  status: string;
  attempts: number;
  created_at: string;
  delivered_at: string | null;
}

/** Rows per insert: 8 columns each stays inside both databases' parameter limits. */
const INSERT_CHUNK = 500;

export async function insertMessages(
  db: Transaction<DB>,
  rows: readonly Omit<MessageRow, 'attempts' | 'delivered_at'>[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    await db
      .insertInto('webhook_messages')
      .values(rows.slice(start, start + INSERT_CHUNK))
      .execute();
  }
}

export async function findMessage(db: Reader, id: string): Promise<MessageRow | undefined> {
  return db.selectFrom('webhook_messages').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A subscription's messages, newest first; `before` is the last id of the previous page. */
export async function listMessages(
  db: Reader,
  subscriptionId: string,
  page: { before?: string; limit: number },
): Promise<MessageRow[]> {
  let query = db
    .selectFrom('webhook_messages')
    .selectAll()
    .where('subscription_id', '=', subscriptionId)
    .orderBy('id', 'desc')
    .limit(page.limit);
  if (page.before !== undefined) query = query.where('id', '<', page.before);
  return query.execute();
}

export interface AttemptRow {
  id: string;
  message_id: string;
  attempted_at: string;
  response_status: number | null;
  error: string | null;
  duration_ms: number;
}

/** Records one attempt and the message's state after it. */
export async function recordAttempt(
  db: Transaction<DB>,
  attempt: AttemptRow,
  message: { status: 'delivered' | 'pending' | 'failed'; deliveredAt: string | null },
): Promise<void> {
  await db.insertInto('webhook_attempts').values(attempt).execute();
  await db
    .updateTable('webhook_messages')
    .set((eb) => ({ status: message.status, delivered_at: message.deliveredAt, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', attempt.message_id)
    .execute();
}

export async function setMessageStatus(db: Transaction<DB>, id: string, status: string): Promise<void> {
  await db.updateTable('webhook_messages').set({ status }).where('id', '=', id).execute();
}

/** The attempts at these messages, oldest first. */
export async function attemptsOf(db: Reader, messageIds: readonly string[]): Promise<AttemptRow[]> {
  if (messageIds.length === 0) return [];
  return db.selectFrom('webhook_attempts').selectAll().where('message_id', 'in', messageIds).orderBy('id').execute();
}
