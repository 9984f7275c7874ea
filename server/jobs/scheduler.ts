import type { Logger } from 'pino';
import type { Database } from '../db/database.js';
import { withSessionLock } from '../db/dialect.js';
import type { Clock } from '../shared/clock.js';
import { toTimestamp } from '../shared/time.js';

export interface Sweep {
  /** Unique, stable: also the name of its lock, e.g. "outbox.deliver". */
  readonly name: string;
  readonly intervalSeconds: number;
  run(): Promise<unknown>;
}

export type SweepOutcome = { readonly ran: true; readonly result: unknown } | { readonly ran: false };

/**
 * Runs named sweeps on an interval, in every server process. Each run holds a lock named after
 * the sweep (a PostgreSQL advisory lock when several processes share a database), so one process
 * at a time runs a given sweep and the others skip that turn.
 */
export class Scheduler {
  private readonly sweeps = new Map<string, Sweep>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();
  private stopped = false;

  constructor(
    private readonly deps: {
      database: Database;
      clock: Clock;
      logger: Logger;
      /** Told of every run: ran, skipped (another process held the sweep) or failed, and how long it took. */
      onRun?: (name: string, outcome: 'ran' | 'skipped' | 'failed', seconds: number) => void;
    },
  ) {}

  register(sweep: Sweep): void {
    if (this.sweeps.has(sweep.name)) throw new Error(`Sweep ${sweep.name} is registered twice`);
    this.sweeps.set(sweep.name, sweep);
  }

  names(): string[] {
    return [...this.sweeps.keys()];
  }

  start(): void {
    this.stopped = false;
    for (const sweep of this.sweeps.values()) {
      const timer = setInterval(() => void this.runNow(sweep.name).catch(() => undefined), sweep.intervalSeconds * 1000);
      timer.unref();
      this.timers.push(timer);
    }
  }

  /** Stops the timers and waits for runs in progress to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    await Promise.allSettled([...this.inFlight]);
  }

  /** Runs one sweep now, unless another run of it holds its lock. */
  async runNow(name: string): Promise<SweepOutcome> {
    const sweep = this.sweeps.get(name);
    if (!sweep) throw new Error(`No sweep named ${name}`);
    const run = this.runLocked(sweep);
    this.inFlight.add(run);
    const started = performance.now();
    let outcome: 'ran' | 'skipped' | 'failed' = 'failed';
    try {
      const result = await run;
      outcome = result.ran ? 'ran' : 'skipped';
      return result;
    } finally {
      this.inFlight.delete(run);
      this.deps.onRun?.(name, outcome, (performance.now() - started) / 1000);
    }
  }

  private async runLocked(sweep: Sweep): Promise<SweepOutcome> {
    const { database, clock, logger } = this.deps;
    return withSessionLock(database.kind, database.db, `sweep:${sweep.name}`, async () => {
      const startedAt = toTimestamp(clock.now());
      await database.db
        .insertInto('job_runs')
        .values({ name: sweep.name, last_started_at: startedAt, runs: 1 })
        .onConflict((oc) =>
          oc.column('name').doUpdateSet((eb) => ({ last_started_at: startedAt, runs: eb('job_runs.runs', '+', 1) })),
        )
        .execute();
      try {
        const result = await sweep.run();
        await this.recordFinish(sweep.name, 'ok', null);
        return result;
      } catch (error) {
        logger.error({ err: error, sweep: sweep.name }, 'sweep failed');
        await this.recordFinish(sweep.name, 'error', error instanceof Error ? error.message : String(error));
        throw error;
      }
    });
  }

  private async recordFinish(name: string, status: string, error: string | null): Promise<void> {
    await this.deps.database.db
      .updateTable('job_runs')
      .set({ last_finished_at: toTimestamp(this.deps.clock.now()), last_status: status, last_error: error })
      .where('name', '=', name)
      .execute();
  }
}
