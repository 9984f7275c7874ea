import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../server/cli.js';
import { ApiClient } from '../helpers/api-client.js';
import {
  errorOf,
  GOOD_PASSWORD,
  lastMessageTo,
  linkTokenFrom,
  messagesTo,
  newUserDetails,
  passwordStep,
  totpAt,
  userRow,
  type RegisteredUser,
} from '../helpers/accounts.js';
import { createTestApp, ownConnectionConfig, type TestApp } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';

describe.each(testDialects())('registration on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ dialect });
  });
  afterAll(async () => t.close());

  async function register(overrides: Partial<RegisteredUser> = {}) {
    const user = newUserDetails(overrides);
    const client = await new ApiClient(t.app).start();
    return { user, client, response: await client.post('/api/v1/registrations', user) };
  }

  async function userExists(userId: string): Promise<boolean> {
    const row = await t.ctx.database.db
      .selectFrom('users')
      .select('id')
      .where('user_id_normalized', '=', userId.toLowerCase())
      .executeTakeFirst();
    return row !== undefined;
  }

  function uniqueId(prefix: string): string {
    return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  }

  it('accepts a user ID of 74 characters and refuses one of 75 as invalid input', async () => {
    const base = uniqueId('long');
    const id74 = base.padEnd(74, 'x');
    const id75 = uniqueId('long').padEnd(75, 'x');
    const ok = await register({ userId: id74 });
    expect(ok.response.statusCode, ok.response.body).toBe(201);
    expect(await userExists(id74)).toBe(true);

    const refused = await register({ userId: id75 });
    const error = errorOf(refused.response);
    expect(error).toMatchObject({ status: 400, code: 'request.invalid' });
    expect(JSON.stringify(error.details)).toContain('userId');
    expect(await userExists(id75)).toBe(false);
  });

  it('accepts letters, digits and . _ - @ in a user ID', async () => {
    const userId = uniqueId('Ab9.c_d-e@F');
    const { response } = await register({ userId });
    expect(response.statusCode, response.body).toBe(201);
    expect((await userRow(t.ctx, userId)).user_id).toBe(userId);
  });

  it.each([
    ['a space', 'has space'],
    ['#', 'hash#tag'],
    ['!', 'bang!'],
    ['/', 'slash/ed'],
  ])('refuses a user ID with %s as invalid input, and creates nothing', async (_what, raw) => {
    const userId = `${raw}${uniqueId('')}`;
    const { user, response } = await register({ userId });
    const error = errorOf(response);
    expect(error).toMatchObject({ status: 400, code: 'request.invalid' });
    expect(JSON.stringify(error.details)).toContain('userId');
    expect(await userExists(userId)).toBe(false);
    expect(await messagesTo(t.ctx, user.email)).toHaveLength(0);
  });

  it('says a user ID is taken only of an otherwise valid registration', async () => {
    const userId = uniqueId('Taken.Later.');
    expect((await register({ userId })).response.statusCode).toBe(201);
    // A password the rules refuse: the answer is about the password, and tells nothing of the user ID.
    const { response } = await register({ userId, password: 'short' });
    expect(errorOf(response)).toMatchObject({ status: 400, code: 'password.rejected' });
  });

  it('refuses a user ID that differs from a taken one only in case', async () => {
    const userId = uniqueId('Case.Taken.');
    expect((await register({ userId })).response.statusCode).toBe(201);
    for (const variant of [userId.toLowerCase(), userId.toUpperCase()]) {
      const { response, user } = await register({ userId: variant });
      expect(errorOf(response)).toMatchObject({ status: 409, code: 'registration.user_id_taken' });
      expect(await messagesTo(t.ctx, user.email)).toHaveLength(0);
    }
    const rows = await t.ctx.database.db
      .selectFrom('users')
      .select('id')
      .where('user_id_normalized', '=', userId.toLowerCase())
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('registers one account when one user ID is submitted several times at once, and refuses the rest as taken', async () => {
    const userId = uniqueId('Race.');
    const attempts = await Promise.all(
      Array.from({ length: 4 }, (_, i) => register({ userId: i % 2 === 0 ? userId : userId.toUpperCase() })),
    );
    const answers = attempts.map(
      ({ response }) => `${response.statusCode} ${response.statusCode === 201 ? '' : errorOf(response).code}`,
    );
    expect(answers.sort()).toEqual([
      '201 ',
      '409 registration.user_id_taken',
      '409 registration.user_id_taken',
      '409 registration.user_id_taken',
    ]);
    const rows = await t.ctx.database.db
      .selectFrom('users')
      .select('id')
      .where('user_id_normalized', '=', userId.toLowerCase())
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('stores an unverified account that cannot sign in: the right password answers email_unverified, a wrong one sign_in.failed', async () => {
    const { user, response } = await register();
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ email: user.email });
    expect((await userRow(t.ctx, user.userId)).status).toBe('pending_verification');

    const client = await new ApiClient(t.app).start();
    const right = await passwordStep(client, user);
    expect(errorOf(right)).toMatchObject({ status: 403, code: 'sign_in.email_unverified' });
    expect(client.cookie('rolecall_session')).toBeUndefined();

    const wrong = await passwordStep(client, { userId: user.userId, password: `${user.password}x` });
    expect(errorOf(wrong)).toMatchObject({ status: 401, code: 'sign_in.failed' });
    expect(client.cookie('rolecall_session')).toBeUndefined();

    const sessions = await t.ctx.database.db
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', (await userRow(t.ctx, user.userId)).id)
      .execute();
    expect(sessions).toHaveLength(0);
  });

  it('emails a verification link that works once and then lets the user sign in', async () => {
    const { user, client } = await register();
    const message = await lastMessageTo(t.ctx, user.email);
    expect(message.template).toBe('account.verify_email');
    expect(message.text).toContain('/verify-email?token=');
    const token = await linkTokenFrom(t.ctx, user.email);

    const first = await client.post('/api/v1/registrations/verify', { token });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ userId: user.userId });
    const row = await userRow(t.ctx, user.userId);
    expect(row.status).toBe('active');
    expect(row.email_verified_at).toBe(t.clock.now().toISOString());

    const second = await client.post('/api/v1/registrations/verify', { token });
    expect(errorOf(second)).toMatchObject({ status: 400, code: 'token.invalid' });

    const signIn = await passwordStep(client, user);
    expect(signIn.statusCode, signIn.body).toBe(200);
    expect(signIn.json().session.stage).toBe('enroll');
  });

  it('expires the verification link after 24 hours', async () => {
    const early = await register();
    const late = await register();
    const earlyToken = await linkTokenFrom(t.ctx, early.user.email);
    const lateToken = await linkTokenFrom(t.ctx, late.user.email);

    t.clock.advance({ hours: 23, minutes: 59 });
    expect((await early.client.post('/api/v1/registrations/verify', { token: earlyToken })).statusCode).toBe(200);

    t.clock.advance({ minutes: 1 });
    const expired = await late.client.post('/api/v1/registrations/verify', { token: lateToken });
    expect(errorOf(expired)).toMatchObject({ status: 400, code: 'token.invalid' });
    expect((await userRow(t.ctx, late.user.userId)).status).toBe('pending_verification');
  });

  it('sends a new verification link on request, and answers the same for an unknown address', async () => {
    const { user, client } = await register();
    t.clock.advance({ hours: 25 });
    const resent = await client.post('/api/v1/registrations/resend', { email: user.email });
    expect(resent.statusCode).toBe(202);
    const messages = await messagesTo(t.ctx, user.email);
    expect(messages.map((message) => message.template)).toEqual(['account.verify_email', 'account.verify_email']);
    const verified = await client.post('/api/v1/registrations/verify', { token: await linkTokenFrom(t.ctx, user.email) });
    expect(verified.statusCode, verified.body).toBe(200);

    const unknownEmail = `nobody.${Date.now()}@example.test`;
    const unknown = await client.post('/api/v1/registrations/resend', { email: unknownEmail });
    expect(unknown.statusCode).toBe(202);
    expect(unknown.body).toBe(resent.body);
    expect(await messagesTo(t.ctx, unknownEmail)).toHaveLength(0);

    // Already verified: nothing more is sent.
    await client.post('/api/v1/registrations/resend', { email: user.email });
    expect(await messagesTo(t.ctx, user.email)).toHaveLength(2);
  });

  it('creates an administrator whose set-up link sets a password once, then signs in and enrols a device', async () => {
    const details = newUserDetails({ firstName: 'Avery', lastName: 'Stone' });
    const { link } = await t.ctx.accounts.createAdministrator({ kind: 'system' }, details);
    const url = new URL(link);
    expect(url.pathname).toBe('/set-up');
    const token = url.searchParams.get('token') ?? '';
    const client = await new ApiClient(t.app).start();

    // No password yet: signing in fails like any wrong password.
    expect(errorOf(await passwordStep(client, details)).code).toBe('sign_in.failed');

    const weak = await client.post('/api/v1/account-setup', { token, password: 'Password123456789' });
    expect(errorOf(weak)).toMatchObject({ status: 400, code: 'password.rejected', details: { violations: ['common'] } });

    const setUp = await client.post('/api/v1/account-setup', { token, password: details.password });
    expect(setUp.statusCode, setUp.body).toBe(200);
    expect(setUp.json()).toEqual({ userId: details.userId });
    const again = await client.post('/api/v1/account-setup', { token, password: details.password });
    expect(errorOf(again).code).toBe('token.invalid');

    const step = await passwordStep(client, details);
    expect(step.statusCode, step.body).toBe(200);
    expect(step.json().session.stage).toBe('enroll');
    expect(step.json().session.user.isAdministrator).toBe(true);
    const started = await client.post('/api/v1/mfa/factors', { kind: 'totp' });
    const { factor, totp } = started.json() as { factor: { id: string }; totp: { secret: string } };
    const confirmed = await client.post(`/api/v1/mfa/factors/${factor.id}/confirm`, { code: await totpAt(totp.secret, t.clock) });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().session.stage).toBe('active');
    const me = await client.get('/api/v1/me');
    expect(me.json()).toMatchObject({ userId: details.userId, isAdministrator: true });
  });

  it('keeps the administrator set-up link valid for 72 hours', async () => {
    const inTime = newUserDetails();
    const tooLate = newUserDetails();
    const first = new URL((await t.ctx.accounts.createAdministrator({ kind: 'system' }, inTime)).link).searchParams.get('token');
    const second = new URL((await t.ctx.accounts.createAdministrator({ kind: 'system' }, tooLate)).link).searchParams.get(
      'token',
    );
    const client = await new ApiClient(t.app).start();

    t.clock.advance({ hours: 71, minutes: 59 });
    expect((await client.post('/api/v1/account-setup', { token: first, password: GOOD_PASSWORD })).statusCode).toBe(200);
    t.clock.advance({ minutes: 1 });
    const expired = await client.post('/api/v1/account-setup', { token: second, password: GOOD_PASSWORD });
    expect(errorOf(expired)).toMatchObject({ status: 400, code: 'token.invalid' });
  });

  it('`rolecall admin create` prints a set-up link that works', async () => {
    const details = newUserDetails();
    const lines: string[] = [];
    const code = await runCli(
      [
        'admin',
        'create',
        '--user-id',
        details.userId,
        '--email',
        details.email,
        '--first-name',
        details.firstName,
        '--last-name',
        details.lastName,
      ],
      cliConfig(),
      (line) => lines.push(line),
    );
    expect(code, lines.join('\n')).toBe(0);
    const printed = lines.join('\n');
    const match = /(\S+\/set-up\?token=\S+)/.exec(printed);
    expect(match, printed).not.toBeNull();
    const url = new URL(match![1]!);
    expect(url.origin).toBe(new URL(t.ctx.config.publicUrl).origin);

    const client = await new ApiClient(t.app).start();
    const setUp = await client.post('/api/v1/account-setup', {
      token: url.searchParams.get('token'),
      password: details.password,
    });
    expect(setUp.statusCode, setUp.body).toBe(200);
    const step = await passwordStep(client, details);
    expect(step.statusCode, step.body).toBe(200);
    expect(step.json().session).toMatchObject({ stage: 'enroll', user: { isAdministrator: true } });
  });

  it('`rolecall admin create` refuses a user ID with characters a user ID cannot have', async () => {
    const lines: string[] = [];
    const code = await runCli(
      ['admin', 'create', '--user-id', 'bad id', '--email', 'bad@example.test', '--first-name', 'A', '--last-name', 'B'],
      cliConfig(),
      (line) => lines.push(line),
      (line) => lines.push(line),
    );
    expect(code).toBe(1);
    expect(lines.join('\n')).toContain('74');
    expect(await userExists('bad id')).toBe(false);
  });

  /** The CLI opens its own connection to this test's database, as an operator's command would. */
  const cliConfig = () => ownConnectionConfig(t);
});
