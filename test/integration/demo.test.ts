import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../server/cli.js';
import type { Config } from '../../server/config/config.js';
import { addCalendarDays, calendarDaysBetween, dueDayOf } from '../../server/modules/certification/due-dates.js';
import type { CertificationItemView, ExpiringItem } from '../../server/modules/certification/certification.service.js';
import {
  DEMO_CERTIFICATION_HOLDERS,
  DEMO_CLIENTS,
  DEMO_ORGANIZATIONS,
  DEMO_USERS,
  type DemoCertificationHolder,
} from '../../server/modules/demo/demo-data.js';
import { DemoRefusedError, loadDemo } from '../../server/modules/demo/load-demo.js';
import { decryptSecret } from '../../server/shared/crypto.js';
import { systemActor } from '../../server/shared/actor.js';
import { addDays, calendarDateIn } from '../../server/shared/time.js';
import { ApiClient } from '../helpers/api-client.js';
import { auditEntries, GOOD_PASSWORD, passwordStep, startSignIn, totpAt } from '../helpers/accounts.js';
import { createTestApp, createTestContext, ownConnectionConfig, type TestApp } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';
import { clientCredentialsGrant } from '../helpers/oidc-flow.js';

/** The tables the demo writes to, counted: a second load must leave every count as it was. */
const COUNTED = [
  'users',
  'organizations',
  'role_assignments',
  'mfa_factors',
  'password_history',
  'terms_acceptances',
  'certification_decisions',
  'oidc_clients',
  'audit_log',
] as const;

const ALL_DEMO_USERS = [...DEMO_USERS, ...DEMO_CERTIFICATION_HOLDERS];
const PAST_DECISIONS = DEMO_CERTIFICATION_HOLDERS.filter((holder) => holder.certifiedDaysAgo !== undefined);
/** The end users demo.approver and demo.backup certify now: Sunrise's, not certified last month, soonest due first. */
const SUNRISE_DUE = DEMO_CERTIFICATION_HOLDERS.filter(
  (holder) => holder.organization === 'sunrise' && holder.role === 'end_user' && holder.certifiedDaysAgo === undefined,
).sort((a, b) => b.establishedDaysAgo - a.establishedDaysAgo);

