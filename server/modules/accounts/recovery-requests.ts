import type { Logger } from 'pino';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB, RecoveryRequestsTable } from '../../db/schema.js';
import type { Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { SerialRounds } from '../../shared/serial-rounds.js';
import { toTimestamp } from '../../shared/time.js';

export type RecoveryKind = RecoveryRequestsTable['kind'];

/** Carries out one request inside the transaction that takes it off the queue. */
export type RecoveryHandler = (trx: Transaction<DB>, actor: Actor, subject: string) => Promise<void>;

export interface RecoveryRequests {
  /** Writes the request down; the caller answers at once, and the request is carried out soon after. */
  enqueue(actor: Actor, kind: RecoveryKind, subject: string): Promise<void>;
  /** Carries out every waiting request; answers how many this call carried out. */
  carryOut(): Promise<number>;
  /** Resolves once no round is carrying requests out (tests, shutdown). */
  idle(): Promise<void>;
}

const BATCH_SIZE = 50;

/**
 * "Forgot your password" and "forgot your user ID", answered before the account is looked up.
 * Answering writes one row, whoever is asked about; the lookup, the link, the email and the audit
 * entry come after the answer, each request in one transaction that also takes it off the queue,
 * so a request is carried out once even when several processes work the queue. Woken right after
 * each request in a process that runs background work, and run as a sweep for the rest.
 */
export function createRecoveryRequests(deps: {
  database: Database;
  clock: Clock;
  logger: Logger;
  handlers: Record<RecoveryKind, RecoveryHandler>;
  /** False in a process that runs no background work (ROLECALL_JOBS=false): another process's sweep carries the request out. */
  carryOutAfterEach: boolean;
}): RecoveryRequests {
  const { database, clock, handlers } = deps;

  async function carryOutAll(): Promise<number> {
    let done = 0;
    for (;;) {
      const waiting = await database.db
        .selectFrom('recovery_requests')
        .select('id')
        .orderBy('created_at')
        .orderBy('id')
        .limit(BATCH_SIZE)
        .execute();
      if (waiting.length === 0) return done;
      for (const { id } of waiting) {
        // Taking the row off the queue is the claim: another process's DELETE of it waits for this
        // transaction and then finds nothing.
        const carried = await database.transaction(async (trx) => {
          const request = await trx.deleteFrom('recovery_requests').where('id', '=', id).returningAll().executeTakeFirst();
          if (!request) return false;
          await handlers[request.kind](trx, JSON.parse(request.actor_json) as Actor, request.subject);
          return true;
        });
        if (carried) done += 1;
      }
    }
  }

  const rounds = new SerialRounds(carryOutAll, (error) => deps.logger.error({ err: error }, 'recovery requests failed'));

  return {
    async enqueue(actor, kind, subject) {
      const now = clock.now();
      await database.db
        .insertInto('recovery_requests')
        .values({ id: newId(now), kind, subject, actor_json: JSON.stringify(actor), created_at: toTimestamp(now) })
        .execute();
      if (deps.carryOutAfterEach) rounds.wake();
    },
    carryOut: () => rounds.run(),
    idle: () => rounds.idle(),
  };
}
