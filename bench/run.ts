import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config/config.js';
import { createContext } from '../server/context.js';
import { prepareDatabase, type BenchDatabase, type DatabaseKind } from './lib/data.js';
import { postgresUrlWithSchema, replacePostgresSchema } from './lib/postgres-schema.js';
import {
  breaksGuard,
  formatTable,
  gapKey,
  machineDescription,
  isReference,
  meetsTarget,
  type KnownGaps,
  type Measurement,
} from './lib/report.js';
import { signInFirstTime } from './lib/http-session.js';
import { startServerProcess } from './lib/server-process.js';
import { rawArgon2VerifiesPerSecond } from './suites/argon2.js';
import { measurePages, measureSignIn, memoryMeasurement, type LoadSettings } from './suites/http-pages.js';
import { measureAccessApi } from './suites/access-api.js';
import { measureAccessCheck } from './suites/access-check.js';
import { measureClientCredentials, measureRefreshGrant } from './suites/oidc-grants.js';
import { measureBulkCertify, measureExpirySweep } from './suites/writes.js';

/*
 * npm run bench [-- --full] [--database sqlite|postgres|both] [--users N] [--seed S] [--postgres-url URL]
 *
 * The benchmarks of ../shared/QUALITY.md, each a ratio against a baseline measured in the same
 * run on this machine. The quick run (the default: small data, short rounds) fails when a ratio
 * is worse than half its target — a guard against regressions, not a timing test. --full runs on
 * a million users. Results go to stdout and bench/.results/latest.json.
 */

const USAGE = `usage: npm run bench -- [--full] [--database sqlite|postgres|both] [--users N] [--seed S] [--postgres-url URL]`;

const QUICK = { users: 20_000, load: { seconds: 3, rounds: 2, connections: 10 }, bulk: 10_000, argon2Seconds: 3 };
const FULL = { users: 1_000_000, load: { seconds: 10, rounds: 3, connections: 10 }, bulk: 10_000, argon2Seconds: 10 };

function log(line: string): void {
  console.log(line);
}

function buildServer(): void {
  log('building the server (tsc -p tsconfig.build.json)');
  const result = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('the server did not build');
}

/** The server's resident memory right after start on an empty database. */
async function idleMemory(kind: DatabaseKind, postgresUrl: string | undefined): Promise<Measurement> {
  const directory = mkdtempSync(join(tmpdir(), 'rolecall-bench-idle-'));
  let env: Record<string, string>;
  if (kind === 'sqlite') env = { ROLECALL_DATABASE_URL: `sqlite:${join(directory, 'empty.sqlite')}` };
  else {
    // A schema of its own, empty: the server migrates it at start.
    await replacePostgresSchema(postgresUrl ?? '', 'rolecall_bench_idle');
    env = { ROLECALL_DATABASE_URL: postgresUrlWithSchema(postgresUrl ?? '', 'rolecall_bench_idle') };
  }
  const server = await startServerProcess({
    ...env,
    ROLECALL_DATA_DIR: directory,
    ROLECALL_SECRET_KEY: 'a'.repeat(64),
  });
  try {
    await new Promise((settle) => setTimeout(settle, 2_000));
    for (let index = 0; index < 20; index += 1) await fetch(`${server.url}/api/v1/session`);
    await new Promise((settle) => setTimeout(settle, 1_000));
    return memoryMeasurement('memory.idle', 'server memory, idle, empty database', kind, server.rss());
  } finally {
    await server.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

/**
 * End users who can sign in (active, not locked) and hold a role not yet due, so that an
 * application lets them in too; none of them a benchmark persona.
 */
async function signInCandidates(data: BenchDatabase): Promise<string[]> {
  const ctx = createContext(loadConfig({ ...data.env, ROLECALL_ENV: 'test' }));
  try {
    const personas = [data.generated.people.bigApprover, ...data.generated.people.helpDesk].map((person) => person.userId);
    const rows = await ctx.database.db
      .selectFrom('users')
      .select('user_id')
      .where('status', '=', 'active')
      .where('locked_until', 'is', null)
      .where('user_id', 'not in', personas)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('role_assignments as ra')
            .select('ra.id')
            .whereRef('ra.user_id', '=', 'users.id')
            .where('ra.status', '=', 'active')
            .where((due) =>
              due.or([
                due('ra.certification_due_at', 'is', null),
                due('ra.certification_due_at', '>', new Date(Date.now() + 86_400_000).toISOString()),
              ]),
            ),
        ),
      )
      .orderBy('id')
      .limit(500)
      .execute();
    return rows.map((row) => row.user_id);
  } finally {
    await ctx.close();
  }
}

