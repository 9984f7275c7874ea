import type { Database, Reader } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { toTimestamp } from '../../shared/time.js';
import type { AuditLog } from '../audit/audit.service.js';
import { listSignIns, upsertSignIn } from './usage.repository.js';

/*
 * Who uses which application: each sign-in to an application through Rolecall's OpenID Connect
 * provider is recorded (and audited), and certifiers read the last one beside each role.
 */

export interface UsageService {
  /** A person signed in to an application now: recorded and audited in one transaction. */
  recordSignIn(actor: Actor, userId: string, applicationId: string): Promise<void>;
  /** The last sign-in of each (person, application) pair that has one, by `usageKey`. */
  lastSignIns(db: Reader, pairs: readonly { userId: string; applicationId: string }[]): Promise<Map<string, string>>;
}

export function usageKey(userId: string, applicationId: string): string {
  return `${userId} ${applicationId}`;
}

export function createUsageService(deps: { database: Database; clock: Clock; audit: AuditLog }): UsageService {
  return {
    async recordSignIn(actor, userId, applicationId) {
      await deps.database.transaction(async (trx) => {
        await upsertSignIn(trx, userId, applicationId, toTimestamp(deps.clock.now()));
        await deps.audit.record(trx, actor, {
          action: 'application.signed_in',
          target: { type: 'application', id: applicationId },
          scope: { applicationId },
        });
      });
    },

    async lastSignIns(db, pairs) {
      const rows = await listSignIns(
        db,
        [...new Set(pairs.map((pair) => pair.userId))],
        [...new Set(pairs.map((pair) => pair.applicationId))],
      );
      return new Map(rows.map((row) => [usageKey(row.user_id, row.application_id), row.last_signed_in_at]));
    },
  };
}
