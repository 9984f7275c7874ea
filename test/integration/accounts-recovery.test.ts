import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/api-client.js';
import {
  auditEntries,
  errorOf,
  lastMessageOf,
  linkTokenOf,
  messagesTo,
  OTHER_GOOD_PASSWORD,
  passwordStep,
  resetPasswordByEmail,
  signedInUser,
  userRow,
  type SignedInUser,
} from '../helpers/accounts.js';
import { createTestApp, type TestApp } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';

describe.each(testDialects())('forgot password on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ dialect });
  });
  afterAll(async () => t.close());

  const attempt = async (user: { userId: string; password: string }) => passwordStep(await new ApiClient(t.app).start(), user);

  async function askForReset(user: { userId: string; email: string }): Promise<string> {
    const client = await new ApiClient(t.app).start();
    expect((await client.post('/api/v1/recovery/password', { userId: user.userId })).statusCode).toBe(202);
    await t.ctx.accounts.recoveryRequests.carryOut();
    return linkTokenOf(t.ctx, user.email, 'account.password_reset');
  }

  const reset = async (token: string, password: string) =>
    (await new ApiClient(t.app).start()).post('/api/v1/recovery/password/reset', { token, password });

  it('sets a new password from the emailed link, once, confirms it by email and ends every session', async () => {
    const user = await signedInUser(t.app, t.ctx, t.clock);
    const token = await askForReset(user);
    expect((await lastMessageOf(t.ctx, user.email, 'account.password_reset')).text).toContain('/reset-password?token=');

    const done = await reset(token, OTHER_GOOD_PASSWORD);
    expect(done.statusCode, done.body).toBe(204);
    expect((await messagesTo(t.ctx, user.email)).map((message) => message.template)).toContain('account.password_changed');
    expect(errorOf(await user.client.get('/api/v1/me')).code).toBe('auth.required');
    expect(errorOf(await attempt(user)).code).toBe('sign_in.failed');
    expect((await attempt({ userId: user.userId, password: OTHER_GOOD_PASSWORD })).statusCode).toBe(200);

    const again = await reset(token, 'Yet-Another-Password-55');
    expect(errorOf(again)).toMatchObject({ status: 400, code: 'token.invalid' });
  });

  it('applies the password rules, history included, to a reset', async () => {
    const user = await signedInUser(t.app, t.ctx, t.clock);
    const token = await askForReset(user);
    expect(errorOf(await reset(token, 'Password123456789'))).toMatchObject({
      status: 400,
      code: 'password.rejected',
      details: { violations: ['common'] },
    });
    expect(errorOf(await reset(token, user.password))).toMatchObject({
      status: 400,
      code: 'password.rejected',
      details: { violations: ['reused'] },
    });
  });

  it('keeps the reset link valid for one hour', async () => {
    const early = await signedInUser(t.app, t.ctx, t.clock);
    const late = await signedInUser(t.app, t.ctx, t.clock);
    const earlyToken = await askForReset(early);
    const lateToken = await askForReset(late);

    t.clock.advance({ minutes: 59, seconds: 59 });
    expect((await reset(earlyToken, OTHER_GOOD_PASSWORD)).statusCode).toBe(204);
    t.clock.advance({ seconds: 1 });
    expect(errorOf(await reset(lateToken, OTHER_GOOD_PASSWORD))).toMatchObject({ status: 400, code: 'token.invalid' });
    expect(errorOf(await attempt({ userId: late.userId, password: OTHER_GOOD_PASSWORD })).code).toBe('sign_in.failed');
  });
});

describe.each(testDialects())('dormant accounts on %s', (dialect) => {
  let t: TestApp;
  let dormant: SignedInUser;
  let recent: SignedInUser;
  let id: string;

  beforeAll(async () => {
    t = await createTestApp({ dialect });
    dormant = await signedInUser(t.app, t.ctx, t.clock);
    t.clock.advance({ days: 2 });
    recent = await signedInUser(t.app, t.ctx, t.clock);
    // The dormant user last signed in 61 days ago, the recent one 59 days ago.
    t.clock.advance({ days: 59 });
    id = (await userRow(t.ctx, dormant.userId)).id;
    await t.ctx.scheduler.runNow('accounts.dormant');
    await t.ctx.scheduler.runNow('accounts.dormant');
  });
  afterAll(async () => t.close());

  it('disables an account 61 days after its last sign-in, and not one 59 days after', async () => {
    expect(await userRow(t.ctx, dormant.userId)).toMatchObject({ status: 'disabled', disabled_reason: 'dormant' });
    expect((await userRow(t.ctx, recent.userId)).status).toBe('active');
  });

  it('disables once, however often the sweep runs', async () => {
    const entries = await auditEntries(t.ctx, 'account.disabled', id);
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]!.after_json!)).toMatchObject({ status: 'disabled', reason: 'dormant' });
    expect(entries[0]!.actor_kind).toBe('system');
    const emails = (await messagesTo(t.ctx, dormant.email)).filter((message) => message.template === 'account.disabled_dormant');
    expect(emails).toHaveLength(1);
  });

  it('tells the owner by email how to come back', async () => {
    const message = await lastMessageOf(t.ctx, dormant.email, 'account.disabled_dormant');
    expect(message.text).toContain(dormant.userId);
    expect(message.text).toContain('/forgot-password');
  });

  it('answers the right password of a disabled account with sign_in.account_disabled, and a wrong one with sign_in.failed', async () => {
    const client = await new ApiClient(t.app).start();
    const right = await passwordStep(client, dormant);
    expect(errorOf(right)).toMatchObject({ status: 403, code: 'sign_in.account_disabled' });
    expect(right.cookies.some((cookie) => cookie.name === 'rolecall_session')).toBe(false);
    expect(errorOf(await passwordStep(client, { userId: dormant.userId, password: `${dormant.password}x` })).code).toBe(
      'sign_in.failed',
    );
  });

  it('enables the account again when the password is reset, and the next sweep leaves it alone', async () => {
    const done = await resetPasswordByEmail(t.app, t.ctx, dormant, OTHER_GOOD_PASSWORD);
    expect(done.statusCode, done.body).toBe(204);
    expect(await userRow(t.ctx, dormant.userId)).toMatchObject({ status: 'active', disabled_reason: null });
    await t.ctx.scheduler.runNow('accounts.dormant');
    expect((await userRow(t.ctx, dormant.userId)).status).toBe('active');
    const step = await passwordStep(await new ApiClient(t.app).start(), {
      userId: dormant.userId,
      password: OTHER_GOOD_PASSWORD,
    });
    expect(step.statusCode, step.body).toBe(200);
    expect(step.json().session.stage).toBe('mfa');
  });
});
