import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pino from 'pino';
import { buildApp } from '../../server/app.js';
import { createContext, type AppContext } from '../../server/context.js';
import { cookieNames } from '../../server/http/session-auth.js';
import type { SessionStage } from '../../server/modules/sessions/sessions.service.js';
import { ApiClient } from './api-client.js';
import type { TestApp } from './test-context.js';

/*
 * What the race suite shares: a second server process on the same database, signed-in clients
 * made without signing in (the races are about what comes after), and a tally of rounds.
 */

/** Two server processes on one database, or on SQLite (one writer process) the same one twice. */
export interface RaceProcesses {
  readonly apps: readonly [FastifyInstance, FastifyInstance];
  readonly contexts: readonly [AppContext, AppContext];
  close(): Promise<void>;
}

/**
 * On PostgreSQL a second context and HTTP application over a pool of their own, as a second
 * server process behind a load balancer would be: racing requests are sent one to each. A SQLite
 * file is served by one process through one connection, so there both are the test's own.
 */
export async function twoProcesses(t: TestApp): Promise<RaceProcesses> {
  if (t.testDatabase.kind === 'sqlite') {
    return { apps: [t.app, t.app], contexts: [t.ctx, t.ctx], close: async () => undefined };
  }
  const ctx = createContext(t.ctx.config, {
    clock: t.clock,
    database: t.testDatabase.connectAgain(),
    logger: pino({ level: 'silent' }),
  });
  const app = await buildApp(ctx);
  await app.ready();
  return {
    apps: [t.app, app],
    contexts: [t.ctx, ctx],
    async close() {
      // The pool itself is closed with the test's database.
      await app.close();
      await ctx.scheduler.stop();
      await ctx.accounts.recoveryRequests.idle();
      await ctx.dispatcher.idle();
    },
  };
}

/** A session opened for a person as sign-in would open it, without the password and code. */
export async function openSession(
  ctx: AppContext,
  userId: string,
  stage: SessionStage = 'active',
): Promise<{ token: string; csrfToken: string }> {
  return ctx.database.transaction((trx) =>
    ctx.sessions.open(trx, { kind: 'user', userId }, { userId, stage, ...(stage === 'active' ? { mfaMethod: 'totp' } : {}) }),
  );
}

/** A browser on `app` carrying the session: the same session may be used on both processes. */
export function clientWith(app: FastifyInstance, session: { token: string; csrfToken: string }): ApiClient {
  const client = new ApiClient(app);
  // Test servers answer on http: the cookie's name has no `__Host-` prefix.
  client.setCookie(cookieNames('http://127.0.0.1').session, session.token);
  client.csrfToken = session.csrfToken;
  return client;
}

/** The newest audit entry's sequence number: entries after it are the round's. */
export async function lastAuditSeq(ctx: AppContext): Promise<number> {
  const row = await ctx.database.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}

/** Audit entries after `afterSeq` with one of `actions`, about `targetId` when given, oldest first. */
export async function auditSince(ctx: AppContext, afterSeq: number, actions: readonly string[], targetId?: string) {
  const rows = await ctx.database.db
    .selectFrom('audit_log')
    .select(['seq', 'action', 'target_id', 'after_json'])
    .where('seq', '>', afterSeq)
    .where('action', 'in', [...actions])
    .$if(targetId !== undefined, (query) => query.where('target_id', '=', targetId as string))
    .orderBy('seq')
    .execute();
  return rows.map((row) => ({ ...row, after: row.after_json ? (JSON.parse(row.after_json) as Record<string, unknown>) : {} }));
}

/**
 * Rounds of one race: each round names its outcome and whatever broke the rule of one outcome.
 * A round that broke it counts as a double outcome; the test asserts there were none, after
 * every round has run, so a failure shows how often it happens and not only that it did.
 */
export class RaceTally {
  rounds = 0;
  doubleOutcomes = 0;
  private readonly outcomes = new Map<string, number>();
  private readonly problems: string[] = [];

  constructor(
    private readonly name: string,
    private readonly dialect: string,
  ) {}

  record(outcome: string, problems: readonly string[]): void {
    this.rounds += 1;
    this.outcomes.set(outcome, (this.outcomes.get(outcome) ?? 0) + 1);
    if (problems.length === 0) return;
    this.doubleOutcomes += 1;
    // The first few are enough to see what went wrong.
    if (this.problems.length < 10) this.problems.push(`round ${this.rounds}: ${problems.join('; ')}`);
  }

  /** One line for the log, e.g. `race two approvers (postgres): 200 rounds, 0 double outcomes (approved 100, rejected 100)`. */
  line(): string {
    const outcomes = [...this.outcomes].map(([outcome, count]) => `${outcome} ${count}`).join(', ');
    return `race ${this.name} (${this.dialect}): ${this.rounds} rounds, ${this.doubleOutcomes} double outcomes (${outcomes})`;
  }

  /** What went wrong in the first rounds that broke the rule. */
  firstProblems(): readonly string[] {
    return this.problems;
  }
}

/**
 * Starts `start` after `steps` steps of the other racer's way to its transaction. Racers started
 * one after the other reach their transactions in much the same order every time: starting the
 * second a few steps later, a different number each round, gives each of them rounds where it
 * locks first and covers the moments between. A step is what the first racer's own steps take: on
 * SQLite, served in process, a turn of the event loop; on PostgreSQL a round trip to the database,
 * on the second racer's pool.
 */
export async function afterSteps<T>(ctx: AppContext, steps: number, start: () => Promise<T>): Promise<T> {
  for (let step = 0; step < steps; step++) {
    if (ctx.database.kind === 'postgres') await sql`select 1`.execute(ctx.database.db);
    else await new Promise((resolve) => setImmediate(resolve));
  }
  return start();
}
