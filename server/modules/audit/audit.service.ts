import type { Kysely, Transaction } from 'kysely';
import { afterCommit } from '../../db/database.js';
import { lockForTransaction, type DialectKind } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { systemActor, type Actor } from '../../shared/actor.js';
import { constantTimeEqual } from '../../shared/crypto.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { toTimestamp } from '../../shared/time.js';
import { deriveAuditKey, GENESIS_HASH, hashAuditEntry, signCheckpoint } from './audit-chain.js';
import {
  findChainHead,
  findNewestCheckpoint,
  findNewestEntry,
  insertAuditRows,
  insertCheckpoint,
  listAuditRowsAfter,
  type NewAuditRow,
} from './audit.repository.js';

export interface AuditEvent {
  /** dotted verb, e.g. "user.registered", "role_request.approved" */
  readonly action: string;
  readonly target?: { readonly type: string; readonly id: string };
  readonly before?: unknown;
  readonly after?: unknown;
  /** The application and organization it is about, when it is about them: the audit search's scope. */
  readonly scope?: { readonly applicationId?: string | null; readonly organizationId?: string | null };
}

/** What verification saw: the chain's head, for an operator to compare with one noted elsewhere, and the newest checkpoint. */
interface VerificationSight {
  readonly head: { readonly seq: number; readonly hash: string } | null;
  readonly checkpoint: { readonly seq: number; readonly createdAt: string } | null;
}

export type AuditVerification = VerificationSight &
  (
    | { readonly ok: true; readonly entries: number }
    | {
        readonly ok: false;
        readonly entries: number;
        readonly brokenSeq: number;
        readonly brokenId: string | null;
        readonly reason: string;
      }
  );

export interface AuditLog {
  /** Appends one entry in the caller's transaction: the entry commits or rolls back with the change. */
  record(trx: Transaction<DB>, actor: Actor, event: AuditEvent): Promise<void>;
  /** Appends several entries at once (sweeps, bulk decisions), in order. */
  recordMany(trx: Transaction<DB>, actor: Actor, events: readonly AuditEvent[]): Promise<void>;
  /**
   * Walks the whole chain and names the first entry that does not verify; then checks the newest
   * checkpoint: its signature, and that the entry it names is still there with the same hash.
   */
  verify(db: Kysely<DB>): Promise<AuditVerification>;
  /**
   * Records a checkpoint entry in the log and signs it, the chain's new head, into
   * audit_checkpoints, unless nothing was written since the last checkpoint. Answers the head it
   * signed, if it signed one.
   */
  writeCheckpoint(trx: Transaction<DB>): Promise<{ seq: number; hash: string } | undefined>;
}

export const CHECKPOINT_ACTION = 'audit.checkpoint';

const CHAIN_LOCK = 'audit_log.chain';

/*
 * Per open transaction, the chain's head after its last append. The chain's lock is held until
 * the transaction ends, so no one else moves the head meanwhile: a later append in the same
 * transaction (a sign-in writes two entries, a sweep one batch after another) neither takes the
 * lock again nor reads the head back.
 */
const headsInTransaction = new WeakMap<Transaction<DB>, { seq: number; hash: string }>();

