import { randomInt } from 'node:crypto';
import type { Reader } from '../../db/database.js';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { constantTimeEqual, randomToken, sha256Hex } from '../../shared/crypto.js';
import { newId } from '../../shared/ids.js';
import { addMilliseconds, toTimestamp } from '../../shared/time.js';

/*
 * Single-use secrets sent to a person: links (a long random token, found by its hash) and short
 * numeric codes (found by user and purpose, compared in constant time, a few tries each). Only
 * hashes are stored; issuing a new one withdraws the older ones of the same purpose.
 */
export type CodePurpose =
  | 'email.verify'
  | 'email.change'
  | 'password.reset'
  | 'account.setup'
  | 'mfa.sign_in'
  | 'mfa.enroll'
  | 'webauthn.register'
  | 'webauthn.authenticate';

export const MAX_CODE_ATTEMPTS = 5;

export interface IssuedCode {
  id: string;
  value: string;
}

export interface ConsumedCode {
  id: string;
  userId: string;
  payload: Record<string, unknown>;
}

interface IssueOptions {
  userId: string;
  purpose: CodePurpose;
  now: Date;
  ttlMs: number;
  payload?: Record<string, unknown>;
}

export async function issueLinkToken(trx: Transaction<DB>, options: IssueOptions): Promise<IssuedCode> {
  return issue(trx, options, randomToken(32));
}

export async function issueNumericCode(trx: Transaction<DB>, options: IssueOptions): Promise<IssuedCode> {
  return issue(trx, options, String(randomInt(0, 1_000_000)).padStart(6, '0'));
}

/** Stores a value the caller already holds (a WebAuthn challenge) as a single-use secret. */
export async function issueKnownValue(trx: Transaction<DB>, options: IssueOptions, value: string): Promise<IssuedCode> {
  return issue(trx, options, value);
}

async function issue(trx: Transaction<DB>, options: IssueOptions, value: string): Promise<IssuedCode> {
  const now = toTimestamp(options.now);
  await trx
    .updateTable('one_time_codes')
    .set({ used_at: now })
    .where('user_id', '=', options.userId)
    .where('purpose', '=', options.purpose)
    .where('used_at', 'is', null)
    .execute();
  const id = newId(options.now);
  await trx
    .insertInto('one_time_codes')
    .values({
      id,
      user_id: options.userId,
      purpose: options.purpose,
      code_hash: sha256Hex(`${options.purpose}:${value}`),
      expires_at: toTimestamp(addMilliseconds(options.now, options.ttlMs)),
      used_at: null,
      created_at: now,
      payload_json: options.payload ? JSON.stringify(options.payload) : null,
    })
    .execute();
  return { id, value };
}

/** Uses up a link token: answers its owner once, and never again. */
export async function consumeLinkToken(
  trx: Transaction<DB>,
  purpose: CodePurpose,
  token: string,
  now: Date,
): Promise<ConsumedCode | undefined> {
  const row = await trx
    .selectFrom('one_time_codes')
    .select(['id', 'user_id', 'payload_json'])
    .where('code_hash', '=', sha256Hex(`${purpose}:${token}`))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', toTimestamp(now))
    .executeTakeFirst();
  if (!row) return undefined;
  return markUsed(trx, row, now);
}

/**
 * Checks a numeric code against the user's newest live code of that purpose. A wrong code uses
 * up one of its tries; a right one uses up the code.
 */
export async function consumeNumericCode(
  trx: Transaction<DB>,
  options: { userId: string; purpose: CodePurpose; code: string; now: Date },
): Promise<ConsumedCode | undefined> {
  const row = await trx
    .selectFrom('one_time_codes')
    .select(['id', 'user_id', 'payload_json', 'code_hash', 'attempts'])
    .where('user_id', '=', options.userId)
    .where('purpose', '=', options.purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', toTimestamp(options.now))
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  if (!row || row.attempts >= MAX_CODE_ATTEMPTS) return undefined;
  if (!constantTimeEqual(row.code_hash, sha256Hex(`${options.purpose}:${options.code.trim()}`))) {
    await trx
      .updateTable('one_time_codes')
      .set({ attempts: row.attempts + 1 })
      .where('id', '=', row.id)
      .execute();
    return undefined;
  }
  return markUsed(trx, row, options.now);
}

async function markUsed(
  trx: Transaction<DB>,
  row: { id: string; user_id: string; payload_json: string | null },
  now: Date,
): Promise<ConsumedCode | undefined> {
  // The guard on used_at makes a concurrent second use find nothing to update.
  const result = await trx
    .updateTable('one_time_codes')
    .set({ used_at: toTimestamp(now) })
    .where('id', '=', row.id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return undefined;
  return {
    id: row.id,
    userId: row.user_id,
    payload: row.payload_json ? (JSON.parse(row.payload_json) as Record<string, unknown>) : {},
  };
}

/** The payload of the user's newest live code of a purpose: e.g. the address an email change waits on. */
export async function findPendingPayload(
  db: Reader,
  userId: string,
  purpose: CodePurpose,
  now: Date,
): Promise<Record<string, unknown> | undefined> {
  const row = await db
    .selectFrom('one_time_codes')
    .select('payload_json')
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', toTimestamp(now))
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return row?.payload_json ? (JSON.parse(row.payload_json) as Record<string, unknown>) : undefined;
}
