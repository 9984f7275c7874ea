import { rmSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, type DatabaseConfig } from '../../server/config/config.js';
import { createDatabase } from '../../server/db/database.js';
import { migrateToLatest } from '../../server/db/migrate.js';
import { replacePostgresSchema } from '../lib/postgres-schema.js';
import { generateBenchData } from './generate.js';

/*
 * npm run bench:data -- [--users N] [--seed S] [--database sqlite|postgres] [--file path.sqlite]
 *                       [--url postgres://…] [--schema name] [--overdue N] [--base ISO-instant]
 *
 * Replaces the target (the SQLite file, or the PostgreSQL schema) with a fresh database migrated
 * by the server's own migrations, fills it, and prints rows per second per table. The secret key,
 * time zone and certification rules come from the ROLECALL_* environment, as the server reads
 * them: start the server (or `rolecall audit verify`) with the same environment.
 */

const USAGE = `usage: npm run bench:data -- [--users 1000000] [--seed 1] [--database sqlite|postgres]
  [--file bench/.data/rolecall-bench.sqlite] [--url postgres://…] [--schema bench] [--overdue N/10]
  [--base 2026-12-01T12:00:00.000Z]`;

/** The data's "now": fixed, so the same seed gives the same rows whenever it is run. */
const DEFAULT_BASE = '2026-12-01T12:00:00.000Z';

function wholeNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value.replace(/_/g, ''));
  if (!Number.isSafeInteger(parsed) || parsed < 0) throw new Error(`--${name} must be a whole number\n${USAGE}`);
  return parsed;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      users: { type: 'string' },
      seed: { type: 'string' },
      database: { type: 'string' },
      file: { type: 'string' },
      url: { type: 'string' },
      schema: { type: 'string' },
      overdue: { type: 'string' },
      base: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const users = wholeNumber('users', values.users, 1_000_000);
  const seed = wholeNumber('seed', values.seed, 1);
  const overdue = wholeNumber('overdue', values.overdue, Math.floor(users / 10));
  const base = new Date(values.base ?? DEFAULT_BASE);
  if (Number.isNaN(base.getTime())) throw new Error(`--base must be an ISO-8601 instant\n${USAGE}`);
  const kind = values.database ?? (values.url ? 'postgres' : 'sqlite');
  if (kind !== 'sqlite' && kind !== 'postgres') throw new Error(`--database must be sqlite or postgres\n${USAGE}`);

  const config = loadConfig(process.env);
  let databaseConfig: DatabaseConfig;
  let schema: string | undefined;
  let target: string;
  if (kind === 'sqlite') {
    const file = resolve(values.file ?? 'bench/.data/rolecall-bench.sqlite');
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    databaseConfig = { kind, file };
    target = file;
  } else {
    const url = values.url ?? process.env.ROLECALL_DATABASE_URL;
    if (!url) throw new Error(`--url is required for PostgreSQL\n${USAGE}`);
    schema = values.schema ?? 'bench';
    await replacePostgresSchema(url, schema);
    databaseConfig = { kind, url, poolSize: 2 };
    target = `${url.replace(/\/\/[^@/]*@/, '//')} schema ${schema}`;
  }

  const processors = cpus();
  console.log(
    `machine: ${processors.length} cores (${processors[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}`,
  );
  console.log(
    `generating ${users.toLocaleString('en-US')} users, seed ${seed}, ${overdue.toLocaleString('en-US')} overdue, base ${base.toISOString()}`,
  );
  console.log(`into ${kind}: ${target}`);

  const database = createDatabase(databaseConfig, schema ? { schema } : {});
  try {
    const migrated = performance.now();
    await migrateToLatest(database);
    console.log(`migrations: ${((performance.now() - migrated) / 1000).toFixed(1)} s`);
    const result = await generateBenchData(database, {
      users,
      seed,
      overdue,
      base,
      secretKey: config.secretKey,
      rules: {
        timeZone: config.timeZone,
        legacyCutoff: config.certification.legacyCutoff,
        legacyFirstDue: config.certification.legacyFirstDue,
      },
      log: (line) => console.log(`  ${line}`),
    });

    console.log('');
    console.log(`${'table'.padEnd(18)}${'rows'.padStart(12)}${'insert s'.padStart(10)}${'rows/s'.padStart(12)}`);
    for (const table of result.tables) {
      const seconds = table.writeMs / 1000;
      console.log(
        `${table.table.padEnd(18)}${table.rows.toLocaleString('en-US').padStart(12)}${seconds.toFixed(1).padStart(10)}${Math.round(
          table.rows / seconds,
        )
          .toLocaleString('en-US')
          .padStart(12)}`,
      );
    }
    console.log(`${'index builds'.padEnd(18)}${''.padStart(12)}${(result.indexBuildMs / 1000).toFixed(1).padStart(10)}`);
    const rows = result.tables.reduce((sum, table) => sum + table.rows, 0);
    const seconds = result.elapsedMs / 1000;
    console.log(
      `${'total (wall)'.padEnd(18)}${rows.toLocaleString('en-US').padStart(12)}${seconds.toFixed(1).padStart(10)}${Math.round(
        rows / seconds,
      )
        .toLocaleString('en-US')
        .padStart(12)}`,
    );
    console.log('');
    console.log(`password of every user: ${result.people.password}`);
    console.log(`big approver: ${result.people.bigApprover.userId} (${result.plan.bigApproverOrganizations} organizations)`);
    console.log(`help desk: ${result.people.helpDesk.map((person) => person.userId).join(', ')}`);
    console.log(
      `big organization: ${result.people.bigOrganization.legalName} (${result.people.bigOrganization.submitterId}, ${result.plan.bigOrganizationEndUsers} end users)`,
    );
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
