import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBenchData, type GenerateOptions, type GenerateResult } from '../../bench/generator/generate.js';
import type { Database } from '../../server/db/database.js';
import { verifyPassword } from '../../server/modules/accounts/password-hashing.js';
import { expiredBefore } from '../../server/modules/certification/due-dates.js';
import { decryptSecret } from '../../server/shared/crypto.js';
import { searchText, searchWords } from '../../server/shared/search-text.js';
import { addDays } from '../../server/shared/time.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';
import { createTestDatabase, testDialects } from '../helpers/test-database.js';

/*
 * The benchmark data generator (bench/generator) writes rows straight into the tables, so nothing
 * in the server checks them on the way in: this test does. A small dataset is generated through
 * the same function the CLI calls, then held to the proportions it promises, to the invariants
 * the server relies on (one approver per organization, due dates by the server's rule, search
 * names, encrypted TINs, an audit chain that verifies), and to the server itself working on it.
 */

const USERS = 600;

function optionsFor(t: TestContext, overrides: Partial<GenerateOptions> = {}): GenerateOptions {
  const { config } = t.ctx;
  return {
    users: USERS,
    seed: 1,
    overdue: USERS / 10,
    base: t.clock.now(),
    secretKey: config.secretKey,
    rules: {
      timeZone: config.timeZone,
      legacyCutoff: config.certification.legacyCutoff,
      legacyFirstDue: config.certification.legacyFirstDue,
    },
    ...overrides,
  };
}

