import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, loadConfig, type Config } from './config/config.js';
import { createContext, type AppContext } from './context.js';
import { BackupError, backupDatabase, restoreDatabase } from './db/backup.js';
import { describeDatabaseFailure } from './db/connection-failure.js';
import { migrateToLatest } from './db/migrate.js';
import { AppError } from './http/errors.js';
import { startServer, stopOnSignals } from './main.js';
import { runSweepCommand } from './modules/certification/sweep-command.js';
import { DemoRefusedError, formatDemoReport, loadDemo } from './modules/demo/load-demo.js';
import { systemActor } from './shared/actor.js';

type Options = NonNullable<ParseArgsConfig['options']>;
type Values = Record<string, string | boolean | string[] | undefined>;
type Out = (line: string) => void;

/** One `rolecall` command: its words, its usage text, the options it takes, and what it does. */
interface Command {
  /** e.g. ['admin', 'create'] */
  readonly words: readonly string[];
  /** The synopsis and the explanation, as printed by `--help`. */
  readonly synopsis: string;
  readonly summary: string;
  readonly options: Options;
  run(values: Values, config: Config, out: Out, err: Out): Promise<number>;
}

const COMMANDS: readonly Command[] = [
  {
    words: ['serve'],
    synopsis: 'serve',
    summary: 'migrate the database, then serve HTTP and run the scheduled sweeps',
    options: {},
    async run(_values, config) {
      stopOnSignals(await startServer(config));
      return 0;
    },
  },
  {
    words: ['migrate'],
    synopsis: 'migrate',
    summary: 'bring the database schema up to date',
    options: {},
    run: (_values, config, out) =>
      withContext(config, async (ctx) => {
        const { applied } = await migrateToLatest(ctx.database);
        out(
          applied.length === 0 ? 'The database is up to date.' : `Applied ${applied.length} migration(s): ${applied.join(', ')}`,
        );
        return 0;
      }),
  },
  {
    words: ['admin', 'create'],
    synopsis: 'admin create --user-id ID --email EMAIL --first-name NAME --last-name NAME',
    summary: 'create an administrator and print a one-time link to set a password and enrol an MFA device (valid 72 hours)',
    options: {
      'user-id': { type: 'string' },
      email: { type: 'string' },
      'first-name': { type: 'string' },
      'last-name': { type: 'string' },
    },
    async run(values, config, out, err) {
      const missing = ['user-id', 'email', 'first-name', 'last-name'].filter((name) => !values[name]).map((name) => `--${name}`);
      if (missing.length > 0) {
        err(`rolecall admin create: missing ${missing.join(', ')} (see rolecall admin create --help)`);
        return 1;
      }
      const input = {
        userId: String(values['user-id']),
        email: String(values.email),
        firstName: String(values['first-name']),
        lastName: String(values['last-name']),
      };
      if (!/^[A-Za-z0-9._@-]{1,74}$/.test(input.userId)) {
        err('rolecall admin create: the user ID must be 1 to 74 letters, digits and . _ - @');
        return 1;
      }
      return withContext(config, async (ctx) => {
        await migrateToLatest(ctx.database);
        try {
          const { link } = await ctx.accounts.createAdministrator({ ...systemActor }, input);
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
    },
  },
  {
    words: ['demo'],
    synopsis: 'demo [--force]',
    summary:
      'load demo organizations, one account per persona and roles due for certification, and print how to sign in as each; ' +
      'adds only what is missing. Refused when ROLECALL_ENV is production, unless --force',
    options: { force: { type: 'boolean' } },
    run: (values, config, out) =>
      withContext(config, async (ctx) => {
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
      }),
  },
  {
    words: ['sweep'],
    synopsis: 'sweep [--dry-run --date YYYY-MM-DD]',
    summary:
      'run the certification sweep (expiry, reminders) and the role-request sweep once, now; with --dry-run, list the ' +
      'roles that would be removed at the end of that day (in ROLECALL_TIME_ZONE) unless certified, changing nothing',
    options: { 'dry-run': { type: 'boolean' }, date: { type: 'string' } },
    run: (values, config, out) =>
      withContext(config, async (ctx) => {
        await migrateToLatest(ctx.database);
        return runSweepCommand(ctx, { dryRun: values['dry-run'] === true, date: values.date as string | undefined }, out);
      }),
  },
  {
    words: ['audit', 'verify'],
    synopsis: 'audit verify',
    summary:
      "check the audit log's hash chain and its newest signed checkpoint; prints the head it saw; exits 2 and names " +
      'the first broken entry, or the entries cut from its end, if it is broken',
    options: {},
    run: (_values, config, out) =>
      withContext(config, async (ctx) => {
        await migrateToLatest(ctx.database);
        const result = await ctx.audit.verify(ctx.database.db);
        if (result.ok) out(`Audit chain intact: ${result.entries} entries verified.`);
        else {
          out(
            `Audit chain BROKEN at entry #${result.brokenSeq}${result.brokenId ? ` (id ${result.brokenId})` : ''}: ${result.reason}. ` +
              `${result.entries} entries before it verified.`,
          );
        }
        // The head, to compare with one noted elsewhere: only that shows a log cut back together with its checkpoints.
        out(result.head ? `Head: entry #${result.head.seq}, hash ${result.head.hash}` : 'Head: the log is empty');
        out(
          result.checkpoint
            ? `Newest checkpoint: entry #${result.checkpoint.seq}, signed ${result.checkpoint.createdAt}`
            : 'Newest checkpoint: none yet',
        );
        return result.ok ? 0 : 2;
      }),
  },
  {
    words: ['backup'],
    synopsis: 'backup --to FILE',
    summary:
      'write a consistent copy of the database to a new FILE while the server runs (SQLite: the online backup API; ' +
      "PostgreSQL: pg_dump's custom format, which needs PostgreSQL's client tools)",
    options: { to: { type: 'string' } },
    async run(values, config, out, err) {
      if (typeof values.to !== 'string' || values.to === '') {
        err('rolecall backup: missing --to FILE, the new file to write the backup to');
        return 1;
      }
      return reportingBackupErrors(err, async () => {
        await backupDatabase(config.database, values.to as string);
        out(`Backed up to ${String(values.to)}. Restore it with: rolecall restore --from ${String(values.to)}`);
        return 0;
      });
    },
  },
  {
    words: ['restore'],
    synopsis: 'restore --from FILE',
    summary:
      'replace the database with a backup (stop every server first), bring its schema up to date and verify its audit ' +
      'chain; prints the head, exits 2 if the chain does not verify',
    options: { from: { type: 'string' } },
    async run(values, config, out, err) {
      if (typeof values.from !== 'string' || values.from === '') {
        err('rolecall restore: missing --from FILE, the backup to restore');
        return 1;
      }
      return reportingBackupErrors(err, async () => {
        await restoreDatabase(config.database, values.from as string);
        return withContext(config, async (ctx) => {
          await migrateToLatest(ctx.database);
          const result = await ctx.audit.verify(ctx.database.db);
          out(`Restored from ${String(values.from)}.`);
          out(
            result.ok
              ? `Audit chain intact: ${result.entries} entries verified.`
              : `Audit chain BROKEN at entry #${result.brokenSeq}: ${result.reason}.`,
          );
          out(result.head ? `Head: entry #${result.head.seq}, hash ${result.head.hash}` : 'Head: the log is empty');
          return result.ok ? 0 : 2;
        });
      });
    },
  },
  {
    words: ['client', 'create'],
    synopsis:
      'client create --application CODE --name NAME --kind web|service [--redirect-uri URI]... ' +
      '[--post-logout-redirect-uri URI]... [--mfa-max-age MINUTES]',
    summary:
      'register an application that signs people in through Rolecall (web: authorization code with PKCE, refresh ' +
      'tokens; redirect URIs matched exactly) or calls it for itself (service: client credentials); prints the ' +
      'client ID and its secret, which is shown this once',
    options: {
      application: { type: 'string' },
      name: { type: 'string' },
      kind: { type: 'string' },
      'redirect-uri': { type: 'string', multiple: true },
      'post-logout-redirect-uri': { type: 'string', multiple: true },
      'mfa-max-age': { type: 'string' },
    },
    async run(values, config, out, err) {
      const missing = ['application', 'name', 'kind'].filter((name) => !values[name]).map((name) => `--${name}`);
      if (missing.length > 0) {
        err(`rolecall client create: missing ${missing.join(', ')} (see rolecall client create --help)`);
        return 1;
      }
      const maxAge = values['mfa-max-age'];
      return withContext(config, async (ctx) => {
        await migrateToLatest(ctx.database);
        return reportingAppErrors(out, 'Could not register the client', async () => {
          const { client, clientSecret } = await ctx.oidc.clients.create(
            { ...systemActor },
            {
              applicationCode: String(values.application),
              name: String(values.name),
              kind: String(values.kind) as 'web' | 'service',
              redirectUris: (values['redirect-uri'] as string[] | undefined) ?? [],
              postLogoutRedirectUris: (values['post-logout-redirect-uri'] as string[] | undefined) ?? [],
              mfaMaxAgeMinutes: typeof maxAge === 'string' ? Number(maxAge) : null,
            },
          );
          out(`Client "${client.name}" registered for ${client.applicationCode}.`);
          out(`client ID:     ${client.clientId}`);
          out(`client secret: ${clientSecret}`);
          out('Keep the secret now: it is not shown again (rolecall client rotate-secret makes a new one).');
          out(`Issuer: ${ctx.config.publicUrl.replace(/\/$/, '')}/oidc`);
        });
      });
    },
  },
  {
    words: ['client', 'list'],
    synopsis: 'client list',
    summary: 'list the registered clients, with their application, kind and redirect URIs (never their secrets)',
    options: {},
    run: (_values, config, out) =>
      withContext(config, async (ctx) => {
        await migrateToLatest(ctx.database);
        const clients = await ctx.oidc.clients.list();
        if (clients.length === 0) out('No clients are registered.');
        for (const client of clients) {
          out(`${client.clientId}  ${client.applicationCode}  ${client.kind}  ${client.name}`);
          for (const uri of client.redirectUris) out(`    redirect URI: ${uri}`);
          for (const uri of client.postLogoutRedirectUris) out(`    after sign-out: ${uri}`);
          if (client.mfaMaxAgeMinutes !== null) out(`    fresh MFA within ${client.mfaMaxAgeMinutes} minutes`);
        }
        return 0;
      }),
  },
  {
    words: ['client', 'rotate-secret'],
    synopsis: 'client rotate-secret --client-id ID',
    summary: "replace a client's secret and print the new one, shown this once; the old secret stops working at once",
    options: { 'client-id': { type: 'string' } },
    async run(values, config, out, err) {
      if (!values['client-id']) {
        err('rolecall client rotate-secret: missing --client-id (see rolecall client rotate-secret --help)');
        return 1;
      }
      return withContext(config, async (ctx) => {
        await migrateToLatest(ctx.database);
        return reportingAppErrors(out, 'Could not replace the secret', async () => {
          const { clientSecret } = await ctx.oidc.clients.rotateSecret({ ...systemActor }, String(values['client-id']));
          out(`client secret: ${clientSecret}`);
          out('Keep the secret now: it is not shown again.');
        });
      });
    },
  },
  {
    words: ['client', 'delete'],
    synopsis: 'client delete --client-id ID',
    summary: 'remove a client: its tokens stop working and no one signs in through it any more',
    options: { 'client-id': { type: 'string' } },
    async run(values, config, out, err) {
      if (!values['client-id']) {
        err('rolecall client delete: missing --client-id (see rolecall client delete --help)');
        return 1;
      }
      return withContext(config, async (ctx) => {
        await migrateToLatest(ctx.database);
        return reportingAppErrors(out, 'Could not remove the client', async () => {
          await ctx.oidc.clients.remove({ ...systemActor }, String(values['client-id']));
          out(`Client ${String(values['client-id'])} removed.`);
        });
      });
    },
  },
  {
    words: ['oidc', 'rotate-keys'],
    synopsis: 'oidc rotate-keys',
    summary:
      'make a new signing key for ID tokens: published at once, signing five minutes later (when every server has ' +
      'published it); the keys it replaces stay published for a day after that',
    options: {},
    run: (_values, config, out) =>
      withContext(config, async (ctx) => {
        await migrateToLatest(ctx.database);
        const { kid, signsFrom } = await ctx.oidc.signingKeys.rotate({ ...systemActor });
        out(`New signing key ${kid}, signing from ${signsFrom}.`);
        return 0;
      }),
  },
  {
    words: ['mail', 'test'],
    synopsis: 'mail test --to EMAIL',
    summary: 'queue a test email; delivered now when SMTP is configured, otherwise it waits in the outbox',
    options: { to: { type: 'string' } },
    async run(values, config, out, err) {
      const to = typeof values.to === 'string' ? values.to.trim() : '';
      if (to === '') {
        err('rolecall mail test: missing --to EMAIL, the address to send the test email to');
        return 1;
      }
      return withContext(config, async (ctx) => {
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
    },
  },
];

/** Runs a backup or restore; a BackupError (a file, a tool, a damaged copy) is reported on one line and exits 1. */
async function reportingBackupErrors(err: Out, action: () => Promise<number>): Promise<number> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof BackupError) {
      err(error.message);
      return 1;
    }
    throw error;
  }
}

/** Runs `action`; an AppError is reported on one line and exits 1, anything else is thrown. */
async function reportingAppErrors(out: Out, what: string, action: () => Promise<void>): Promise<number> {
  try {
    await action();
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      const details = error.details ? ` (${Object.values(error.details).join(': ')})` : '';
      out(`${what}: ${error.message}${details}`);
      return 1;
    }
    throw error;
  }
}

const HELP_FLAGS = new Set(['--help', '-h', 'help']);

function usageLine(command: Command): string {
  return `  ${command.synopsis}`;
}

/** Words folded into lines of at most `width` characters, each indented. */
function wrap(text: string, indent: string, width = 92): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(indent + line);
  return lines.join('\n');
}

