import { performance } from 'node:perf_hooks';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/api-client.js';
import {
  errorOf,
  lastMessageOf,
  messagesTo,
  newUserDetails,
  OTHER_GOOD_PASSWORD,
  passwordStep,
  registerVerifiedUser,
  resetPasswordByEmail,
  signedInUser,
  signInWithTotp,
  startSignIn,
  totpAt,
  userRow,
  type SignedInUser,
} from '../helpers/accounts.js';
import { createTestApp, type TestApp } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';

describe.each(testDialects())('lockout and no user enumeration on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ dialect });
  });
  afterAll(async () => t.close());

  const wrong = (user: { userId: string; password: string }) => ({ userId: user.userId, password: `${user.password}-wrong` });

  async function attempt(user: { userId: string; password: string }): Promise<LightMyRequestResponse> {
    return passwordStep(await new ApiClient(t.app).start(), user);
  }

  async function failThreeTimes(user: SignedInUser): Promise<void> {
    for (let i = 0; i < 3; i += 1) {
      expect(errorOf(await attempt(wrong(user))).code).toBe('sign_in.failed');
    }
  }

  /** A 6-digit code that no step near now accepts. */
  async function wrongTotp(user: SignedInUser): Promise<string> {
    const valid = new Set<string>();
    for (const seconds of [-30, 0, 30]) {
      t.clock.advance({ seconds });
      valid.add(await totpAt(user.totpSecret, t.clock));
      t.clock.advance({ seconds: -seconds });
    }
    let code = 123456;
    while (valid.has(String(code).padStart(6, '0'))) code += 1;
    return String(code).padStart(6, '0');
  }

  it('locks the user ID for 60 minutes at the third consecutive wrong password, even against the right password', async () => {
    const user = await signedInUser(t.app, t.ctx, t.clock);
    for (let i = 0; i < 2; i += 1) expect(errorOf(await attempt(wrong(user))).code).toBe('sign_in.failed');
    expect((await userRow(t.ctx, user.userId)).locked_until).toBeNull();

    const third = await attempt(wrong(user));
    expect(errorOf(third)).toMatchObject({ status: 401, code: 'sign_in.failed' });
    const lockedAt = t.clock.now();
    expect((await userRow(t.ctx, user.userId)).locked_until).toBe(new Date(lockedAt.getTime() + 60 * 60_000).toISOString());

    const right = await attempt(user);
    expect(errorOf(right)).toMatchObject({ status: 401, code: 'sign_in.failed' });
    expect(right.cookies.find((cookie) => cookie.name === 'rolecall_session')).toBeUndefined();

    t.clock.advance({ minutes: 59, seconds: 59 });
    expect(errorOf(await attempt(user)).code).toBe('sign_in.failed');

    t.clock.advance({ seconds: 1 });
    const after = await attempt(user);
    expect(after.statusCode, after.body).toBe(200);
    expect(after.json().session.stage).toBe('mfa');
  });

  it('locks once when many wrong passwords arrive at the same moment', async () => {
    const user = await signedInUser(t.app, t.ctx, t.clock);
    const answers = await Promise.all(Array.from({ length: 6 }, () => attempt(wrong(user))));
    expect(answers.map((answer) => errorOf(answer).code)).toEqual(Array(6).fill('sign_in.failed'));
    const row = await userRow(t.ctx, user.userId);
    expect(row.locked_until).toBe(new Date(t.clock.now().getTime() + 3_600_000).toISOString());
    const locks = await t.ctx.database.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'account.locked')
      .where('target_id', '=', row.id)
      .execute();
    expect(locks).toHaveLength(1);
    expect((await messagesTo(t.ctx, user.email)).filter((message) => message.template === 'account.locked')).toHaveLength(1);
    expect(errorOf(await attempt(user)).code).toBe('sign_in.failed');
  });

  it('counts only consecutive failures: two, a successful sign-in, then one does not lock', async () => {
    const user = await signedInUser(t.app, t.ctx, t.clock);
    for (let i = 0; i < 2; i += 1) expect(errorOf(await attempt(wrong(user))).code).toBe('sign_in.failed');
    await signInWithTotp(t.app, t.clock, user);
    expect(errorOf(await attempt(wrong(user))).code).toBe('sign_in.failed');

    expect((await userRow(t.ctx, user.userId)).locked_until).toBeNull();
    expect((await attempt(user)).statusCode).toBe(200);
  });

  it('unlocks the user ID as soon as the password is reset', async () => {
    const user = await signedInUser(t.app, t.ctx, t.clock);
    await failThreeTimes(user);
    expect(errorOf(await attempt(user)).code).toBe('sign_in.failed');

    const reset = await resetPasswordByEmail(t.app, t.ctx, user, OTHER_GOOD_PASSWORD);
    expect(reset.statusCode, reset.body).toBe(204);
    expect((await userRow(t.ctx, user.userId)).locked_until).toBeNull();
    const step = await attempt({ userId: user.userId, password: OTHER_GOOD_PASSWORD });
    expect(step.statusCode, step.body).toBe(200);
  });

  it('emails the owner when the user ID is locked', async () => {
    const user = await signedInUser(t.app, t.ctx, t.clock);
    for (let i = 0; i < 2; i += 1) await attempt(wrong(user));
    expect((await messagesTo(t.ctx, user.email)).map((message) => message.template)).not.toContain('account.locked');
    await attempt(wrong(user));
    const locked = (await messagesTo(t.ctx, user.email)).filter((message) => message.template === 'account.locked');
    expect(locked).toHaveLength(1);
    expect(locked[0]!.body_text).toContain(user.userId);
    expect(locked[0]!.body_text).toContain('/forgot-password');
  });

  it('counts wrong MFA codes as failed sign-ins: the third locks the user ID', async () => {
    const user = await signedInUser(t.app, t.ctx, t.clock);
    t.clock.advance({ seconds: 30 });
    const { client, factors } = await startSignIn(t.app, user);
    const factorId = factors[0]!.id;
    const code = await wrongTotp(user);
    for (let i = 0; i < 2; i += 1) {
      const refused = await client.post('/api/v1/sign-in/mfa/verify', { factorId, code });
      expect(errorOf(refused)).toMatchObject({ status: 400, code: 'mfa.code_invalid' });
    }
    const third = await client.post('/api/v1/sign-in/mfa/verify', { factorId, code });
    expect(errorOf(third)).toMatchObject({ status: 401, code: 'sign_in.failed' });
    expect((await userRow(t.ctx, user.userId)).locked_until).toBe(new Date(t.clock.now().getTime() + 3_600_000).toISOString());

    // The half-signed-in session is gone, and so is the way in with the right password.
    expect((await client.get('/api/v1/session')).json().session).toBeNull();
    const late = await client.post('/api/v1/sign-in/mfa/verify', { factorId, code: await totpAt(user.totpSecret, t.clock) });
    expect(late.statusCode).not.toBe(200);
    expect(errorOf(await attempt(user)).code).toBe('sign_in.failed');
  });

  it('adds wrong passwords and wrong MFA codes together; a right password alone does not clear the count', async () => {
    const user = await signedInUser(t.app, t.ctx, t.clock);
    t.clock.advance({ seconds: 30 });
    expect(errorOf(await attempt(wrong(user))).code).toBe('sign_in.failed');
    for (let i = 0; i < 2; i += 1) {
      const { client, factors } = await startSignIn(t.app, user);
      await client.post('/api/v1/sign-in/mfa/verify', { factorId: factors[0]!.id, code: await wrongTotp(user) });
    }
    expect((await userRow(t.ctx, user.userId)).locked_until).not.toBeNull();
    expect(errorOf(await attempt(user)).code).toBe('sign_in.failed');
  });

  it('answers an unknown user ID, a wrong password and a locked user ID identically', async () => {
    const user = await signedInUser(t.app, t.ctx, t.clock);
    const lockedUser = await signedInUser(t.app, t.ctx, t.clock);
    await failThreeTimes(lockedUser);

    const answers = [
      await attempt({ userId: `nobody.${Date.now()}`, password: user.password }),
      await attempt(wrong(user)),
      await attempt(lockedUser),
      await attempt(wrong(lockedUser)),
    ];
    const shapes = answers.map((response) => ({
      status: response.statusCode,
      error: (response.json() as { error: unknown }).error,
      sessionCookie: response.cookies.some((cookie) => cookie.name === 'rolecall_session'),
    }));
    expect(shapes[0]).toEqual({
      status: 401,
      error: { code: 'sign_in.failed', message: expect.any(String) as string },
      sessionCookie: false,
    });
    for (const shape of shapes.slice(1)) expect(shape).toEqual(shapes[0]);
  });

  it('takes about as long for an unknown user ID as for a wrong password', async () => {
    const user = await registerVerifiedUser(t.app, t.ctx);
    const client = await new ApiClient(t.app).start();
    const unknown = { userId: `nobody.${Date.now()}`, password: user.password };
    const id = (await userRow(t.ctx, user.userId)).id;
    // Keep the known user ID out of the lockout, so every attempt is a plain wrong password.
    const clearFailures = () =>
      t.ctx.database.db.updateTable('users').set({ failed_sign_ins: 0, locked_until: null }).where('id', '=', id).execute();
    const timed = async (credentials: { userId: string; password: string }) => {
      const started = performance.now();
      const response = await passwordStep(client, credentials);
      const elapsed = performance.now() - started;
      expect(errorOf(response).code).toBe('sign_in.failed');
      return elapsed;
    };

    // Warm up both paths (the dummy hash is made on first use).
    await timed(unknown);
    await clearFailures();
    await timed(wrong(user));

    const unknownTimes: number[] = [];
    const wrongTimes: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      unknownTimes.push(await timed(unknown));
      await clearFailures();
      wrongTimes.push(await timed(wrong(user)));
    }
    const ratio = median(unknownTimes) / median(wrongTimes);
    expect(ratio, `unknown ${median(unknownTimes).toFixed(1)} ms, wrong ${median(wrongTimes).toFixed(1)} ms`).toBeGreaterThan(
      0.5,
    );
    expect(ratio).toBeLessThan(2);
  });

  it('answers "forgot password" with 202 whether or not the user ID exists, and emails only a real one', async () => {
    const user = await registerVerifiedUser(t.app, t.ctx);
    const client = await new ApiClient(t.app).start();
    const resetsBefore = await countResetEmails();
    const known = await client.post('/api/v1/recovery/password', { userId: user.userId });
    const unknownId = `nobody.${Date.now()}`;
    const unknown = await client.post('/api/v1/recovery/password', { userId: unknownId });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);
    expect(unknown.headers['content-type']).toBe(known.headers['content-type']);
    await t.ctx.accounts.recoveryRequests.carryOut();
    expect((await lastMessageOf(t.ctx, user.email, 'account.password_reset')).text).toContain('/reset-password?token=');
    expect(await countResetEmails()).toBe(resetsBefore + 1);
  });

  it('answers "forgot password" and "forgot user ID" before looking anything up: one waiting request either way', async () => {
    const user = await registerVerifiedUser(t.app, t.ctx);
    const client = await new ApiClient(t.app).start();
    const rowsOf = async (table: 'audit_log' | 'outbox' | 'recovery_requests') =>
      (
        await t.ctx.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    const before = { audit: Number(await rowsOf('audit_log')), outbox: Number(await rowsOf('outbox')) };
    const unknownId = `nobody.${Date.now()}`;
    for (const [url, body] of [
      ['/api/v1/recovery/password', { userId: user.userId }],
      ['/api/v1/recovery/password', { userId: unknownId }],
      ['/api/v1/recovery/user-id', { email: user.email }],
      ['/api/v1/recovery/user-id', { email: `${unknownId}@example.test` }],
    ] as const) {
      expect((await client.post(url, body)).statusCode).toBe(202);
    }
    // What the answers did, known or unknown alike: a request written down, no account read for it.
    const waiting = await t.ctx.database.db.selectFrom('recovery_requests').select(['kind', 'subject']).orderBy('id').execute();
    expect(waiting).toEqual([
      { kind: 'password', subject: user.userId },
      { kind: 'password', subject: unknownId },
      { kind: 'user_id', subject: user.email },
      { kind: 'user_id', subject: `${unknownId}@example.test` },
    ]);
    expect(Number(await rowsOf('audit_log'))).toBe(before.audit);
    expect(Number(await rowsOf('outbox'))).toBe(before.outbox);

    expect(await t.ctx.accounts.recoveryRequests.carryOut()).toBe(4);
    expect(await t.ctx.accounts.recoveryRequests.carryOut()).toBe(0);
    expect(Number(await rowsOf('recovery_requests'))).toBe(0);
    expect((await messagesTo(t.ctx, user.email)).map((message) => message.template).slice(-2)).toEqual([
      'account.password_reset',
      'account.user_id_reminder',
    ]);
    expect(Number(await rowsOf('outbox'))).toBe(before.outbox + 2);
    // Each request audited when carried out, the unknown ones as probes.
    expect(Number(await rowsOf('audit_log'))).toBe(before.audit + 4);
  });

  async function countResetEmails(): Promise<number> {
    const rows = await t.ctx.database.db
      .selectFrom('outbox')
      .select('id')
      .where('template', '=', 'account.password_reset')
      .execute();
    return rows.length;
  }

  it('answers "forgot user ID" with 202 whether or not the address is on file, and emails only a real one', async () => {
    const user = await registerVerifiedUser(t.app, t.ctx);
    const client = await new ApiClient(t.app).start();
    const known = await client.post('/api/v1/recovery/user-id', { email: user.email.toUpperCase() });
    const unknownEmail = `nobody.${Date.now()}@example.test`;
    const unknown = await client.post('/api/v1/recovery/user-id', { email: unknownEmail });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);
    await t.ctx.accounts.recoveryRequests.carryOut();
    expect((await lastMessageOf(t.ctx, user.email, 'account.user_id_reminder')).text).toContain(user.userId);
    expect(await messagesTo(t.ctx, unknownEmail)).toHaveLength(0);
  });
});

