import { createHmac } from 'node:crypto';
import type { AuditLogRow } from '../../db/schema.js';

/** The previous hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The chain key, derived from ROLECALL_SECRET_KEY. Keying the hashes means that someone who can
 * write to the database but does not hold the key cannot rewrite an entry and recompute the
 * hashes after it.
 */
export function deriveAuditKey(secretKey: Buffer): Buffer {
  return createHmac('sha256', secretKey).update('rolecall audit chain v1').digest();
}

/**
 * The hash of one entry: HMAC-SHA-256 over the previous entry's hash and every recorded field,
 * in a fixed order. Changing, removing or reordering any entry breaks every hash after it.
 */
export function hashAuditEntry(
  key: Buffer,
  row: Omit<AuditLogRow, 'hash' | 'application_id' | 'organization_id'> &
    Partial<Pick<AuditLogRow, 'application_id' | 'organization_id'>>,
): string {
  const fields = [
    row.seq,
    row.id,
    row.occurred_at,
    row.actor_kind,
    row.actor_id,
    row.action,
    row.target_type,
    row.target_id,
    row.before_json,
    row.after_json,
    row.ip,
    row.user_agent,
    row.request_id,
    // Entries about an application or organization hash them too; entries without keep the
    // fields of the chain's first version, so the entries written before still verify.
    ...(row.application_id || row.organization_id ? [row.application_id, row.organization_id] : []),
  ];
  return createHmac('sha256', key)
    .update(`${row.prev_hash}\n${JSON.stringify(fields)}`)
    .digest('hex');
}

/**
 * A checkpoint's signature: HMAC-SHA-256 under the chain's key over the head it names and when.
 * Without the key, a checkpoint cannot be made up or moved back to an earlier head.
 */
export function signCheckpoint(key: Buffer, checkpoint: { seq: number; hash: string; createdAt: string }): string {
  return createHmac('sha256', key)
    .update(`checkpoint\n${checkpoint.seq}\n${checkpoint.hash}\n${checkpoint.createdAt}`)
    .digest('hex');
}
