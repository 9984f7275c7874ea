import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApp } from '../../server/app.js';
import { loadConfig, type Config } from '../../server/config/config.js';
import { createContext, createLogger, type AppContext } from '../../server/context.js';
import type { DialectKind } from '../../server/db/dialect.js';
import type { MailTransport } from '../../server/modules/notifications/mail-transport.js';
import { ManualClock } from '../../server/shared/clock.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestContextOptions {
  dialect?: DialectKind;
  /** Extra ROLECALL_* variables, as an operator would set them. */
  env?: Record<string, string>;
  mailTransport?: MailTransport;
  clock?: ManualClock;
  /** The logger, for a test that reads what was logged; silent otherwise. */
  logger?: Logger;
}

export interface TestContext {
  readonly ctx: AppContext;
  readonly clock: ManualClock;
  readonly testDatabase: TestDatabase;
  close(): Promise<void>;
}

/** A configuration as the server would read it, on a temporary data directory. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    ROLECALL_ENV: 'test',
    ROLECALL_DATA_DIR: mkdtempSync(join(tmpdir(), 'rolecall-data-')),
    ROLECALL_SECRET_KEY: randomBytes(32).toString('base64'),
    ROLECALL_WEB_DIR: resolve('dist/web'),
    // Tests sign in far more often than a person could; the rate-limit test sets its own limit.
    ROLECALL_AUTH_RATE_LIMIT: '100000',
    ...env,
  });
}

/** A full application context on a fresh database, with a clock the test moves by hand. */
export async function createTestContext(options: TestContextOptions = {}): Promise<TestContext> {
  const testDatabase = await createTestDatabase(options.dialect ?? 'sqlite');
  const clock = options.clock ?? new ManualClock('2026-03-02T15:00:00.000Z');
  const ctx = createContext(testConfig(options.env), {
    clock,
    database: testDatabase.database,
    mailTransport: options.mailTransport,
    logger: options.logger ?? createLogger({ logLevel: (process.env.ROLECALL_TEST_LOG_LEVEL ?? 'silent') as Config['logLevel'] }),
  });
  return {
    ctx,
    clock,
    testDatabase,
    async close() {
      await ctx.scheduler.stop();
      await ctx.accounts.recoveryRequests.idle();
      await ctx.dispatcher.idle();
      await testDatabase.drop();
    },
  };
}

/**
 * The test's configuration with a connection of its own to the test's database, as another
 * process (an operator's command, a second server) would open it: PostgreSQL needs the schema.
 */
export function ownConnectionConfig(t: Pick<TestContext, 'ctx' | 'testDatabase'>, overrides: Partial<Config> = {}): Config {
  const config = t.testDatabase.config;
  if (config.kind === 'sqlite') return { ...t.ctx.config, database: config, ...overrides };
  const url = new URL(config.url);
  url.searchParams.set('options', `-c search_path=${t.testDatabase.schema}`);
  return { ...t.ctx.config, database: { ...config, url: url.toString() }, ...overrides };
}

export interface TestApp extends TestContext {
  readonly app: FastifyInstance;
}

/** The HTTP application over a test context, driven with app.inject(). */
export async function createTestApp(options: TestContextOptions = {}): Promise<TestApp> {
  const context = await createTestContext(options);
  const app = await buildApp(context.ctx);
  await app.ready();
  return {
    ...context,
    app,
    async close() {
      await app.close();
      await context.close();
    },
  };
}