async function benchDatabase(
  kind: DatabaseKind,
  settings: typeof QUICK,
  seed: number,
  postgresUrl: string | undefined,
): Promise<Measurement[]> {
  log(`\n== ${kind}`);
  const measurements: Measurement[] = [await idleMemory(kind, postgresUrl)];
  const data = await prepareDatabase(kind, { users: settings.users, seed, postgresUrl, log });
  const load: LoadSettings = settings.load;

  const rawVerifies = await rawArgon2VerifiesPerSecond(settings.argon2Seconds, 8);
  const server = await startServerProcess({ ...data.env, ROLECALL_AUTH_RATE_LIMIT: '1000000' });
  try {
    const pages = await measurePages(server, data, load, log);
    measurements.push(...pages.measurements);
    const people = await signInCandidates(data);
    measurements.push(await measureSignIn(server, data, people, load, rawVerifies, log));
    const clients = createContext(loadConfig({ ...data.env, ROLECALL_ENV: 'test' }));
    try {
      measurements.push(await measureClientCredentials(clients, server, kind, load, log));
      // A typical person of the application, holding a role or two, signs in to it.
      const holder = await signInFirstTime(server.url, people[0] ?? '', data.generated.people.password);
      measurements.push(await measureRefreshGrant(clients, server, holder, kind, load, log));
      measurements.push(await measureAccessApi(clients, server, kind, load, log));
    } finally {
      await clients.close();
    }
    measurements.push(
      memoryMeasurement(
        'memory.loaded',
        `server memory after the load, ${settings.users.toLocaleString('en-US')} users`,
        kind,
        server.rss(),
      ),
    );
    const ctx = createContext(loadConfig({ ...data.env, ROLECALL_ENV: 'test' }));
    try {
      measurements.push(await measureBulkCertify(ctx.database, kind, pages.sessions.approver, settings.bulk, log));
    } finally {
      await ctx.close();
    }
  } finally {
    await server.stop();
  }
  // The in-process check and the sweep run alone, with the server stopped; the check before the
  // sweep, while a tenth of the roles are overdue and must already be refused.
  const ctx = createContext(loadConfig({ ...data.env, ROLECALL_ENV: 'test' }));
  try {
    measurements.push(...(await measureAccessCheck(ctx, kind, load, seed, log)));
    measurements.push(await measureExpirySweep(ctx, kind, log));
  } finally {
    await ctx.close();
  }
  return measurements;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      full: { type: 'boolean' },
      database: { type: 'string' },
      users: { type: 'string' },
      seed: { type: 'string' },
      'postgres-url': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    log(USAGE);
    return;
  }
  const settings = { ...(values.full ? FULL : QUICK) };
  if (values.users !== undefined) {
    const users = Number(values.users.replace(/_/g, ''));
    if (!Number.isSafeInteger(users) || users < 1000) throw new Error(`--users must be a whole number of 1000 or more\n${USAGE}`);
    settings.users = users;
  }
  const seed = Number(values.seed ?? 1);
  const postgresUrl = values['postgres-url'] ?? process.env.ROLECALL_TEST_POSTGRES_URL;
  const choice = values.database ?? (postgresUrl ? 'both' : 'sqlite');
  if (!['sqlite', 'postgres', 'both'].includes(choice)) throw new Error(`--database must be sqlite, postgres or both\n${USAGE}`);
  const kinds: DatabaseKind[] = choice === 'both' ? ['sqlite', 'postgres'] : [choice as DatabaseKind];
  if (kinds.includes('postgres') && !postgresUrl)
    throw new Error(`PostgreSQL needs --postgres-url or ROLECALL_TEST_POSTGRES_URL\n${USAGE}`);

  log(`machine: ${machineDescription()}`);
  log(
    `${values.full ? 'full' : 'quick'} run: ${settings.users.toLocaleString('en-US')} users, seed ${seed}, ${kinds.join(' and ')}`,
  );
  buildServer();

  const measurements: Measurement[] = [];
  for (const kind of kinds) measurements.push(...(await benchDatabase(kind, settings, seed, postgresUrl)));

  const knownGaps = JSON.parse(readFileSync(resolve('bench/known-gaps.json'), 'utf8')) as KnownGaps;
  log('');
  log(formatTable(measurements, knownGaps));
  const results = resolve('bench/.results');
  mkdirSync(results, { recursive: true });
  writeFileSync(
    join(results, `latest-${values.full ? 'full' : 'quick'}.json`),
    `${JSON.stringify({ machine: machineDescription(), at: new Date().toISOString(), users: settings.users, seed, measurements }, null, 2)}\n`,
  );
  const targeted = measurements.filter((measurement) => !isReference(measurement));
  const met = targeted.filter(meetsTarget).length;
  const broken = measurements.filter((measurement) => breaksGuard(measurement, knownGaps));
  const closed = targeted.filter((measurement) => meetsTarget(measurement) && knownGaps[gapKey(measurement)]);
  if (closed.length > 0) log(`target now met, remove from bench/known-gaps.json: ${closed.map(gapKey).join(', ')}`);
  log(`\n${met} of ${targeted.length} targets met`);
  if (!values.full && broken.length > 0) {
    log(`✗ ${broken.length} ratio(s) worse than half the target (or half the known gap): ${broken.map(gapKey).join('; ')}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