function overview(): string {
  return [
    'Usage: rolecall <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.flatMap((command) => [usageLine(command), wrap(command.summary, '      ')]),
    '',
    'rolecall <command> --help   what one command does',
    'rolecall --version          the version',
    '',
    'Configuration comes from ROLECALL_* environment variables (see the README).',
  ].join('\n');
}

function commandHelp(command: Command): string {
  return [
    `Usage: rolecall ${command.synopsis}`,
    '',
    wrap(command.summary, ''),
    '',
    'Configuration comes from ROLECALL_* environment variables (see the README).',
  ].join('\n');
}

export function version(): string {
  // server/cli.ts runs from the sources, dist/server/cli.js once built: package.json is one or two levels up.
  for (const relative of ['../package.json', '../../package.json']) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === 'rolecall' && manifest.version) return manifest.version;
    } catch {
      // Try the next place.
    }
  }
  return 'unknown';
}

/** Node's option parser explains in long sentences; one short line is enough here. */
function optionProblem(error: unknown, name: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  const option = /'(-{1,2}[^' ]+)/.exec(message)?.[1];
  let problem = message.split('. ')[0] ?? message;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) problem = `unknown option ${option}`;
  else if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) problem = `${option} needs a value`;
  else if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')
    problem = `unexpected argument ${/'([^']+)'/.exec(message)?.[1] ?? ''}`.trim();
  return `rolecall ${name}: ${problem} (see rolecall ${name} --help)`;
}

