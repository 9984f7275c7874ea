import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DatabaseConfig } from '../../server/config/config.js';
import { createDatabase, type Database } from '../../server/db/database.js';
import type { DialectKind } from '../../server/db/dialect.js';
import { migrateToLatest } from '../../server/db/migrate.js';

const postgresUrl = process.env.ROLECALL_TEST_POSTGRES_URL;

/** The databases the integration suite runs on: SQLite always, PostgreSQL when configured. */
export function testDialects(): DialectKind[] {
  return postgresUrl ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface TestDatabase {
  readonly kind: DialectKind;
  readonly config: DatabaseConfig;
  /** PostgreSQL schema, for opening more connections to the same data (other "processes"). */
  readonly schema: string | undefined;
  readonly database: Database;
  /**
   * Another handle on the same data, as a second server process would have. On SQLite, use it
   * only while the first handle is idle: two synchronous connections in one process cannot
   * wait for each other's write lock.
   */
  connectAgain(): Database;
  drop(): Promise<void>;
}

/** A fresh, migrated database: a new SQLite file, or a new PostgreSQL schema. */
export async function createTestDatabase(kind: DialectKind): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'rolecall-test-'));
    const config: DatabaseConfig = { kind: 'sqlite', file: join(dir, 'rolecall.db') };
    const database = createDatabase(config);
    await migrateToLatest(database);
    const extra: Database[] = [];
    return {
      kind,
      config,
      schema: undefined,
      database,
      connectAgain() {
        const again = createDatabase(config);
        extra.push(again);
        return again;
      },
      async drop() {
        await Promise.all([database, ...extra].map((db) => db.close().catch(() => undefined)));
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }

  if (!postgresUrl) throw new Error('ROLECALL_TEST_POSTGRES_URL is not set');
  const schema = `test_${randomBytes(6).toString('hex')}`;
  await withAdminClient((client) => client.query(`create schema ${schema}`));
  const config: DatabaseConfig = { kind: 'postgres', url: postgresUrl, poolSize: 8 };
  const database = createDatabase(config, { schema });
  await migrateToLatest(database);
  const extra: Database[] = [];
  return {
    kind,
    config,
    schema,
    database,
    connectAgain() {
      const again = createDatabase(config, { schema });
      extra.push(again);
      return again;
    },
    async drop() {
      await Promise.all([database, ...extra].map((db) => db.close().catch(() => undefined)));
      await withAdminClient((client) => client.query(`drop schema if exists ${schema} cascade`));
    },
  };
}

/** A client of the PostgreSQL test server as its superuser, for what a test needs outside its schema. */
export async function withAdminClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
