import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../server/jobs/scheduler.js';
import { createTestContext } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';

describe.each(testDialects())('the scheduler on %s', (dialect) => {
  it('runs a sweep in one place at a time, and records each run', async () => {
    const t = await createTestContext({ dialect });
    try {
      // Two schedulers over the same data: on PostgreSQL each has its own connection pool, as
      // two server processes would.
      const secondDatabase = dialect === 'postgres' ? t.testDatabase.connectAgain() : t.ctx.database;
      const schedulers = [
        new Scheduler({ database: t.ctx.database, clock: t.clock, logger: t.ctx.logger }),
        new Scheduler({ database: secondDatabase, clock: t.clock, logger: t.ctx.logger }),
      ];
      let running = 0;
      let overlapped = false;
      let runs = 0;
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let started!: () => void;
      const firstRunStarted = new Promise<void>((resolve) => (started = resolve));
      for (const scheduler of schedulers) {
        scheduler.register({
          name: 'test.slow',
          intervalSeconds: 3600,
          async run() {
            running += 1;
            runs += 1;
            if (running > 1) overlapped = true;
            started();
            await gate;
            running -= 1;
          },
        });
      }
      const first = schedulers[0]!.runNow('test.slow');
      // The first run holds its lock from before it starts until it returns.
      await firstRunStarted;
      const second = await schedulers[1]!.runNow('test.slow');
      expect(second).toEqual({ ran: false });
      release();
      expect(await first).toMatchObject({ ran: true });
      expect(overlapped).toBe(false);
      expect(runs).toBe(1);

      // Once released, the lock is free again.
      expect(await schedulers[1]!.runNow('test.slow')).toMatchObject({ ran: true });
      const record = await t.ctx.database.db
        .selectFrom('job_runs')
        .selectAll()
        .where('name', '=', 'test.slow')
        .executeTakeFirstOrThrow();
      expect(record).toMatchObject({ runs: 2, last_status: 'ok' });
    } finally {
      await t.close();
    }
  });

  it('records a failed run and keeps going', async () => {
    const t = await createTestContext({ dialect });
    try {
      const scheduler = new Scheduler({ database: t.ctx.database, clock: t.clock, logger: t.ctx.logger });
      scheduler.register({
        name: 'test.broken',
        intervalSeconds: 3600,
        run: async () => {
          throw new Error('disk on fire');
        },
      });
      await expect(scheduler.runNow('test.broken')).rejects.toThrow('disk on fire');
      const record = await t.ctx.database.db
        .selectFrom('job_runs')
        .selectAll()
        .where('name', '=', 'test.broken')
        .executeTakeFirstOrThrow();
      expect(record).toMatchObject({ last_status: 'error', last_error: 'disk on fire' });
      await expect(scheduler.runNow('test.broken')).rejects.toThrow('disk on fire');
    } finally {
      await t.close();
    }
  });
});
