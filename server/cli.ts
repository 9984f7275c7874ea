import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from './config/config.js';
import { createContext } from './context.js';
import { migrateToLatest } from './db/migrate.js';
import { startServer, stopOnSignals } from './main.js';
import { systemActor } from './shared/actor.js';

const USAGE = `Usage: rolecall <command>

Commands:
  serve                 migrate the database, then serve HTTP and run the scheduled sweeps
  migrate               bring the database schema up to date
  audit verify          check the audit log's hash chain; names the first broken entry
  mail test --to EMAIL  queue a test email (delivered by a running server, or now with SMTP set)

Configuration comes from ROLECALL_* environment variables (see the README).`;

/** Runs one command; returns the process exit code. */
export async function runCli(argv: string[], config?: Config, out: (line: string) => void = console.log): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    out(USAGE);
    return command === undefined ? 1 : 0;
  }
  const resolvedConfig = config ?? loadConfig();

  switch (command) {
    case 'serve': {
      stopOnSignals(await startServer(resolvedConfig));
      return 0;
    }
    case 'migrate':
      return withContext(resolvedConfig, async (ctx) => {
        const { applied } = await migrateToLatest(ctx.database);
        out(applied.length === 0 ? 'The database is up to date.' : `Applied ${applied.length} migration(s): ${applied.join(', ')}`);
        return 0;
      });
    case 'audit': {
      if (rest[0] !== 'verify') break;
      return withContext(resolvedConfig, async (ctx) => {
        await migrateToLatest(ctx.database);
        const result = await ctx.audit.verify(ctx.database.db);
        if (result.ok) {
          out(`Audit chain intact: ${result.entries} entries verified.`);
          return 0;
        }
        out(
          `Audit chain BROKEN at entry #${result.brokenSeq}${result.brokenId ? ` (id ${result.brokenId})` : ''}: ${result.reason}. ` +
            `${result.entries} entries before it verified.`,
        );
        return 2;
      });
    }
    case 'mail': {
      const { values, positionals } = parseArgs({ args: rest, options: { to: { type: 'string' } }, allowPositionals: true });
      if (positionals[0] !== 'test' || !values.to) break;
      const to = values.to;
      return withContext(resolvedConfig, async (ctx) => {
        await migrateToLatest(ctx.database);
        await ctx.database.transaction(async (trx) => {
          await ctx.notifications.enqueueEmail(trx, { to, language: 'en', template: 'system.test', params: { sentBy: 'rolecall mail test' } });
          await ctx.audit.record(trx, systemActor, { action: 'mail.test_queued', after: { to } });
        });
        const report = await ctx.dispatcher.deliverDue();
        out(ctx.dispatcher.enabled ? `Sent ${report.sent}, failed ${report.failed}.` : 'Queued in the outbox (no SMTP configured).');
        return report.failed > 0 ? 1 : 0;
      });
    }
  }
  out(`Unknown command: ${argv.join(' ')}\n\n${USAGE}`);
  return 1;
}

async function withContext(config: Config, fn: (ctx: ReturnType<typeof createContext>) => Promise<number>): Promise<number> {
  const ctx = createContext({ ...config, logLevel: 'warn' });
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      // serve keeps running; every other command ends here.
      if (process.argv[2] !== 'serve') process.exit(code);
    },
    (error: unknown) => {
      if (error instanceof ConfigError) {
        console.error(`Configuration error: ${error.message}`);
        process.exit(78);
      }
      console.error(error);
      process.exit(1);
    },
  );
}
