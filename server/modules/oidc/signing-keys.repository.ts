import type { Selectable } from 'kysely';
import type { Reader } from '../../db/database.js';
import type { DB } from '../../db/schema.js';

export type SigningKeyRow = Selectable<DB['oidc_signing_keys']>;

export async function insertSigningKey(db: Reader, row: SigningKeyRow): Promise<void> {
  await db.insertInto('oidc_signing_keys').values(row).execute();
}

/** The keys still published at `now` (not retired, or retired later), newest signer first. */
export async function listPublishedKeys(db: Reader, now: string): Promise<SigningKeyRow[]> {
  return db
    .selectFrom('oidc_signing_keys')
    .selectAll()
    .where((eb) => eb.or([eb('retired_at', 'is', null), eb('retired_at', '>', now)]))
    .orderBy('signs_from', 'desc')
    .orderBy('kid')
    .execute();
}

/** Sets when the keys in service now stop being published; the kids retired. */
export async function retireKeysInService(db: Reader, retiredAt: string): Promise<string[]> {
  const rows = await db
    .updateTable('oidc_signing_keys')
    .set({ retired_at: retiredAt })
    .where('retired_at', 'is', null)
    .returning('kid')
    .execute();
  return rows.map((row) => row.kid);
}
