import type { Reader } from '../../db/database.js';

/*
 * oidc-provider's state (sessions, interactions, grants, codes, tokens) in one table, one row per
 * model and id, so any server process can serve any step of a flow. The payload is the provider's
 * own JSON; the columns beside it are what it is looked up or removed by.
 */

/** A stored payload, as the provider wrote it. */
export type OidcPayload = Record<string, unknown>;

export interface StoredPayload {
  payload: OidcPayload;
  consumedAt: string | null;
}

export async function upsertPayload(
  db: Reader,
  row: { type: string; id: string; payload: OidcPayload; expiresAt: string | null },
): Promise<void> {
  const values = {
    payload_json: JSON.stringify(row.payload),
    grant_id: stringField(row.payload, 'grantId'),
    user_code: stringField(row.payload, 'userCode'),
    uid: stringField(row.payload, 'uid'),
    expires_at: row.expiresAt,
  };
  await db
    .insertInto('oidc_payloads')
    .values({ type: row.type, id: row.id, consumed_at: null, ...values })
    .onConflict((conflict) => conflict.columns(['type', 'id']).doUpdateSet(values))
    .execute();
}

/** A payload not yet expired at `now`, by its id or by one of the fields it is looked up by. */
export async function findPayload(
  db: Reader,
  type: string,
  by: { id: string } | { uid: string } | { userCode: string },
  now: string,
): Promise<StoredPayload | undefined> {
  const row = await db
    .selectFrom('oidc_payloads')
    .select(['payload_json', 'consumed_at'])
    .where('type', '=', type)
    .$if('id' in by, (query) => query.where('id', '=', (by as { id: string }).id))
    .$if('uid' in by, (query) => query.where('uid', '=', (by as { uid: string }).uid))
    .$if('userCode' in by, (query) => query.where('user_code', '=', (by as { userCode: string }).userCode))
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .executeTakeFirst();
  return row && { payload: JSON.parse(row.payload_json) as OidcPayload, consumedAt: row.consumed_at };
}

export async function consumePayload(db: Reader, type: string, id: string, at: string): Promise<void> {
  await db.updateTable('oidc_payloads').set({ consumed_at: at }).where('type', '=', type).where('id', '=', id).execute();
}

export async function deletePayload(db: Reader, type: string, id: string): Promise<void> {
  await db.deleteFrom('oidc_payloads').where('type', '=', type).where('id', '=', id).execute();
}

/** Every code and token issued under one grant: revoking the grant removes them all. */
export async function deleteGrantPayloads(db: Reader, grantId: string): Promise<void> {
  await db.deleteFrom('oidc_payloads').where('grant_id', '=', grantId).execute();
}

/** Removes payloads that expired before `now`, a batch at a time; the number removed. */
export async function deleteExpiredPayloads(db: Reader, now: string, limit: number): Promise<number> {
  const expired = db.selectFrom('oidc_payloads').select('id').where('expires_at', '<=', now).limit(limit);
  const result = await db
    .deleteFrom('oidc_payloads')
    .where('expires_at', '<=', now)
    .where('id', 'in', expired)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

function stringField(payload: OidcPayload, field: string): string | null {
  const value = payload[field];
  return typeof value === 'string' ? value : null;
}