describe.each(testDialects())('rolecall demo on %s', (dialect) => {
  let t: TestApp;
  let printed: string;

  beforeAll(async () => {
    t = await createTestApp({ dialect });
    const lines: string[] = [];
    const code = await runCli(['demo'], cliConfig(), (line) => lines.push(line));
    printed = lines.join('\n');
    expect(code, printed).toBe(0);
    // The command ran on its own (system) clock: the API answers as of the same instant.
    const admin = await t.ctx.database.db
      .selectFrom('users')
      .select('created_at')
      .where('user_id', '=', 'demo.admin')
      .executeTakeFirstOrThrow();
    t.clock.set(admin.created_at);
  });
  afterAll(async () => t.close());

  /** The CLI opens its own connection to this test's database, as an operator's command would. */
  const cliConfig = (overrides: Partial<Config> = {}) => ownConnectionConfig(t, overrides);

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
    expect(printed).toContain(`Demo data loaded: 4 organization(s), ${ALL_DEMO_USERS.length} user(s)`);
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
    expect(users.map((user) => user.user_id)).toEqual(ALL_DEMO_USERS.map((user) => user.userId).sort());
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
      .where(
        'users.user_id',
        'in',
        DEMO_USERS.map((user) => user.userId),
      )
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
    expect(created).toHaveLength(ALL_DEMO_USERS.length);
    expect(created.every((entry) => entry.actor_kind === 'system')).toBe(true);
    expect(await auditEntries(t.ctx, 'organization.created')).toHaveLength(DEMO_ORGANIZATIONS.length);
    const granted = await auditEntries(t.ctx, 'role.granted');
    expect(granted).toHaveLength(6 + DEMO_CERTIFICATION_HOLDERS.length);
    expect(granted.every((entry) => entry.actor_kind === 'system')).toBe(true);
    const certified = await auditEntries(t.ctx, 'certification.certified');
    expect(certified).toHaveLength(PAST_DECISIONS.length);
    expect(certified.every((entry) => entry.actor_kind === 'system')).toBe(true);
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

  it('registers the example application’s clients with the printed secrets, which authenticate', async () => {
    const [web, service] = DEMO_CLIENTS;
    for (const demo of DEMO_CLIENTS) expect(printed).toContain(`${demo.clientId} (secret ${demo.clientSecret})`);
    expect(await t.ctx.oidc.clients.list()).toEqual([
      expect.objectContaining({
        clientId: web.clientId,
        applicationCode: 'SPOT',
        kind: 'web',
        redirectUris: ['http://localhost:4000/callback'],
        postLogoutRedirectUris: ['http://localhost:4000/signed-out'],
      }),
      expect.objectContaining({ clientId: service.clientId, applicationCode: 'SPOT', kind: 'service' }),
    ]);
    const tokenWith = (secret: string) => clientCredentialsGrant(t.app, { clientId: service.clientId, clientSecret: secret });
    expect((await tokenWith(service.clientSecret)).statusCode).toBe(200);
    expect((await tokenWith(web.clientSecret)).statusCode).toBe(401);
    const created = await auditEntries(t.ctx, 'oidc_client.created');
    expect(created.map((entry) => entry.target_id).sort()).toEqual([service.clientId, web.clientId].sort());
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

  /** A demo account signed in through the API with the printed password and a code from the printed secret. */
  async function signInDemo(userId: string): Promise<ApiClient> {
    // A code is never accepted twice for one account: the next 30-second step.
    t.clock.advance({ seconds: 30 });
    const { client, factors } = await startSignIn(t.app, { userId, password: printedValue('password:') });
    const verified = await client.post('/api/v1/sign-in/mfa/verify', {
      factorId: factors[0]!.id,
      code: await totpAt(printedValue('authenticator secret:'), t.clock),
    });
    expect(verified.statusCode, verified.body).toBe(200);
    return client;
  }

  /** The day the command ran, the catalog's period for SPOT end users, and today now (the test clock moved on a little). */
  async function calendar() {
    const timeZone = t.ctx.config.timeZone;
    const application = await t.ctx.catalog.getApplication('SPOT');
    const period = application.roles.find((role) => role.code === 'end_user')!.certificationPeriodDays;
    const admin = await t.ctx.database.db
      .selectFrom('users')
      .select('created_at')
      .where('user_id', '=', 'demo.admin')
      .executeTakeFirstOrThrow();
    const loadDay = calendarDateIn(new Date(admin.created_at), timeZone);
    return { timeZone, period, loadDay, today: calendarDateIn(t.clock.now(), timeZone) };
  }

  async function myCertifications(client: ApiClient): Promise<CertificationItemView[]> {
    const response = await client.get('/api/v1/certifications?limit=500');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().nextCursor).toBeNull();
    return response.json().items as CertificationItemView[];
  }

  it('establishes the certification holders’ roles in the past, with the due dates the certification rules give', async () => {
    const { timeZone, period, loadDay } = await calendar();
    const rows = await t.ctx.database.db
      .selectFrom('role_assignments')
      .innerJoin('users', 'users.id', 'role_assignments.user_id')
      .select([
        'users.user_id',
        'users.is_demo',
        'users.email',
        'role_assignments.established_at',
        'role_assignments.last_certified_at',
        'role_assignments.certification_due_at',
        'role_assignments.status',
      ])
      .where(
        'users.user_id',
        'in',
        DEMO_CERTIFICATION_HOLDERS.map((holder) => holder.userId),
      )
      .execute();
    expect(rows).toHaveLength(DEMO_CERTIFICATION_HOLDERS.length);
    for (const holder of DEMO_CERTIFICATION_HOLDERS) {
      const row = rows.find((candidate) => candidate.user_id === holder.userId)!;
      expect(row, holder.userId).toMatchObject({ is_demo: 1, status: 'active' });
      expect(row.email).toMatch(/@example\.test$/);
      expect(calendarDateIn(new Date(row.established_at), timeZone), holder.userId).toBe(
        addCalendarDays(loadDay, -holder.establishedDaysAgo),
      );
      if (holder.certifiedDaysAgo === undefined) {
        // One period after it was established, as any grant: nobody wrote the due date by hand.
        expect(row.last_certified_at, holder.userId).toBeNull();
        expect(row.certification_due_at, holder.userId).toBe(addDays(new Date(row.established_at), period).toISOString());
        expect(dueDayOf(row.certification_due_at!, timeZone), holder.userId).toBe(
          addCalendarDays(loadDay, period - holder.establishedDaysAgo),
        );
      } else {
        expect(calendarDateIn(new Date(row.last_certified_at!), timeZone), holder.userId).toBe(
          addCalendarDays(loadDay, -holder.certifiedDaysAgo),
        );
        expect(row.certification_due_at, holder.userId).toBe(addDays(new Date(row.last_certified_at!), period).toISOString());
      }
    }
  });

  it("lists Sunrise's due end users on the approver's My Annual Role Certifications, soonest first, overdue ones on top", async () => {
    const { period, loadDay, today } = await calendar();
    const moved = calendarDaysBetween(loadDay, today);
    const items = await myCertifications(await signInDemo('demo.approver'));
    expect(items.map((item) => item.holder.userId)).toEqual(SUNRISE_DUE.map((holder) => holder.userId));
    expect(items.map((item) => item.daysLeft)).toEqual(SUNRISE_DUE.map((holder) => period - holder.establishedDaysAgo - moved));
    for (const item of items) {
      expect(item).toMatchObject({
        certifiedAs: 'org_approvers',
        allowedActions: ['certify', 'revoke'],
        role: { code: 'end_user' },
        organization: { submitterId: 'DEMO01' },
        lastCertifiedAt: null,
      });
    }
    // Something for every reminder: overdue, and within 7, 14, 30 and 60 days.
    const daysLeft = items.map((item) => item.daysLeft + moved);
    expect(daysLeft.some((days) => days < 0)).toBe(true);
    for (const [from, to] of [
      [0, 7],
      [8, 14],
      [15, 30],
      [31, 60],
    ] as const) {
      expect(
        daysLeft.some((days) => days >= from && days <= to),
        `due in ${from}–${to} days`,
      ).toBe(true);
    }
    // The backup approver certifies the same end users.
    const backup = await myCertifications(await signInDemo('demo.backup'));
    expect(backup.map((item) => item.assignmentId)).toEqual(items.map((item) => item.assignmentId));
  });

  it("lists the second backup approver and the orphan's end user on the help desk's list", async () => {
    const items = await myCertifications(await signInDemo('demo.helpdesk'));
    const expected = DEMO_CERTIFICATION_HOLDERS.filter(
      (holder) => holder.role !== 'end_user' || holder.organization === 'palmetto',
    ).sort((a, b) => b.establishedDaysAgo - a.establishedDaysAgo);
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect(items.map((item) => item.holder.userId)).toEqual(expected.map((holder) => holder.userId));
    const backup = items.find((item) => item.role.code === 'backup_approver');
    expect(backup).toMatchObject({
      certifiedAs: 'help_desk',
      organization: { submitterId: 'DEMO01' },
      onFile: { firstName: 'Linh', lastName: 'Tran', matches: true },
    });
    expect(items.find((item) => item.organization?.submitterId === 'DEMO04')).toMatchObject({
      role: { code: 'end_user' },
      certifiedAs: 'help_desk',
    });
  });

  it('lists the overdue roles on the dry run for today', async () => {
    const { today } = await calendar();
    const client = await signInDemo('demo.helpdesk');
    const response = await client.get(`/api/v1/help-desk/certifications/expiring?date=${today}`);
    expect(response.statusCode, response.body).toBe(200);
    const items = response.json().items as ExpiringItem[];
    const overdue = SUNRISE_DUE.filter((holder) => holder.establishedDaysAgo > 365);
    expect(overdue.length).toBeGreaterThanOrEqual(2);
    expect(items.map((item) => item.holder.userId)).toEqual(overdue.map((holder) => holder.userId));
    expect(printed).toContain('removed by the certification sweep at its next run');
  });

  it('certified two end users last month, as demo.approver: the dashboard counts them', async () => {
    const { timeZone, loadDay } = await calendar();
    const decisions = await t.ctx.database.db
      .selectFrom('certification_decisions')
      .innerJoin('users as holder', 'holder.id', 'certification_decisions.holder_id')
      .innerJoin('users as certifier', 'certifier.id', 'certification_decisions.certifier_id')
      .select(['holder.user_id as holder', 'certifier.user_id as certifier', 'outcome', 'decided_at'])
      .orderBy('holder.user_id')
      .execute();
    expect(decisions.map((decision) => [decision.holder, decision.certifier, decision.outcome])).toEqual(
      PAST_DECISIONS.map((holder) => [holder.userId, 'demo.approver', 'certified']).sort(),
    );
    for (const decision of decisions) {
      const holder = PAST_DECISIONS.find((candidate) => candidate.userId === decision.holder)!;
      expect(calendarDateIn(new Date(decision.decided_at), timeZone)).toBe(addCalendarDays(loadDay, -holder.certifiedDaysAgo!));
    }

    const client = await signInDemo('demo.approver');
    const sunrise = await t.ctx.database.db
      .selectFrom('organizations')
      .select('id')
      .where('submitter_id', '=', 'DEMO01')
      .executeTakeFirstOrThrow();
    const response = await client.get(`/api/v1/certifications/summary?application=SPOT&organization=${sunrise.id}`);
    expect(response.statusCode, response.body).toBe(200);
    const inSunrise = (predicate: (holder: DemoCertificationHolder) => boolean) =>
      DEMO_CERTIFICATION_HOLDERS.filter((holder) => holder.organization === 'sunrise' && predicate(holder)).length;
    expect(response.json()).toMatchObject({
      certified: PAST_DECISIONS.length,
      overdue: inSunrise((holder) => holder.certifiedDaysAgo === undefined && holder.establishedDaysAgo > 365),
      due: inSunrise((holder) => holder.certifiedDaysAgo === undefined && holder.establishedDaysAgo <= 365),
      removed: 0,
    });
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

  it('gives the certification sweep overdue roles to remove and reminders to send', async () => {
    const outcome = await t.ctx.scheduler.runNow('certification.sweep');
    expect(outcome.ran).toBe(true);
    const removed = await t.ctx.database.db
      .selectFrom('role_assignments')
      .innerJoin('users', 'users.id', 'role_assignments.user_id')
      .select(['users.user_id', 'role_assignments.removal_kind'])
      .where('role_assignments.status', '=', 'removed')
      .orderBy('users.user_id')
      .execute();
    expect(removed).toEqual(
      SUNRISE_DUE.filter((holder) => holder.establishedDaysAgo > 365)
        .map((holder) => ({ user_id: holder.userId, removal_kind: 'certification_expired' }))
        .sort((a, b) => a.user_id.localeCompare(b.user_id)),
    );
    const templates = await t.ctx.database.db.selectFrom('outbox').select(['recipient', 'template']).execute();
    const to = (template: string) =>
      templates
        .filter((message) => message.template === template)
        .map((message) => message.recipient)
        .sort();
    // Sunrise's approver and backup approvers for its end users, the help desk for the rest.
    const certifiers = ['demo.approver', 'demo.backup', 'demo.tran', 'demo.helpdesk'];
    expect(to('certification.digest')).toEqual(
      ALL_DEMO_USERS.filter((user) => certifiers.includes(user.userId))
        .map((user) => user.email)
        .sort(),
    );
    expect(to('certification.holder_notice').length).toBeGreaterThan(0);
    expect(to('certification.help_desk_notice').length).toBeGreaterThan(0);
  });

  it.each(['demo.helpdesk', 'demo.reyes'])('refuses, changing nothing, when %s belongs to a real account', async (userId) => {
    const other = await createTestContext({ dialect });
    try {
      await other.ctx.accounts.register(systemActor, {
        userId,
        email: 'someone@example.test',
        firstName: 'Sam',
        lastName: 'Realperson',
        password: GOOD_PASSWORD,
      });
      await expect(loadDemo(other.ctx)).rejects.toThrow(DemoRefusedError);
      const users = await other.ctx.database.db.selectFrom('users').select('user_id').execute();
      expect(users.map((user) => user.user_id)).toEqual([userId]);
      expect(await other.ctx.database.db.selectFrom('organizations').selectAll().execute()).toEqual([]);
      expect(await other.ctx.database.db.selectFrom('role_assignments').selectAll().execute()).toEqual([]);
    } finally {
      await other.close();
    }
  });
});
