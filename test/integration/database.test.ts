import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afterCommit, TransactionMisuseError } from '../../server/db/database.js';
import { migrateToLatest } from '../../server/db/migrate.js';
import { newId } from '../../server/shared/ids.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../helpers/test-database.js';

const DOMAIN_TABLES = [
  'users',
  'password_history',
  'mfa_factors',
  'recovery_codes',
  'one_time_codes',
  'sessions',
  'terms_versions',
  'terms_acceptances',
  'applications',
  'roles',
  'organizations',
  'organization_forms',
  'role_assignments',
  'role_requests',
  'certification_decisions',
  'acknowledgement_versions',
  'outbox',
  'audit_log',
];

describe.each(testDialects())('the data layer on %s', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(async () => t.drop());

  it('creates the whole domain schema, and a second migration run changes nothing', async () => {
    const tables = (await t.database.db.introspection.getTables()).map((table) => table.name);
    expect(tables).toEqual(expect.arrayContaining(DOMAIN_TABLES));
    expect(await migrateToLatest(t.database)).toEqual({ applied: [] });
  });

  it('runs after-commit hooks only once the transaction has committed', async () => {
    const seen: string[] = [];
    await t.database.transaction(async (trx) => {
      afterCommit(trx, () => {
        seen.push('hook');
      });
      await trx.insertInto('counters').values({ name: 'committed', value: 1 }).execute();
      seen.push('body');
    });
    expect(seen).toEqual(['body', 'hook']);
    const row = await t.database.db.selectFrom('counters').selectAll().where('name', '=', 'committed').executeTakeFirst();
    expect(row?.value).toBe(1);
  });

  it('never runs the hooks of a transaction that rolls back, and keeps none of its writes', async () => {
    let hookRan = false;
    await expect(
      t.database.transaction(async (trx) => {
        afterCommit(trx, () => {
          hookRan = true;
        });
        await trx.insertInto('counters').values({ name: 'rolled-back', value: 1 }).execute();
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(hookRan).toBe(false);
    const row = await t.database.db.selectFrom('counters').selectAll().where('name', '=', 'rolled-back').executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it('refuses the root connection inside a transaction at once, instead of waiting on itself', async () => {
    // Before the guard, the first of these never settled on SQLite: the test timed out.
    await expect(
      t.database.transaction(async () => {
        await t.database.db.selectFrom('counters').selectAll().execute();
      }),
    ).rejects.toThrow(TransactionMisuseError);
    await expect(
      t.database.transaction(async () => {
        await t.database.transaction(async (inner) => inner.selectFrom('counters').selectAll().execute());
      }),
    ).rejects.toThrow(/inside another/);
    // The connection is free again, and work after commit may use it.
    let afterCommitRows = -1;
    await t.database.transaction(async (trx) => {
      afterCommit(trx, async () => {
        afterCommitRows = (await t.database.db.selectFrom('counters').selectAll().execute()).length;
      });
    });
    expect(afterCommitRows).toBeGreaterThanOrEqual(0);
  });

  it('refuses afterCommit outside a transaction it started', async () => {
    await expect(
      t.database.db.transaction().execute(async (trx) => {
        afterCommit(trx, () => undefined);
      }),
    ).rejects.toThrow(/afterCommit/);
  });

  it('enforces foreign keys', async () => {
    const now = new Date().toISOString();
    await expect(
      t.database.db
        .insertInto('password_history')
        .values({ id: newId(), user_id: newId(), password_hash: 'x', created_at: now })
        .execute(),
    ).rejects.toThrow(/foreign key/i);
  });

  it('allows one active holding of a role per user and organization, any number of removed ones', async () => {
    const now = new Date().toISOString();
    const db = t.database.db;
    const userId = newId();
    const applicationId = newId();
    const roleId = newId();
    await db
      .insertInto('users')
      .values({
        id: userId,
        user_id: `u${userId}`,
        user_id_normalized: `u${userId}`,
        first_name: 'Ana',
        last_name: 'Diaz',
        email: 'ana@example.test',
        email_normalized: 'ana@example.test',
        status: 'active',
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto('applications')
      .values({ id: applicationId, code: `APP${applicationId.slice(0, 8)}`, name: 'App', created_at: now, updated_at: now })
      .execute();
    await db
      .insertInto('roles')
      .values({
        id: roleId,
        application_id: applicationId,
        code: 'END_USER',
        name: 'End User',
        scope: 'organization',
        approved_by: 'org_approvers',
        certified_by: 'org_approvers',
        kind: 'end_user',
        created_at: now,
        updated_at: now,
      })
      .execute();
    const assignment = (status: string) => ({
      id: newId(),
      user_id: userId,
      application_id: applicationId,
      role_id: roleId,
      organization_id: 'org-1',
      status,
      established_at: now,
      created_at: now,
      updated_at: now,
    });
    await db
      .insertInto('role_assignments')
      .values([assignment('removed'), assignment('removed'), assignment('active')])
      .execute();
    await expect(db.insertInto('role_assignments').values(assignment('active')).execute()).rejects.toThrow(/unique/i);
  });

  it('reads bigint columns as numbers on both databases', async () => {
    await t.database.db
      .insertInto('counters')
      .values({ name: 'big', value: 2 ** 40 })
      .execute();
    const row = await t.database.db.selectFrom('counters').select('value').where('name', '=', 'big').executeTakeFirstOrThrow();
    expect(row.value).toBe(2 ** 40);
    const { rows } = await sql<{ n: number }>`select count(*) as n from counters`.execute(t.database.db);
    expect(typeof rows[0]?.n).toBe('number');
  });
});
