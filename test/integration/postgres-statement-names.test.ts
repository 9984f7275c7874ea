import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createDatabase } from '../../server/db/database.js';
import { withNamedStatements } from '../../server/db/postgres-statement-names.js';
import { createTestDatabase } from '../helpers/test-database.js';

const postgresUrl = process.env.ROLECALL_TEST_POSTGRES_URL;

describe.skipIf(!postgresUrl)('named PostgreSQL statements', () => {
  let pool: pg.Pool;
  beforeAll(() => {
    // One connection, so every statement below runs on the session whose prepared statements are read.
    pool = withNamedStatements(new pg.Pool({ connectionString: postgresUrl, max: 1 }), 3);
  });
  afterAll(async () => pool.end());

  const prepared = async () =>
    (await pool.query<{ statement: string }>('select statement from pg_prepared_statements order by prepare_time')).rows.map(
      (row) => row.statement,
    );

  it('prepares a statement with parameters once per connection and answers as an unnamed one would', async () => {
    const first = await pool.query<{ n: number }>('select $1::int + 1 as n', [1]);
    const second = await pool.query<{ n: number }>('select $1::int + 1 as n', [41]);
    expect([first.rows[0]!.n, second.rows[0]!.n]).toEqual([2, 42]);
    expect(await prepared()).toEqual(['select $1::int + 1 as n']);
  });

  it('leaves statements without parameters unnamed and stops naming at the capacity', async () => {
    await pool.query('select 1 as one');
    for (const n of [2, 3, 4, 5])
      expect((await pool.query<{ n: number }>(`select $1::int * ${n} as n`, [2])).rows[0]!.n).toBe(2 * n);
    // Capacity 3: the first statement and the next two; the rest ran unnamed, and run again correctly.
    expect(await prepared()).toEqual(['select $1::int + 1 as n', 'select $1::int * 2 as n', 'select $1::int * 3 as n']);
    expect((await pool.query<{ n: number }>('select $1::int * 5 as n', [3])).rows[0]!.n).toBe(15);
  });

  it('reports a failing statement and runs the next one by name', async () => {
    await expect(pool.query('select $1::int + 1 as n', ['not a number'])).rejects.toThrow(/invalid input syntax/);
    expect((await pool.query<{ n: number }>('select $1::int + 1 as n', [9])).rows[0]!.n).toBe(10);
  });

  it('names the statements the server runs through Kysely', async () => {
    const test = await createTestDatabase('postgres');
    try {
      const statements = await test.database.transaction(async (trx) => {
        for (let round = 0; round < 2; round += 1) {
          await trx.selectFrom('users').select('id').where('user_id_normalized', '=', `nobody-${round}`).execute();
        }
        return (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(trx)).rows;
      });
      expect(statements.map((row) => row.statement)).toContain('select "id" from "users" where "user_id_normalized" = $1');
    } finally {
      await test.drop();
    }
  });

  it('leaves every statement unnamed when the configuration turns them off', async () => {
    const database = createDatabase({ kind: 'postgres', url: postgresUrl!, poolSize: 1, preparedStatements: false });
    try {
      const statements = await database.transaction(async (trx) => {
        await sql`select ${1}::int as one`.execute(trx);
        return (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(trx)).rows;
      });
      expect(statements).toEqual([]);
    } finally {
      await database.close();
    }
  });
});
