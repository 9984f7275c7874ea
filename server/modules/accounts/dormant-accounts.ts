import type { Transaction } from 'kysely';
import type { Config } from '../../config/config.js';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { systemActor } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { addDays, toTimestamp } from '../../shared/time.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { Notifications } from '../notifications/notifications.service.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import { listDormantUserIds, lockUserById, updateUser } from './accounts.repository.js';

const BATCH_SIZE = 200;

/**
 * The dormant-account sweep: an active account with no sign-in for `dormantDays` (counted from
 * its creation if it never signed in) is disabled, its sessions end and its owner is told how to
 * come back (a password reset). Each batch is one transaction; running it twice disables once.
 */
export function createDormantAccountsSweep(deps: {
  config: Config;
  database: Database;
  clock: Clock;
  audit: AuditLog;
  notifications: Notifications;
  sessions: SessionsService;
  /**
   * Tells the applications where the person holds a role, in the disabling transaction (webhooks);
   * given as a function, since accounts cannot depend on assignments, which depend on accounts.
   */
  accountDisabled: (trx: Transaction<DB>, userId: string, reason: 'dormant') => Promise<void>;
}): () => Promise<number> {
  const days = deps.config.accounts.dormantDays;
  const resetLink = `${deps.config.publicUrl.replace(/\/$/, '')}/forgot-password`;

  return async function disableDormantAccounts(): Promise<number> {
    const cutoff = toTimestamp(addDays(deps.clock.now(), -days));
    let disabled = 0;
    for (;;) {
      const ids = await listDormantUserIds(deps.database.db, cutoff, BATCH_SIZE);
      if (ids.length === 0) return disabled;
      await deps.database.transaction(async (trx) => {
        const now = toTimestamp(deps.clock.now());
        for (const id of ids) {
          // Re-read under the lock: the user may have signed in since the batch was listed.
          const user = await lockUserById(trx, deps.database.kind, id);
          const lastActive = user?.lastSignInAt ?? user?.createdAt;
          if (!user || user.status !== 'active' || lastActive === undefined || lastActive >= cutoff) continue;
          await updateUser(trx, id, { status: 'disabled', disabled_reason: 'dormant', updated_at: now });
          await deps.sessions.endAllForUser(trx, id, 'disabled');
          await deps.audit.record(trx, systemActor, {
            action: 'account.disabled',
            target: { type: 'user', id },
            before: { status: 'active', lastSignInAt: user.lastSignInAt },
            after: { status: 'disabled', reason: 'dormant', days },
          });
          await deps.accountDisabled(trx, id, 'dormant');
          await deps.notifications.enqueueEmail(trx, {
            to: user.email,
            language: user.language,
            template: 'account.disabled_dormant',
            params: { firstName: user.firstName, userId: user.userId, days, resetLink },
          });
          disabled += 1;
        }
      });
      if (ids.length < BATCH_SIZE) return disabled;
    }
  };
}