/**
 * Runs one command; answers the process exit code. `--help` on any command prints its usage and
 * does nothing else; nothing reads the configuration or opens the database before the arguments
 * are known to be right.
 */
export async function runCli(argv: string[], config?: Config, out: Out = console.log, err: Out = console.error): Promise<number> {
  const [first] = argv;
  if (first === undefined) {
    err(overview());
    return 1;
  }
  if (HELP_FLAGS.has(first)) {
    out(overview());
    return 0;
  }
  if (first === '--version' || first === '-v' || first === 'version') {
    out(`rolecall ${version()}`);
    return 0;
  }

  const command = COMMANDS.find((candidate) => candidate.words.every((word, index) => argv[index] === word));
  if (!command) {
    const group = COMMANDS.filter((candidate) => candidate.words.length > 1 && candidate.words[0] === first);
    if (group.length > 0) {
      const asked = argv.slice(1).some((arg) => HELP_FLAGS.has(arg));
      const text = ['Usage:', ...group.map((candidate) => `${usageLine(candidate)}\n${wrap(candidate.summary, '      ')}`)].join(
        '\n',
      );
      (asked ? out : err)(
        asked ? text : `rolecall ${first}: expected ${group.map((c) => `"${c.words.join(' ')}"`).join(' or ')}\n\n${text}`,
      );
      return asked ? 0 : 1;
    }
    err(`rolecall: unknown command "${first}" (see rolecall --help)`);
    return 1;
  }

  const name = command.words.join(' ');
  const args = argv.slice(command.words.length);
  if (args.some((arg) => arg === '--help' || arg === '-h')) {
    out(commandHelp(command));
    return 0;
  }
  let values: Values;
  try {
    values = parseArgs({ args, options: command.options, strict: true, allowPositionals: false }).values as Values;
  } catch (error) {
    err(optionProblem(error, name));
    return 1;
  }

  const resolved = config ?? loadConfig();
  try {
    return await command.run(values, resolved, out, err);
  } catch (error) {
    const failure = describeDatabaseFailure(error, resolved.database);
    if (failure) {
      err(failure);
      return 69;
    }
    throw error;
  }
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
      if (process.argv[2] !== 'serve' || code !== 0) process.exit(code);
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
