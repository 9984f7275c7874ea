import { mkdirSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadConfig, type Config, type DatabaseConfig } from '../../server/config/config.js';
import { createDatabase } from '../../server/db/database.js';
import { migrateToLatest } from '../../server/db/migrate.js';
import { generateBenchData, type GenerateResult } from '../generator/generate.js';
import { postgresUrlWithSchema, replacePostgresSchema } from './postgres-schema.js';

export type DatabaseKind = 'sqlite' | 'postgres';

/**
 * The secret key of benchmark databases (the audit chain and TINs are keyed with it). A fixed,
 * public value: these databases hold generated people only.
 */
const BENCH_SECRET_KEY = 'b3c4e7f0a1d2b5c8e9f6a3d0c7b4e1f8a5d2c9b6e3f0a7d4c1b8e5f2a9d6c3b0';
const SQLITE_FILE = resolve('bench/.data/bench.sqlite');
const POSTGRES_SCHEMA = 'rolecall_bench';

export interface BenchDatabase {
  readonly kind: DatabaseKind;
  /** The ROLECALL_* settings a server or the benchmark's own context uses to open it. */
  readonly env: Record<string, string>;
  readonly config: Config;
  readonly generated: GenerateResult;
}

/**
 * A fresh benchmark database of `users` users, generated from `seed` with "now" as its base
 * instant, so the share of overdue and due items is the generator's whatever the date.
 */
export async function prepareDatabase(
  kind: DatabaseKind,
  options: { users: number; seed: number; postgresUrl: string | undefined; log: (line: string) => void },
): Promise<BenchDatabase> {
  let databaseConfig: DatabaseConfig;
  let env: Record<string, string>;
  let schema: string | undefined;
  if (kind === 'sqlite') {
    mkdirSync(dirname(SQLITE_FILE), { recursive: true });
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${SQLITE_FILE}${suffix}`, { force: true });
    databaseConfig = { kind, file: SQLITE_FILE };
    env = { ROLECALL_DATABASE_URL: `sqlite:${SQLITE_FILE}` };
  } else {
    if (!options.postgresUrl) throw new Error('PostgreSQL needs --postgres-url or ROLECALL_TEST_POSTGRES_URL');
    schema = POSTGRES_SCHEMA;
    await replacePostgresSchema(options.postgresUrl, schema);
    databaseConfig = { kind, url: options.postgresUrl, poolSize: 2 };
    env = { ROLECALL_DATABASE_URL: postgresUrlWithSchema(options.postgresUrl, schema) };
  }
  env = { ...env, ROLECALL_SECRET_KEY: BENCH_SECRET_KEY, ROLECALL_DATA_DIR: resolve('bench/.data') };
  const config = loadConfig({ ...env, ROLECALL_ENV: 'test' });

  const database = createDatabase(databaseConfig, schema ? { schema } : {});
  try {
    await migrateToLatest(database);
    const started = performance.now();
    const generated = await generateBenchData(database, {
      users: options.users,
      seed: options.seed,
      overdue: Math.floor(options.users / 10),
      base: new Date(),
      secretKey: config.secretKey,
      rules: {
        timeZone: config.timeZone,
        legacyCutoff: config.certification.legacyCutoff,
        legacyFirstDue: config.certification.legacyFirstDue,
      },
    });
    const rows = generated.tables.reduce((sum, table) => sum + table.rows, 0);
    const seconds = (performance.now() - started) / 1000;
    options.log(
      `${kind}: generated ${rows.toLocaleString('en-US')} rows for ${options.users.toLocaleString('en-US')} users in ${seconds.toFixed(1)} s (${Math.round(rows / seconds).toLocaleString('en-US')} rows/s)`,
    );
    return { kind, env, config, generated };
  } finally {
    await database.close();
  }
}