export function createAuditLog(deps: {
  dialect: DialectKind;
  clock: Clock;
  secretKey: Buffer;
  /** Told of the events once their transaction has committed (the application metrics). */
  onCommitted?: (events: readonly AuditEvent[]) => void;
}): AuditLog {
  const key = deriveAuditKey(deps.secretKey);

  async function recordMany(trx: Transaction<DB>, actor: Actor, events: readonly AuditEvent[]): Promise<void> {
    if (events.length === 0) return;
    let head = headsInTransaction.get(trx);
    if (!head) {
      // The chain is one sequence: appends from concurrent transactions must take turns.
      await lockForTransaction(deps.dialect, trx, CHAIN_LOCK);
      const stored = await findChainHead(trx);
      head = { seq: stored?.seq ?? 0, hash: stored?.hash ?? GENESIS_HASH };
    }
    let seq = head.seq;
    let prevHash = head.hash;
    const occurredAt = toTimestamp(deps.clock.now());
    const rows: NewAuditRow[] = events.map((event) => {
      seq += 1;
      const row: NewAuditRow = {
        seq,
        id: newId(),
        occurred_at: occurredAt,
        actor_kind: actor.kind,
        actor_id: actor.userId ?? null,
        action: event.action,
        target_type: event.target?.type ?? null,
        target_id: event.target?.id ?? null,
        before_json: event.before === undefined ? null : JSON.stringify(event.before),
        after_json: event.after === undefined ? null : JSON.stringify(event.after),
        ip: actor.ip ?? null,
        user_agent: actor.userAgent ?? null,
        request_id: actor.requestId ?? null,
        application_id: event.scope?.applicationId || null,
        organization_id: event.scope?.organizationId || null,
        prev_hash: prevHash,
        hash: '',
      };
      // Set afterwards rather than spread into a copy: a sweep hashes a hundred thousand of these.
      row.hash = prevHash = hashAuditEntry(key, row);
      return row;
    });
    await insertAuditRows(trx, rows);
    headsInTransaction.set(trx, { seq, hash: prevHash });
    const onCommitted = deps.onCommitted;
    if (onCommitted) afterCommit(trx, () => onCommitted(events));
  }

  return {
    recordMany,
    record: (trx, actor, event) => recordMany(trx, actor, [event]),

    async verify(db) {
      const checkpoint = await findNewestCheckpoint(db);
      const sight = (head: { seq: number; hash: string } | null): VerificationSight => ({
        head,
        checkpoint: checkpoint ? { seq: Number(checkpoint.seq), createdAt: checkpoint.created_at } : null,
      });
      let expectedSeq = 1;
      let prevHash = GENESIS_HASH;
      let hashAtCheckpoint: string | undefined;
      for (;;) {
        const page = await listAuditRowsAfter(db, expectedSeq - 1, 1000);
        for (const row of page) {
          const broken = (reason: string): AuditVerification => ({
            ok: false,
            entries: expectedSeq - 1,
            brokenSeq: expectedSeq,
            brokenId: row.seq === expectedSeq ? row.id : null,
            reason,
            ...sight(expectedSeq > 1 ? { seq: expectedSeq - 1, hash: prevHash } : null),
          });
          if (row.seq !== expectedSeq) return broken(`entry ${expectedSeq} is missing (next entry found is ${row.seq})`);
          if (row.prev_hash !== prevHash) return broken('its previous-hash does not match the entry before it');
          if (hashAuditEntry(key, row) !== row.hash) return broken('its content does not match its hash');
          if (checkpoint && row.seq === Number(checkpoint.seq)) hashAtCheckpoint = row.hash;
          prevHash = row.hash;
          expectedSeq += 1;
        }
        if (page.length > 0) continue;
        const entries = expectedSeq - 1;
        const seen = sight(entries > 0 ? { seq: entries, hash: prevHash } : null);
        if (!checkpoint) return { ok: true, entries, ...seen };
        const cut = (reason: string): AuditVerification => ({
          ok: false,
          entries,
          brokenSeq: Number(checkpoint.seq),
          brokenId: null,
          reason,
          ...seen,
        });
        const signed = { seq: Number(checkpoint.seq), hash: checkpoint.hash, createdAt: checkpoint.created_at };
        if (!constantTimeEqual(signCheckpoint(key, signed), checkpoint.signature)) {
          return cut('the newest checkpoint’s signature does not match it');
        }
        if (hashAtCheckpoint === undefined) {
          return cut(
            `the log ends at entry ${entries}, but the checkpoint of ${checkpoint.created_at} names entry ${signed.seq}: entries were removed from its end`,
          );
        }
        if (hashAtCheckpoint !== checkpoint.hash) return cut('the entry the newest checkpoint names has another hash');
        return { ok: true, entries, ...seen };
      }
    },

    async writeCheckpoint(trx) {
      // Under the chain's lock: no entry is appended between reading the head and signing it.
      await lockForTransaction(deps.dialect, trx, CHAIN_LOCK);
      const newest = await findNewestEntry(trx);
      if (!newest || newest.action === CHECKPOINT_ACTION) return undefined;
      // The entry says which head it follows; the signed row names the entry itself, so that even
      // the newest entry cut off is seen.
      headsInTransaction.set(trx, { seq: Number(newest.seq), hash: newest.hash });
      await recordMany(trx, systemActor, [{ action: CHECKPOINT_ACTION, after: { seq: Number(newest.seq), hash: newest.hash } }]);
      const head = headsInTransaction.get(trx)!;
      const createdAt = toTimestamp(deps.clock.now());
      const signature = signCheckpoint(key, { ...head, createdAt });
      await insertCheckpoint(trx, { seq: head.seq, hash: head.hash, created_at: createdAt, signature });
      return { ...head };
    },
  };
}
