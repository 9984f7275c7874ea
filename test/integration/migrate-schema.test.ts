import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../server/db/database.js';
import { migrateToLatest } from '../../server/db/migrate.js';

const postgresUrl = process.env.ROLECALL_TEST_POSTGRES_URL;

// A server whose ROLECALL_DATABASE_URL picks a schema (options=-c search_path=…) beside another
// Rolecall's schema in the same database.
describe.skipIf(!postgresUrl)('migrations on PostgreSQL, the schema chosen by the URL', () => {
  const suffix = randomBytes(4).toString('hex');
  const schemas = [`migrate_first_${suffix}`, `migrate_second_${suffix}`];

  async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  afterAll(async () => {
    await admin(async (client) => {
      for (const schema of schemas) await client.query(`drop schema if exists ${schema} cascade`);
    });
  });

  it('migrates the schema of its own search path even when another schema is already migrated', async () => {
    await admin(async (client) => {
      for (const schema of schemas) await client.query(`create schema ${schema}`);
    });
    for (const schema of schemas) {
      const url = new URL(postgresUrl as string);
      url.searchParams.set('options', `-c search_path=${schema}`);
      const database = createDatabase({ kind: 'postgres', url: url.toString(), poolSize: 1 });
      try {
        const { applied } = await migrateToLatest(database);
        expect(applied.length).toBeGreaterThan(0);
      } finally {
        await database.close();
      }
    }
    const tables = await admin(async (client) =>
      client.query<{ table_schema: string }>(
        `select table_schema from information_schema.tables where table_name = 'role_assignments' and table_schema = any($1)`,
        [schemas],
      ),
    );
    expect(tables.rows.map((row) => row.table_schema).sort()).toEqual([...schemas].sort());
  });
});
