import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from './config/config.js';
import { createContext, type AppContext } from './context.js';
import { migrateToLatest } from './db/migrate.js';
import { AppError } from './http/errors.js';
import { startServer, stopOnSignals } from './main.js';
import { DemoRefusedError, formatDemoReport, loadDemo } from './modules/demo/load-demo.js';
import { runSweepCommand, SWEEP_USAGE } from './modules/certification/sweep-command.js';
import { systemActor } from './shared/actor.js';

const USAGE = `Usage: rolecall <command>

Commands:
  serve                 migrate the database, then serve HTTP and run the scheduled sweeps
  migrate               bring the database schema up to date
  admin create --user-id ID --email EMAIL --first-name NAME --last-name NAME
                        create an administrator and print a one-time link to set a
                        password and enrol an MFA device (valid 72 hours)
  demo [--force]        load demo organizations and one account per persona, and print how
                        to sign in as each; adds only what is missing. Refused when
                        ROLECALL_ENV is production, unless --force
${SWEEP_USAGE}
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
        out(
          applied.length === 0 ? 'The database is up to date.' : `Applied ${applied.length} migration(s): ${applied.join(', ')}`,
        );
        return 0;
      });
    case 'admin': {
      const { values, positionals } = parseArgs({
        args: rest,
        options: {
          'user-id': { type: 'string' },
          email: { type: 'string' },
          'first-name': { type: 'string' },
          'last-name': { type: 'string' },
        },
        allowPositionals: true,
      });
      if (positionals[0] !== 'create') break;
      const input = {
        userId: values['user-id'],
        email: values.email,
        firstName: values['first-name'],
        lastName: values['last-name'],
      };
      const missing = Object.entries({
        '--user-id': input.userId,
        '--email': input.email,
        '--first-name': input.firstName,
        '--last-name': input.lastName,
      })
        .filter(([, value]) => !value)
        .map(([flag]) => flag);
      if (missing.length > 0) {
        out(`admin create needs ${missing.join(', ')}\n\n${USAGE}`);
        return 1;
      }
      if (!/^[A-Za-z0-9._@-]{1,74}$/.test(input.userId ?? '')) {
        out('The user ID must be 1 to 74 letters, digits and . _ - @');
        return 1;
      }
      return withContext(resolvedConfig, async (ctx) => {
        await migrateToLatest(ctx.database);
        try {
          const { link } = await ctx.accounts.createAdministrator(
            { ...systemActor },
            {
              userId: input.userId ?? '',
              email: input.email ?? '',
              firstName: input.firstName ?? '',
              lastName: input.lastName ?? '',
            },
          );
          out(`Administrator ${input.userId} created. Open this link within 72 hours to set a password and enrol an MFA device:`);
          out(link);
          return 0;
        } catch (error) {
          if (error instanceof AppError) {
            out(`Could not create the administrator: ${error.message}`);
            return 1;
          }
          throw error;
        }
      });
    }
    case 'demo': {
      const { values, positionals } = parseArgs({
        args: rest,
        options: { force: { type: 'boolean', default: false } },
        allowPositionals: true,
        strict: false,
      });
      if (positionals.length > 0 || Object.keys(values).some((name) => name !== 'force')) break;
      return withContext(resolvedConfig, async (ctx) => {
        await migrateToLatest(ctx.database);
        try {
          const result = await loadDemo(ctx, { force: values.force === true });
          const qrCode = process.stdout.isTTY === true;
          for (const line of await formatDemoReport(result, { publicUrl: ctx.config.publicUrl, qrCode })) out(line);
          return 0;
        } catch (error) {
          if (error instanceof DemoRefusedError) {
            out(error.message);
            return 1;
          }
          throw error;
        }
      });
    }
    case 'sweep':
      return withContext(resolvedConfig, async (ctx) => {
        await migrateToLatest(ctx.database);
        return runSweepCommand(ctx, rest, out);
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
          await ctx.notifications.enqueueEmail(trx, {
            to,
            language: 'en',
            template: 'system.test',
            params: { sentBy: 'rolecall mail test' },
          });
          await ctx.audit.record(trx, systemActor, { action: 'mail.test_queued', after: { to } });
        });
        const report = await ctx.dispatcher.deliverDue();
        out(
          ctx.dispatcher.enabled ? `Sent ${report.sent}, failed ${report.failed}.` : 'Queued in the outbox (no SMTP configured).',
        );
        return report.failed > 0 ? 1 : 0;
      });
    }
  }
  out(`Unknown command: ${argv.join(' ')}\n\n${USAGE}`);
  return 1;
}

async function withContext(config: Config, fn: (ctx: AppContext) => Promise<number>): Promise<number> {
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
