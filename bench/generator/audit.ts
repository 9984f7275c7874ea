import { deriveAuditKey, GENESIS_HASH, hashAuditEntry } from '../../server/modules/audit/audit-chain.js';
import type { Row } from './rows.js';

/*
 * The audit history of the generated data, chained as the server chains it: each entry's hash is
 * the server's hashAuditEntry() over the previous hash and every field, under the key the server
 * derives from ROLECALL_SECRET_KEY, so `rolecall audit verify` walks the whole chain. Entries must
 * be appended in order, which the generator does by walking its events by time.
 */

export const AUDIT_COLUMNS = [
  'seq',
  'id',
  'occurred_at',
  'actor_kind',
  'actor_id',
  'action',
  'target_type',
  'target_id',
  'before_json',
  'after_json',
  'ip',
  'user_agent',
  'request_id',
  'application_id',
  'organization_id',
  'prev_hash',
  'hash',
] as const;

export interface GeneratedEvent {
  readonly id: string;
  readonly occurredAt: string;
  readonly actor: { readonly kind: 'user' | 'system'; readonly userId?: string };
  readonly action: string;
  readonly target: { readonly type: string; readonly id: string };
  readonly after: unknown;
  /** The application and organization the entry is about, as the server records them. */
  readonly scope: { readonly applicationId: string | null; readonly organizationId: string | null };
}

export class AuditChain {
  private readonly key: Buffer;
  private seq = 0;
  private prevHash = GENESIS_HASH;

  constructor(secretKey: Buffer) {
    this.key = deriveAuditKey(secretKey);
  }

  get entries(): number {
    return this.seq;
  }

  /** The next entry's row; its hash becomes the next entry's previous hash. */
  append(event: GeneratedEvent): Row {
    this.seq += 1;
    const unsigned = {
      seq: this.seq,
      id: event.id,
      occurred_at: event.occurredAt,
      actor_kind: event.actor.kind,
      actor_id: event.actor.userId ?? null,
      action: event.action,
      target_type: event.target.type,
      target_id: event.target.id,
      before_json: null,
      after_json: JSON.stringify(event.after),
      ip: null,
      user_agent: null,
      request_id: null,
      application_id: event.scope.applicationId,
      organization_id: event.scope.organizationId,
      prev_hash: this.prevHash,
    };
    this.prevHash = hashAuditEntry(this.key, unsigned);
    return [...Object.values(unsigned), this.prevHash];
  }
}