async function count(
  database: Database,
  table: 'users' | 'organizations' | 'organization_words' | 'role_assignments' | 'role_requests' | 'audit_log',
) {
  const row = await database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The names of the indexes on the tables the generator fills. */
async function indexNames(database: Database): Promise<string[]> {
  const tables = ['users', 'organizations', 'role_assignments', 'role_requests', 'audit_log'];
  const query =
    database.kind === 'sqlite'
      ? sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name in (${sql.join(tables)})`
      : sql<{
          name: string;
        }>`select indexname as name from pg_indexes where schemaname = current_schema() and tablename in (${sql.join(tables)})`;
  return (await query.execute(database.db)).rows.map((row) => row.name).sort();
}

describe.each(testDialects())('the benchmark data generator on %s', (dialect) => {
  let t: TestContext;
  let result: GenerateResult;
  let roleIds: Record<string, string>;

  beforeAll(async () => {
    t = await createTestContext({ dialect });
    result = await generateBenchData(t.ctx.database, optionsFor(t));
    roleIds = Object.fromEntries(result.catalog.roles.map((role) => [role.code, role.id]));
  });
  afterAll(async () => t.close());

  it('makes N users and organizations, 2N assignments and N/10 pending requests', async () => {
    const db = t.ctx.database;
    expect(await count(db, 'users')).toBe(USERS);
    expect(await count(db, 'organizations')).toBe(USERS);
    expect(await count(db, 'role_assignments')).toBe(2 * USERS);
    expect(await count(db, 'role_requests')).toBe(USERS / 10);
    const byRole = await db.db
      .selectFrom('role_assignments')
      .select(['role_id', (eb) => eb.fn.countAll<number>().as('count')])
      .where('status', '=', 'active')
      .groupBy('role_id')
      .execute();
    const held = Object.fromEntries(byRole.map((row) => [row.role_id, Number(row.count)]));
    expect(held[roleIds.approver!]).toBe(USERS);
    expect(held[roleIds.backup_approver!]).toBe(USERS / 10);
    expect(held[roleIds.help_desk!]).toBe(result.plan.helpDesk);
    expect(held[roleIds.end_user!]).toBe(2 * USERS - USERS - USERS / 10 - result.plan.helpDesk);
    // The type-ahead's index holds each distinct word of each name, as insertOrganization writes it.
    const names = await db.db.selectFrom('organizations').select('search_name').execute();
    const words = names.reduce((sum, row) => sum + searchWords(row.search_name).length, 0);
    expect(await count(db, 'organization_words')).toBe(words);
    expect(result.tables.map((table) => [table.table, table.rows])).toEqual([
      ['users', USERS],
      ['organizations', USERS],
      ['organization_words', words],
      ['role_assignments', 2 * USERS],
      ['role_requests', USERS / 10],
      ['audit_log', 1 + 2 * USERS + USERS / 10],
    ]);
  });

  it('gives every organization exactly one approver, at most three backups, and a big organization', async () => {
    const db = t.ctx.database.db;
    const perOrganization = await db
      .selectFrom('role_assignments')
      .select(['organization_id', 'role_id', (eb) => eb.fn.countAll<number>().as('count')])
      .where('status', '=', 'active')
      .where('organization_id', '!=', '')
      .groupBy(['organization_id', 'role_id'])
      .execute();
    const approvers = perOrganization.filter((row) => row.role_id === roleIds.approver);
    expect(approvers).toHaveLength(USERS);
    expect(approvers.every((row) => Number(row.count) === 1)).toBe(true);
    const backups = perOrganization.filter((row) => row.role_id === roleIds.backup_approver);
    expect(backups.every((row) => Number(row.count) <= 3)).toBe(true);
    const organizations = new Set((await db.selectFrom('organizations').select('id').execute()).map((row) => row.id));
    expect(perOrganization.every((row) => organizations.has(row.organization_id))).toBe(true);
    const bigEndUsers = perOrganization.find(
      (row) => row.organization_id === result.people.bigOrganization.id && row.role_id === roleIds.end_user,
    );
    expect(Number(bigEndUsers?.count)).toBeGreaterThanOrEqual(USERS / 10);
    // Nobody holds an organization role twice, or an end-user role where they already approve.
    const holders = await db
      .selectFrom('role_assignments')
      .select(['user_id', 'organization_id', (eb) => eb.fn.countAll<number>().as('count')])
      .where('organization_id', '!=', '')
      .groupBy(['user_id', 'organization_id'])
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute();
    expect(holders).toEqual([]);
  });

  it('keeps the records on file in step with the holders, searchable names and readable TINs', async () => {
    const db = t.ctx.database.db;
    const rows = await db
      .selectFrom('organizations')
      .innerJoin('role_assignments', 'role_assignments.organization_id', 'organizations.id')
      .innerJoin('users', 'users.id', 'role_assignments.user_id')
      .where('role_assignments.role_id', '=', roleIds.approver!)
      .select([
        'organizations.id',
        'organizations.legal_name',
        'organizations.search_name',
        'organizations.tin_encrypted',
        'organizations.tin_last_digits',
        'organizations.approver_on_file_json',
        'organizations.status',
        'users.first_name',
        'users.last_name',
        'users.email',
      ])
      .execute();
    expect(rows).toHaveLength(USERS);
    for (const row of rows) {
      expect(row.search_name).toBe(searchText(row.legal_name));
      expect(row.status).toBe('active');
      const tin = decryptSecret(t.ctx.config.secretKey, row.tin_encrypted, `tin:${row.id}`);
      expect(tin).toMatch(/^\d{9}$/);
      expect(tin.endsWith(row.tin_last_digits)).toBe(true);
      expect(JSON.parse(row.approver_on_file_json)).toEqual({
        firstName: row.first_name,
        lastName: row.last_name,
        email: row.email,
      });
    }
  });

  it('sets due dates by the server rule, spread over the coming year, with the asked number overdue', async () => {
    const db = t.ctx.database.db;
    const now = t.clock.now();
    const rows = await db.selectFrom('role_assignments').select(['role_id', 'established_at', 'certification_due_at']).execute();
    for (const row of rows) {
      if (row.role_id === roleIds.help_desk) {
        expect(row.certification_due_at).toBeNull();
      } else {
        expect(row.certification_due_at).toBe(addDays(new Date(row.established_at), 365).toISOString());
        expect(row.certification_due_at! < addDays(now, 366).toISOString()).toBe(true);
      }
      expect(row.established_at < now.toISOString()).toBe(true);
    }
    const overdue = rows.filter(
      (row) =>
        row.certification_due_at !== null && row.certification_due_at < expiredBefore(now, t.ctx.config.timeZone).toISOString(),
    );
    expect(overdue).toHaveLength(USERS / 10);
    const dueDays = new Set(rows.map((row) => row.certification_due_at?.slice(0, 7)).filter((month) => month !== undefined));
    expect(dueDays.size).toBeGreaterThanOrEqual(12);
  });

  it('routes pending requests as the server would, none of them expired or already held', async () => {
    const db = t.ctx.database.db;
    const requests = await db.selectFrom('role_requests').selectAll().execute();
    const now = t.clock.now().toISOString();
    for (const request of requests) {
      expect(request.status).toBe('pending');
      expect(request.expires_at > now).toBe(true);
      expect(request.created_at < now).toBe(true);
      expect(request.routed_to).toBe(request.role_id === roleIds.end_user ? 'org_approvers' : 'help_desk');
      const held = await db
        .selectFrom('role_assignments')
        .select('id')
        .where('user_id', '=', request.requester_id)
        .where('organization_id', '=', request.organization_id)
        .executeTakeFirst();
      expect(held).toBeUndefined();
    }
    expect(requests.some((request) => request.routed_to === 'help_desk')).toBe(true);
  });

  it('ends with every index the migrations define, after building them over the loaded rows', async () => {
    const fresh = await createTestDatabase(dialect);
    try {
      expect(await indexNames(t.ctx.database)).toEqual(await indexNames(fresh.database));
    } finally {
      await fresh.drop();
    }
  });

  it('writes an audit chain the server verifies, one entry per grant and per request', async () => {
    expect(await t.ctx.audit.verify(t.ctx.database.db)).toMatchObject({ ok: true, entries: 1 + 2 * USERS + USERS / 10 });
    const db = t.ctx.database.db;
    const granted = await db
      .selectFrom('role_assignments')
      .innerJoin('audit_log', (join) =>
        join.onRef('audit_log.target_id', '=', 'role_assignments.id').on('audit_log.action', '=', 'role.granted'),
      )
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    expect(Number(granted.count)).toBe(2 * USERS);
    const submitted = await db
      .selectFrom('role_requests')
      .innerJoin('audit_log', (join) =>
        join.onRef('audit_log.target_id', '=', 'role_requests.id').on('audit_log.action', '=', 'role_request.submitted'),
      )
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    expect(Number(submitted.count)).toBe(USERS / 10);
  });

  it('gives the big approver certification items and pending approvals, and the help desk its items', async () => {
    const approver = result.people.bigApprover;
    const listed = await t.ctx.certification.list({ id: approver.id, isAdministrator: false }, { limit: 500 });
    expect(listed.items.length).toBeGreaterThan(0);
    expect(listed.items.every((item) => item.certifiedAs === 'org_approvers')).toBe(true);
    const helpDesk = result.people.helpDesk[0]!;
    const helpDeskList = await t.ctx.certification.list({ id: helpDesk.id, isAdministrator: false }, { limit: 500 });
    expect(helpDeskList.items.some((item) => item.certifiedAs === 'help_desk')).toBe(true);

    const approverUser = await t.ctx.accounts.findByUserId(approver.userId);
    const pending = await t.ctx.requests.listPendingApprovals(approverUser!, { limit: 50 });
    expect(pending.items.length).toBeGreaterThan(0);
    const helpDeskUser = await t.ctx.accounts.findByUserId(helpDesk.userId);
    const helpDeskPending = await t.ctx.requests.listPendingApprovals(helpDeskUser!, { limit: 50 });
    expect(helpDeskPending.items.length).toBeGreaterThan(0);
  });

  it('finds a generated organization by a word of its name and by its submitter ID', async () => {
    const big = result.people.bigOrganization;
    const word = searchWords(big.legalName).sort((a, b) => b.length - a.length)[0]!;
    const byWord = await t.ctx.organizations.search(result.catalog.applicationId, word);
    expect(byWord.length).toBeGreaterThan(0);
    expect(byWord.every((found) => searchText(found.legalName).includes(word))).toBe(true);
    const byName = await t.ctx.organizations.search(result.catalog.applicationId, big.legalName);
    expect(byName.map((found) => found.id)).toContain(big.id);
    const bySubmitter = await t.ctx.organizations.search(result.catalog.applicationId, big.submitterId);
    expect(bySubmitter.map((found) => found.id)).toContain(big.id);
  });

  it('lets a generated user sign in with the known password', async () => {
    const stored = await t.ctx.accounts.findByUserId(result.people.bigApprover.userId);
    expect(await verifyPassword(stored!.passwordHash!, result.people.password)).toBe(true);
    const opened = await t.ctx.signIn.passwordStep(
      { kind: 'anonymous' },
      { userId: result.people.bigApprover.userId, password: result.people.password, acceptTerms: true },
    );
    expect(opened.session.userId).toBe(result.people.bigApprover.id);
  });

  it('leaves the counters so that the server numbers the next request after the generated ones', async () => {
    const requester = await t.ctx.accounts.findByUserId(result.people.helpDesk[1]!.userId);
    const organization = await t.ctx.database.db
      .selectFrom('organizations')
      .select('id')
      .where('submitter_id', '=', 'S000042')
      .executeTakeFirstOrThrow();
    const submitted = await t.ctx.requests.submit({ kind: 'user', userId: requester!.id }, requester!, {
      roleId: roleIds.end_user!,
      organizationId: organization.id,
      reason: 'Benchmark check',
    });
    expect(submitted.trackingNumber).toBe(`RR-${t.clock.now().getUTCFullYear()}-${String(USERS / 10 + 1).padStart(6, '0')}`);
    // The server's own entries extend the generated chain.
    expect((await t.ctx.audit.verify(t.ctx.database.db)).ok).toBe(true);
  });
});

describe('the benchmark data generator, run again', () => {
  /** A digest of every row of the generated tables, in key order. */
  async function checksum(database: Database): Promise<string> {
    const hash = createHash('sha256');
    for (const table of ['applications', 'roles', 'users', 'organizations', 'role_assignments', 'role_requests', 'audit_log']) {
      const key = table === 'audit_log' ? 'seq' : 'id';
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by ${sql.ref(key)}`.execute(
        database.db,
      );
      for (const row of rows.rows) hash.update(JSON.stringify(row));
    }
    return hash.digest('hex');
  }

  async function generated(seed: number): Promise<string> {
    const testDatabase = await createTestDatabase('sqlite');
    try {
      await generateBenchData(testDatabase.database, {
        users: 200,
        seed,
        overdue: 20,
        base: new Date('2026-03-02T15:00:00.000Z'),
        secretKey: Buffer.alloc(32, 7),
        rules: { timeZone: 'America/New_York', legacyCutoff: '2021-07-01', legacyFirstDue: '2022-07-15' },
      });
      return await checksum(testDatabase.database);
    } finally {
      await testDatabase.drop();
    }
  }

  it('gives the same rows for the same seed and different rows for another', async () => {
    const first = await generated(1);
    expect(await generated(1)).toBe(first);
    expect(await generated(2)).not.toBe(first);
  });
});
