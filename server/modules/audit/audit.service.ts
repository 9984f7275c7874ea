import type { Kysely, Transaction } from 'kysely';
import { afterCommit } from '../../db/database.js';
import { lockForTransaction, type DialectKind } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { toTimestamp } from '../../shared/time.js';
import { deriveAuditKey, GENESIS_HASH, hashAuditEntry } from './audit-chain.js';
import { findChainHead, insertAuditRows, listAuditRowsAfter, type NewAuditRow } from './audit.repository.js';

export interface AuditEvent {
  /** dotted verb, e.g. "user.registered", "role_request.approved" */
  readonly action: string;
  readonly target?: { readonly type: string; readonly id: string };
  readonly before?: unknown;
  readonly after?: unknown;
  /** The application and organization it is about, when it is about them: the audit search's scope. */
  readonly scope?: { readonly applicationId?: string | null; readonly organizationId?: string | null };
}

export type AuditVerification =
  | { readonly ok: true; readonly entries: number }
  | {
      readonly ok: false;
      readonly entries: number;
      readonly brokenSeq: number;
      readonly brokenId: string | null;
      readonly reason: string;
    };

export interface AuditLog {
  /** Appends one entry in the caller's transaction: the entry commits or rolls back with the change. */
  record(trx: Transaction<DB>, actor: Actor, event: AuditEvent): Promise<void>;
  /** Appends several entries at once (sweeps, bulk decisions), in order. */
  recordMany(trx: Transaction<DB>, actor: Actor, events: readonly AuditEvent[]): Promise<void>;
  /** Walks the whole chain and names the first entry that does not verify. */
  verify(db: Kysely<DB>): Promise<AuditVerification>;
}

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
      let expectedSeq = 1;
      let prevHash = GENESIS_HASH;
      for (;;) {
        const page = await listAuditRowsAfter(db, expectedSeq - 1, 1000);
        if (page.length === 0) return { ok: true, entries: expectedSeq - 1 };
        for (const row of page) {
          const broken = (reason: string): AuditVerification => ({
            ok: false,
            entries: expectedSeq - 1,
            brokenSeq: expectedSeq,
            brokenId: row.seq === expectedSeq ? row.id : null,
            reason,
          });
          if (row.seq !== expectedSeq) return broken(`entry ${expectedSeq} is missing (next entry found is ${row.seq})`);
          if (row.prev_hash !== prevHash) return broken('its previous-hash does not match the entry before it');
          if (hashAuditEntry(key, row) !== row.hash) return broken('its content does not match its hash');
          prevHash = row.hash;
          expectedSeq += 1;
        }
      }
    },
  };
}
