import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../server/cli.js';
import type { Config } from '../../server/config/config.js';
import { DEMO_ORGANIZATIONS, DEMO_USERS } from '../../server/modules/demo/demo-data.js';
import { DemoRefusedError, loadDemo } from '../../server/modules/demo/load-demo.js';
import { decryptSecret } from '../../server/shared/crypto.js';
import { systemActor } from '../../server/shared/actor.js';
import { ApiClient } from '../helpers/api-client.js';
import { auditEntries, GOOD_PASSWORD, passwordStep, startSignIn, totpAt } from '../helpers/accounts.js';
import { createTestApp, createTestContext, type TestApp } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';

/** The tables the demo writes to, counted: a second load must leave every count as it was. */
const COUNTED = [
  'users',
  'organizations',
  'role_assignments',
  'mfa_factors',
  'password_history',
  'terms_acceptances',
  'audit_log',
] as const;

describe.each(testDialects())('rolecall demo on %s', (dialect) => {
  let t: TestApp;
  let printed: string;

  beforeAll(async () => {
    t = await createTestApp({ dialect });
    const lines: string[] = [];
    const code = await runCli(['demo'], cliConfig(), (line) => lines.push(line));
    printed = lines.join('\n');
    expect(code, printed).toBe(0);
  });
  afterAll(async () => t.close());

  /** The CLI opens its own connection to this test's database, as an operator's command would. */
  function cliConfig(overrides: Partial<Config> = {}): Config {
    const config = t.testDatabase.config;
    if (config.kind === 'sqlite') return { ...t.ctx.config, database: config, ...overrides };
    const url = new URL(config.url);
    url.searchParams.set('options', `-c search_path=${t.testDatabase.schema}`);
    return { ...t.ctx.config, database: { ...config, url: url.toString() }, ...overrides };
  }

  /** What the command printed after a label, e.g. "password:". */
  function printedValue(label: string): string {
    const match = new RegExp(`^\\s*${label}\\s+(\\S+)\\s*$`, 'm').exec(printed);
    if (!match?.[1]) throw new Error(`"${label}" is not in the output:\n${printed}`);
    return match[1];
  }

  async function counts(): Promise<Record<string, number>> {
    const result: Record<string, number> = {};
    for (const table of COUNTED) {
      const row = await t.ctx.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .executeTakeFirstOrThrow();
      result[table] = Number(row.count);
    }
    return result;
  }

  it('creates the organizations, active and flagged as demo, with their TINs encrypted', async () => {
    expect(printed).toContain('Demo data loaded: 4 organization(s), 7 user(s)');
    const rows = await t.ctx.database.db.selectFrom('organizations').selectAll().orderBy('submitter_id').execute();
    expect(rows.map((row) => [row.submitter_id, row.legal_name, row.location, row.status, row.is_demo])).toEqual([
      ['DEMO01', 'Sunrise Dermatology P.A.', 'FL', 'active', 1],
      ['DEMO02', 'Bayview Family Clinic', 'PR', 'active', 1],
      ['DEMO03', 'Coral Reef Pediatrics', 'USVI', 'active', 1],
      ['DEMO04', 'Palmetto Wound Care LLC', 'FL', 'active', 1],
    ]);
    for (const row of rows) {
      const demo = DEMO_ORGANIZATIONS.find((organization) => organization.submitterId === row.submitter_id)!;
      const digits = demo.tin.replace(/\D/g, '');
      expect(row.tin_encrypted).not.toContain(digits);
      expect(decryptSecret(t.ctx.config.secretKey, row.tin_encrypted, `tin:${row.id}`)).toBe(digits);
      expect(row.tin_last_digits).toBe(digits.slice(-4));
      expect(JSON.parse(row.approver_on_file_json)).toEqual(demo.approverOnFile);
      // Only the one without an approver is an orphan.
      expect(row.orphaned_since !== null, row.legal_name).toBe(demo.orphan);
    }
  });

  it('creates one account per persona: verified, flagged as demo, with the roles of its persona and no terms accepted', async () => {
    const users = await t.ctx.database.db.selectFrom('users').selectAll().orderBy('user_id').execute();
    expect(users.map((user) => user.user_id)).toEqual(DEMO_USERS.map((user) => user.userId).sort());
    for (const user of users) {
      expect(user).toMatchObject({ status: 'active', is_demo: 1 });
      expect(user.email).toMatch(/@example\.test$/);
      expect(user.email_verified_at).not.toBeNull();
      expect(user.is_administrator).toBe(user.user_id === 'demo.admin' ? 1 : 0);
    }
    const holdings = await t.ctx.database.db
      .selectFrom('role_assignments')
      .innerJoin('users', 'users.id', 'role_assignments.user_id')
      .innerJoin('roles', 'roles.id', 'role_assignments.role_id')
      .leftJoin('organizations', 'organizations.id', 'role_assignments.organization_id')
      .select(['users.user_id', 'roles.code', 'organizations.submitter_id', 'role_assignments.status'])
      .orderBy('users.user_id')
      .orderBy('roles.code')
      .orderBy('organizations.submitter_id')
      .execute();
    expect(holdings.map((row) => `${row.user_id} ${row.code} ${row.submitter_id ?? '-'} ${row.status}`)).toEqual([
      'demo.approver approver DEMO01 active',
      'demo.approver approver DEMO02 active',
      'demo.backup backup_approver DEMO01 active',
      'demo.coral approver DEMO03 active',
      'demo.enduser end_user DEMO01 active',
      'demo.helpdesk help_desk - active',
    ]);
    // They accept the terms at their first sign-in, as anyone does.
    expect(await t.ctx.database.db.selectFrom('terms_acceptances').selectAll().execute()).toEqual([]);
  });

  it('audits everything it created as the system, in a chain that verifies', async () => {
    const created = await auditEntries(t.ctx, 'account.demo_created');
    expect(created).toHaveLength(DEMO_USERS.length);
    expect(created.every((entry) => entry.actor_kind === 'system')).toBe(true);
    expect(await auditEntries(t.ctx, 'organization.created')).toHaveLength(DEMO_ORGANIZATIONS.length);
    expect(await auditEntries(t.ctx, 'role.granted')).toHaveLength(6);
    expect(await auditEntries(t.ctx, 'demo.loaded')).toHaveLength(1);
    expect(await t.ctx.audit.verify(t.ctx.database.db)).toMatchObject({ ok: true });
  });

  it('prints how to sign in as each persona, and never a TIN', () => {
    for (const user of DEMO_USERS) {
      expect(printed).toContain(`user ID ${user.userId}`);
      expect(printed).toContain(user.persona);
    }
    expect(printed).toMatch(/otpauth:\/\/totp\/\S+\?secret=[A-Z2-7]+/);
    expect(printed).toContain(`${t.ctx.config.publicUrl}/sign-in`);
    for (const organization of DEMO_ORGANIZATIONS) {
      expect(printed).toContain(organization.submitterId);
      expect(printed).not.toContain(organization.tin);
      expect(printed).not.toContain(organization.tin.replace(/\D/g, ''));
    }
  });

  it('lets every persona sign in with the printed password and a code from the printed secret', async () => {
    const password = printedValue('password:');
    const secret = printedValue('authenticator secret:');
    for (const user of DEMO_USERS) {
      const { client, factors } = await startSignIn(t.app, { userId: user.userId, password });
      const totp = factors.find((factor) => factor.kind === 'totp');
      expect(totp, user.userId).toBeDefined();
      const verified = await client.post('/api/v1/sign-in/mfa/verify', {
        factorId: totp!.id,
        code: await totpAt(secret, t.clock),
      });
      expect(verified.statusCode, `${user.userId}: ${verified.body}`).toBe(200);
      expect(verified.json().session).toMatchObject({
        stage: 'active',
        user: { userId: user.userId, isAdministrator: user.isAdministrator },
      });
      const capabilities = verified.json().session.capabilities as { approvesRequests: boolean; helpDesk: boolean };
      expect(capabilities.helpDesk, user.userId).toBe(user.userId === 'demo.helpdesk');
      expect(capabilities.approvesRequests, user.userId).toBe(
        ['demo.helpdesk', 'demo.approver', 'demo.backup', 'demo.coral'].includes(user.userId),
      );
    }
    expect(await auditEntries(t.ctx, 'terms.accepted')).toHaveLength(DEMO_USERS.length);
  });

  it('refuses a wrong password for a demo account like any other', async () => {
    const client = await new ApiClient(t.app).start();
    const step = await passwordStep(client, { userId: 'demo.enduser', password: GOOD_PASSWORD });
    expect(step.statusCode).toBe(401);
  });

  it("finds the demo organizations in the approver's organization search, by name and submitter ID, TIN masked", async () => {
    t.clock.advance({ seconds: 30 });
    const { client, factors } = await startSignIn(t.app, { userId: 'demo.approver', password: printedValue('password:') });
    const verified = await client.post('/api/v1/sign-in/mfa/verify', {
      factorId: factors[0]!.id,
      code: await totpAt(printedValue('authenticator secret:'), t.clock),
    });
    expect(verified.statusCode, verified.body).toBe(200);

    const search = async (q: string) => {
      const response = await client.get(`/api/v1/applications/SPOT/organizations?q=${encodeURIComponent(q)}`);
      expect(response.statusCode, response.body).toBe(200);
      return (response.json() as { items: { submitterId: string; legalName: string; maskedTin: string }[] }).items;
    };
    const sunrise = await search('sunrise derm');
    expect(sunrise.map((item) => item.legalName)).toEqual(['Sunrise Dermatology P.A.']);
    expect(sunrise[0]!.maskedTin).toMatch(/0101$/);
    expect(JSON.stringify(sunrise)).not.toContain('7000101');
    expect((await search('clinic')).map((item) => item.legalName)).toContain('Bayview Family Clinic');
    expect((await search('DEMO03')).map((item) => item.legalName)).toEqual(['Coral Reef Pediatrics']);
    expect((await search('palmetto')).map((item) => item.legalName)).toEqual(['Palmetto Wound Care LLC']);
  });

  it('changes nothing when loaded again', async () => {
    const before = await counts();
    const lines: string[] = [];
    const code = await runCli(['demo'], cliConfig(), (line) => lines.push(line));
    expect(code, lines.join('\n')).toBe(0);
    expect(lines[0]).toBe('Demo data already loaded: nothing to add.');
    expect(await counts()).toEqual(before);
  });

  it('refuses a production environment unless forced', async () => {
    const before = await counts();
    const lines: string[] = [];
    expect(await runCli(['demo'], cliConfig({ environment: 'production' }), (line) => lines.push(line))).toBe(1);
    expect(lines.join('\n')).toContain('--force');
    const forced: string[] = [];
    expect(await runCli(['demo', '--force'], cliConfig({ environment: 'production' }), (line) => forced.push(line))).toBe(0);
    expect(forced[0]).toBe('Demo data already loaded: nothing to add.');
    expect(await counts()).toEqual(before);
  });

  it('refuses, changing nothing, when a demo user ID belongs to a real account', async () => {
    const other = await createTestContext({ dialect });
    try {
      await other.ctx.accounts.register(systemActor, {
        userId: 'demo.helpdesk',
        email: 'someone@example.test',
        firstName: 'Sam',
        lastName: 'Realperson',
        password: GOOD_PASSWORD,
      });
      await expect(loadDemo(other.ctx)).rejects.toThrow(DemoRefusedError);
      const users = await other.ctx.database.db.selectFrom('users').select('user_id').execute();
      expect(users.map((user) => user.user_id)).toEqual(['demo.helpdesk']);
      expect(await other.ctx.database.db.selectFrom('organizations').selectAll().execute()).toEqual([]);
    } finally {
      await other.close();
    }
  });
});