describe.each(testDialects())('the sign-in rate limit on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ dialect, env: { ROLECALL_AUTH_RATE_LIMIT: '3' } });
  });
  afterAll(async () => t.close());

  /** Sends the same request four times from one address: three answers, then 429. */
  async function expectFourthLimited(url: string, body: () => unknown): Promise<ApiClient> {
    const client = await new ApiClient(t.app).start();
    for (let i = 0; i < 3; i += 1) {
      const response = await client.post(url, body());
      expect(response.statusCode, response.body).not.toBe(429);
    }
    const fourth = await client.post(url, body());
    expect(errorOf(fourth)).toMatchObject({ status: 429, code: 'request.rate_limited' });
    return client;
  }

  /** The same request from another client address, with that client's own CSRF cookie. */
  async function fromElsewhere(client: ApiClient, url: string, body: unknown): Promise<LightMyRequestResponse> {
    const csrf = client.cookie('rolecall_csrf') ?? '';
    return t.app.inject({
      method: 'POST',
      url,
      remoteAddress: '198.51.100.23',
      headers: { cookie: `rolecall_csrf=${csrf}`, 'x-csrf-token': client.csrfToken ?? '' },
      payload: body as object,
    });
  }

  it('refuses the 4th sign-in attempt within a minute from one address, not from another', async () => {
    const attempt = { userId: 'someone', password: 'Wrong-Password-123', acceptTerms: true };
    const client = await expectFourthLimited('/api/v1/sign-in', () => attempt);
    expect((await fromElsewhere(client, '/api/v1/sign-in', attempt)).statusCode).toBe(401);
  });

  it('refuses the 4th registration within a minute', async () => {
    await expectFourthLimited('/api/v1/registrations', () => newUserDetails());
  });

  it('refuses the 4th "forgot password" within a minute', async () => {
    await expectFourthLimited('/api/v1/recovery/password', () => ({ userId: 'someone' }));
  });
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 0 ? (sorted[middle - 1]! + sorted[middle]!) / 2 : sorted[middle]!;
}
