import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditLogRow } from '../../server/db/schema.js';
import { ApiClient } from '../helpers/api-client.js';
import {
  findInDatabase,
  GOOD_PASSWORD,
  linkTokenOf,
  mfaCodeFor,
  newUserDetails,
  OTHER_GOOD_PASSWORD,
  passwordStep,
  signedInAdministrator,
  startSignIn,
  totpAt,
  userRow,
  type SignedInUser,
} from '../helpers/accounts.js';
import { createTestApp, type TestApp } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';

const BROWSER = { 'user-agent': 'Audit Browser/3.1' };

/**
 * One person's whole account story, each step checked against the audit entry it must leave:
 * the action, whom it is about, and the request (address, browser, request id) it came from.
 */
describe.each(testDialects())('the account audit trail on %s', (dialect) => {
  let t: TestApp;
  let admin: SignedInUser;
  const details = newUserDetails({ password: GOOD_PASSWORD });
  let id: string;
  let client: ApiClient;
  let totpSecret: string;
  let totpFactorId: string;
  let recoveryCodes: string[];

  beforeAll(async () => {
    t = await createTestApp({ dialect });
    admin = await signedInAdministrator(t.app, t.ctx, t.clock);
    client = await new ApiClient(t.app, BROWSER).start();
  });
  afterAll(async () => t.close());

  /** The one entry with this action written while answering `response`. */
  async function entryFor(response: LightMyRequestResponse, action: string): Promise<AuditLogRow> {
    const requestId = String(response.headers['x-request-id']);
    const rows = await t.ctx.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('request_id', '=', requestId)
      .where('action', '=', action)
      .execute();
    expect(rows, `${action} for request ${requestId} (${response.statusCode} ${response.body})`).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({ ip: '127.0.0.1' });
    return row;
  }

  const after = (row: AuditLogRow) => JSON.parse(row.after_json ?? 'null') as Record<string, unknown>;
  const before = (row: AuditLogRow) => JSON.parse(row.before_json ?? 'null') as Record<string, unknown>;

  async function signInWithApp(): Promise<LightMyRequestResponse> {
    t.clock.advance({ seconds: 30 });
    const { client: next, factors } = await startSignIn(t.app, details, BROWSER);
    client = next;
    return client.post('/api/v1/sign-in/mfa/verify', {
      factorId: factors.find((factor) => factor.kind === 'totp')!.id,
      code: await totpAt(totpSecret, t.clock),
    });
  }

  it('account.registered, with who registered and never the password', async () => {
    const response = await client.post('/api/v1/registrations', details);
    expect(response.statusCode).toBe(201);
    id = (await userRow(t.ctx, details.userId)).id;
    const row = await entryFor(response, 'account.registered');
    expect(row).toMatchObject({ target_type: 'user', target_id: id, user_agent: BROWSER['user-agent'] });
    expect(after(row)).toMatchObject({ userId: details.userId, email: details.email });
    expect(row.after_json).not.toContain(details.password);
  });

  it('account.email_verified', async () => {
    const token = await linkTokenOf(t.ctx, details.email, 'account.verify_email');
    const response = await client.post('/api/v1/registrations/verify', { token });
    expect((await entryFor(response, 'account.email_verified')).target_id).toBe(id);
  });

  it('terms.accepted and sign_in.password_accepted at the password step', async () => {
    const response = await passwordStep(client, details);
    expect(response.statusCode).toBe(200);
    const terms = await entryFor(response, 'terms.accepted');
    expect(terms).toMatchObject({ target_id: id, actor_id: id });
    expect(after(terms)).toEqual({ termsVersion: 1 });
    const accepted = await entryFor(response, 'sign_in.password_accepted');
    expect(accepted).toMatchObject({ target_id: id, actor_id: id });
    expect(after(accepted)).toEqual({ next: 'enroll' });
  });

  it('mfa.factor_added, mfa.recovery_codes_generated and sign_in.succeeded when the first device is confirmed', async () => {
    const started = await client.post('/api/v1/mfa/factors', { kind: 'totp' });
    totpFactorId = started.json().factor.id as string;
    totpSecret = started.json().totp.secret as string;
    const response = await client.post(`/api/v1/mfa/factors/${totpFactorId}/confirm`, {
      code: await totpAt(totpSecret, t.clock),
    });
    expect(response.statusCode).toBe(200);
    recoveryCodes = response.json().recoveryCodes as string[];
    const added = await entryFor(response, 'mfa.factor_added');
    expect(added.target_id).toBe(id);
    expect(after(added)).toMatchObject({ factorId: totpFactorId, kind: 'totp' });
    expect(after(await entryFor(response, 'mfa.recovery_codes_generated'))).toEqual({ count: 10 });
    const succeeded = await entryFor(response, 'sign_in.succeeded');
    expect(succeeded.target_id).toBe(id);
    expect(after(succeeded)).toMatchObject({ method: 'enrollment', sessionId: response.json().session.id as string });
  });

  it('sign_in.failed with its reason: a wrong password, an unknown user ID, a wrong MFA code', async () => {
    const anonymous = await new ApiClient(t.app, BROWSER).start();
    const wrong = await passwordStep(anonymous, { userId: details.userId, password: 'Not-The-Password-1' });
    const wrongRow = await entryFor(wrong, 'sign_in.failed');
    expect(wrongRow.target_id).toBe(id);
    expect(after(wrongRow)).toMatchObject({ reason: 'password', consecutiveFailures: 1 });

    const unknownId = `nobody.${Date.now()}`;
    const unknown = await passwordStep(anonymous, { userId: unknownId, password: 'Not-The-Password-1' });
    const unknownRow = await entryFor(unknown, 'sign_in.failed');
    expect(unknownRow.target_id).toBeNull();
    expect(after(unknownRow)).toMatchObject({ reason: 'unknown_user_id', attemptedUserId: unknownId });
    expect(unknownRow.after_json).not.toContain('Not-The-Password-1');

    t.clock.advance({ seconds: 30 });
    const { client: half } = await startSignIn(t.app, details, BROWSER);
    const wrongCode = (await totpAt(totpSecret, t.clock)) === '000000' ? '111111' : '000000';
    const mfa = await half.post('/api/v1/sign-in/mfa/verify', { factorId: totpFactorId, code: wrongCode });
    expect(after(await entryFor(mfa, 'sign_in.failed'))).toMatchObject({ reason: 'mfa', consecutiveFailures: 2 });
  });

  it('account.locked at the third failure, then sign_in.failed for the locked user ID', async () => {
    const anonymous = await new ApiClient(t.app, BROWSER).start();
    const third = await passwordStep(anonymous, { userId: details.userId, password: 'Not-The-Password-1' });
    const locked = await entryFor(third, 'account.locked');
    expect(locked.target_id).toBe(id);
    expect(after(locked)).toEqual({ minutes: 60 });
    const refused = await passwordStep(anonymous, details);
    expect(after(await entryFor(refused, 'sign_in.failed'))).toEqual({ reason: 'locked' });
  });

  it('password.reset', async () => {
    const anonymous = await new ApiClient(t.app, BROWSER).start();
    await anonymous.post('/api/v1/recovery/password', { userId: details.userId });
    await t.ctx.accounts.recoveryRequests.carryOut();
    const token = await linkTokenOf(t.ctx, details.email, 'account.password_reset');
    const response = await anonymous.post('/api/v1/recovery/password/reset', { token, password: OTHER_GOOD_PASSWORD });
    expect(response.statusCode, response.body).toBe(204);
    expect((await entryFor(response, 'password.reset')).target_id).toBe(id);
    details.password = OTHER_GOOD_PASSWORD;
  });

  it('mfa.recovery_code_used and sign_in.succeeded with a recovery code', async () => {
    t.clock.advance({ seconds: 30 });
    const { client: half } = await startSignIn(t.app, details, BROWSER);
    const response = await half.post('/api/v1/sign-in/recovery-code', { code: recoveryCodes[0] });
    expect(response.statusCode, response.body).toBe(200);
    client = half;
    expect((await entryFor(response, 'mfa.recovery_code_used')).target_id).toBe(id);
    expect(after(await entryFor(response, 'sign_in.succeeded'))).toMatchObject({ method: 'recovery_code' });
  });

  it('mfa.recovery_codes_generated for a new set', async () => {
    const response = await client.post('/api/v1/mfa/recovery-codes');
    const row = await entryFor(response, 'mfa.recovery_codes_generated');
    expect(row).toMatchObject({ target_id: id, actor_kind: 'user', actor_id: id });
  });

  it('mfa.factor_added and mfa.factor_removed for a second device', async () => {
    const started = await client.post('/api/v1/mfa/factors', { kind: 'email' });
    const factorId = started.json().factor.id as string;
    const confirmed = await client.post(`/api/v1/mfa/factors/${factorId}/confirm`, {
      code: await mfaCodeFor(t.ctx, details.email),
    });
    expect(after(await entryFor(confirmed, 'mfa.factor_added'))).toMatchObject({ factorId, kind: 'email' });
    const removed = await client.delete(`/api/v1/mfa/factors/${factorId}`);
    expect(removed.statusCode).toBe(204);
    const row = await entryFor(removed, 'mfa.factor_removed');
    expect(row).toMatchObject({ target_id: id, actor_id: id });
    expect(before(row)).toMatchObject({ factorId, kind: 'email' });
  });

  it('password.changed', async () => {
    t.clock.advance({ hours: 24 });
    expect((await signInWithApp()).statusCode).toBe(200);
    const response = await client.post('/api/v1/me/password', {
      currentPassword: details.password,
      newPassword: 'Fresh-Granite-Path-31',
    });
    expect(response.statusCode, response.body).toBe(204);
    expect(await entryFor(response, 'password.changed')).toMatchObject({ target_id: id, actor_id: id });
    details.password = 'Fresh-Granite-Path-31';
  });

  it('profile.updated', async () => {
    const response = await client.patch('/api/v1/me', { firstName: 'Robin' });
    const row = await entryFor(response, 'profile.updated');
    expect(row).toMatchObject({ target_id: id, actor_id: id });
    expect(before(row)).toEqual({ firstName: details.firstName });
    expect(after(row)).toEqual({ firstName: 'Robin' });
  });

  it('session.ended when a session is ended from the list, and at sign-out', async () => {
    const elsewhere = client;
    const elsewhereId = (await elsewhere.get('/api/v1/session')).json().session.id as string;
    expect((await signInWithApp()).statusCode).toBe(200);
    const ended = await client.delete(`/api/v1/me/sessions/${elsewhereId}`);
    const row = await entryFor(ended, 'session.ended');
    expect(row).toMatchObject({ target_type: 'session', target_id: elsewhereId, actor_id: id });
    expect(after(row)).toEqual({ reason: 'signed_out_elsewhere' });

    const mine = (await client.get('/api/v1/session')).json().session.id as string;
    const out = await client.delete('/api/v1/session');
    expect(out.statusCode).toBe(204);
    expect(await entryFor(out, 'session.ended')).toMatchObject({ target_id: mine });
  });

  it('terms.published by the administrator', async () => {
    const again = await signInAdmin();
    const response = await again.post('/api/v1/admin/terms', { title: 'Revised', bodyEn: 'Revised.', bodyEs: 'Revisado.' });
    expect(response.statusCode, response.body).toBe(201);
    const row = await entryFor(response, 'terms.published');
    const adminId = (await userRow(t.ctx, admin.userId)).id;
    expect(row).toMatchObject({ target_type: 'terms_version', target_id: response.json().id as string, actor_id: adminId });
    expect(after(row)).toMatchObject({ version: 2 });
  });

  it('account.disabled by the dormant sweep, as the system', async () => {
    t.clock.advance({ days: 61 });
    await t.ctx.scheduler.runNow('accounts.dormant');
    const rows = await t.ctx.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'account.disabled')
      .where('target_id', '=', id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_kind: 'system', actor_id: null, request_id: null });
  });

  it('keeps the chain intact through all of it, and no password anywhere in the database', async () => {
    const count = await t.ctx.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(await t.ctx.audit.verify(t.ctx.database.db)).toMatchObject({ ok: true, entries: Number(count.n) });
    for (const password of [GOOD_PASSWORD, OTHER_GOOD_PASSWORD, 'Fresh-Granite-Path-31', 'Not-The-Password-1']) {
      expect(await findInDatabase(t, password)).toEqual([]);
    }
  });

  /** The administrator's set-up session has long expired: sign in again with the app. */
  async function signInAdmin(): Promise<ApiClient> {
    t.clock.advance({ seconds: 30 });
    const { client: half, factors } = await startSignIn(t.app, admin);
    const verified = await half.post('/api/v1/sign-in/mfa/verify', {
      factorId: factors[0]!.id,
      code: await totpAt(admin.totpSecret, t.clock),
    });
    expect(verified.statusCode, verified.body).toBe(200);
    return half;
  }
});
