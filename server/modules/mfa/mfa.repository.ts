import type { Transaction } from 'kysely';
import type { Reader } from '../../db/database.js';
import type { DB } from '../../db/schema.js';

export type FactorKind = 'totp' | 'webauthn' | 'email' | 'sms' | 'voice';

export interface Factor {
  id: string;
  userId: string;
  kind: FactorKind;
  label: string;
  secretEncrypted: string | null;
  lastUsedStep: number | null;
  credentialId: string | null;
  publicKey: string | null;
  signCount: number | null;
  transports: string[];
  phone: string | null;
  confirmedAt: string | null;
  lastUsedAt: string | null;
  createdAt: string;
}

function toFactor(row: {
  id: string;
  user_id: string;
  kind: string;
  label: string;
  secret_encrypted: string | null;
  last_used_step: number | null;
  webauthn_credential_id: string | null;
  webauthn_public_key: string | null;
  webauthn_sign_count: number | null;
  webauthn_transports: string | null;
  phone: string | null;
  confirmed_at: string | null;
  last_used_at: string | null;
  created_at: string;
}): Factor {
  return {
    id: row.id,
    userId: row.user_id,
    kind: row.kind as FactorKind,
    label: row.label,
    secretEncrypted: row.secret_encrypted,
    lastUsedStep: row.last_used_step === null ? null : Number(row.last_used_step),
    credentialId: row.webauthn_credential_id,
    publicKey: row.webauthn_public_key,
    signCount: row.webauthn_sign_count === null ? null : Number(row.webauthn_sign_count),
    transports: row.webauthn_transports ? (JSON.parse(row.webauthn_transports) as string[]) : [],
    phone: row.phone,
    confirmedAt: row.confirmed_at,
    lastUsedAt: row.last_used_at,
    createdAt: row.created_at,
  };
}

export async function listConfirmedFactors(db: Reader, userId: string): Promise<Factor[]> {
  const rows = await db
    .selectFrom('mfa_factors')
    .selectAll()
    .where('user_id', '=', userId)
    .where('confirmed_at', 'is not', null)
    .orderBy('created_at')
    .execute();
  return rows.map(toFactor);
}

export async function findFactor(db: Reader, userId: string, factorId: string): Promise<Factor | undefined> {
  const row = await db
    .selectFrom('mfa_factors')
    .selectAll()
    .where('id', '=', factorId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row && toFactor(row);
}

export async function insertFactor(trx: Transaction<DB>, factor: Factor): Promise<void> {
  await trx
    .insertInto('mfa_factors')
    .values({
      id: factor.id,
      user_id: factor.userId,
      kind: factor.kind,
      label: factor.label,
      secret_encrypted: factor.secretEncrypted,
      last_used_step: factor.lastUsedStep,
      webauthn_credential_id: factor.credentialId,
      webauthn_public_key: factor.publicKey,
      webauthn_sign_count: factor.signCount,
      webauthn_transports: factor.transports.length > 0 ? JSON.stringify(factor.transports) : null,
      phone: factor.phone,
      confirmed_at: factor.confirmedAt,
      last_used_at: factor.lastUsedAt,
      created_at: factor.createdAt,
    })
    .execute();
}

export async function markFactorConfirmed(
  trx: Transaction<DB>,
  factorId: string,
  now: string,
  lastUsedStep?: number,
): Promise<void> {
  await trx
    .updateTable('mfa_factors')
    .set({ confirmed_at: now, last_used_at: now, ...(lastUsedStep === undefined ? {} : { last_used_step: lastUsedStep }) })
    .where('id', '=', factorId)
    .execute();
}

/**
 * Records a use of a factor. For an authenticator app the accepted time step must be newer than
 * the stored one, checked in the update itself: two requests racing with one code cannot both win.
 */
export async function recordFactorUse(
  trx: Transaction<DB>,
  factor: Factor,
  now: string,
  use: { step?: number; signCount?: number },
): Promise<boolean> {
  const result = await trx
    .updateTable('mfa_factors')
    .set({
      last_used_at: now,
      ...(use.step === undefined ? {} : { last_used_step: use.step }),
      ...(use.signCount === undefined ? {} : { webauthn_sign_count: use.signCount }),
    })
    .where('id', '=', factor.id)
    .$if(use.step !== undefined, (query) =>
      query.where((eb) => eb.or([eb('last_used_step', 'is', null), eb('last_used_step', '<', use.step as number)])),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteFactor(trx: Transaction<DB>, factorId: string): Promise<void> {
  await trx.deleteFrom('mfa_factors').where('id', '=', factorId).execute();
}

/** Every device of a user, confirmed or not, and their recovery codes: the help desk's reset. */
export async function deleteEveryFactor(trx: Transaction<DB>, userId: string): Promise<void> {
  await trx.deleteFrom('mfa_factors').where('user_id', '=', userId).execute();
  await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
}

/** Unconfirmed enrolments older than `before` are abandoned: remove them. */
export async function deleteAbandonedFactors(trx: Transaction<DB>, userId: string, before: string): Promise<void> {
  await trx
    .deleteFrom('mfa_factors')
    .where('user_id', '=', userId)
    .where('confirmed_at', 'is', null)
    .where('created_at', '<', before)
    .execute();
}

export async function replaceRecoveryCodes(
  trx: Transaction<DB>,
  userId: string,
  codes: { id: string; hash: string }[],
  now: string,
): Promise<void> {
  await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  if (codes.length === 0) return;
  await trx
    .insertInto('recovery_codes')
    .values(codes.map((code) => ({ id: code.id, user_id: userId, code_hash: code.hash, used_at: null, created_at: now })))
    .execute();
}

/** Uses up a recovery code: true once, false ever after. */
export async function useRecoveryCode(trx: Transaction<DB>, userId: string, hash: string, now: string): Promise<boolean> {
  const result = await trx
    .updateTable('recovery_codes')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function countUnusedRecoveryCodes(db: Reader, userId: string): Promise<number> {
  const row = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
