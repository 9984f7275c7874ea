import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/api-client.js';
import {
  errorOf,
  GOOD_PASSWORD,
  messagesTo,
  newUserDetails,
  passwordStep,
  resetPasswordByEmail,
  signedInUser,
  signInWithTotp,
  userRow,
  type SignedInUser,
} from '../helpers/accounts.js';
import { createTestApp, type TestApp } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';

/** 15 characters, every class, no name, not on the list. */
const FIFTEEN = 'Rk4vTq9mWz2LpYb';
const history = (i: number) => `Granite-Brook-Sparrow-${i}${i}`;

describe.each(testDialects())('password rules on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ dialect });
  });
  afterAll(async () => t.close());

  async function registerWith(password: string, overrides: { userId?: string } = {}) {
    const user = newUserDetails({ firstName: 'Dana', lastName: 'Whitfield', ...overrides, password });
    const client = await new ApiClient(t.app).start();
    const response = await client.post('/api/v1/registrations', user);
    const created = await t.ctx.database.db
      .selectFrom('users')
      .select('id')
      .where('user_id_normalized', '=', user.userId.toLowerCase())
      .executeTakeFirst();
    return { response, created: created !== undefined };
  }

  async function expectRefused(password: string, violations: string[], overrides: { userId?: string } = {}) {
    const { response, created } = await registerWith(password, overrides);
    const error = errorOf(response);
    expect(error).toMatchObject({ status: 400, code: 'password.rejected' });
    expect([...(error.details?.violations as string[])].sort()).toEqual([...violations].sort());
    expect(created).toBe(false);
  }

  async function expectAccepted(password: string) {
    const { response, created } = await registerWith(password);
    expect(response.statusCode, response.body).toBe(201);
    expect(created).toBe(true);
  }

  /** A fresh sign-in: a day's wait between changes outlives any session. */
  const signIn = (user: SignedInUser, password: string): Promise<ApiClient> =>
    signInWithTotp(t.app, t.clock, { ...user, password });
  const change = (client: ApiClient, currentPassword: string, newPassword: string) =>
    client.post('/api/v1/me/password', { currentPassword, newPassword });

  /** A signed-in user whose first password is old enough to change. */
  async function userReadyToChange(): Promise<{ user: SignedInUser; client: ApiClient }> {
    const user = await signedInUser(t.app, t.ctx, t.clock);
    t.clock.advance({ hours: 24 });
    return { user, client: await signIn(user, user.password) };
  }

  it('refuses 14 characters and 61, accepts 15 and 60', async () => {
    await expectRefused(FIFTEEN.slice(0, 14), ['length']);
    await expectAccepted(FIFTEEN);
    await expectAccepted(FIFTEEN.repeat(4));
    await expectRefused(`${FIFTEEN.repeat(4)}x`, ['length']);
  });

  it('refuses a password without an upper-case letter', async () => {
    await expectRefused(FIFTEEN.toLowerCase(), ['uppercase']);
  });

  it('refuses a password without a lower-case letter', async () => {
    await expectRefused(FIFTEEN.toUpperCase(), ['lowercase']);
  });

  it('refuses a password without a digit', async () => {
    await expectRefused('RkxvTqamWzeLpYbQ', ['digit']);
  });

  it('refuses a password that contains the user ID, in any case', async () => {
    const userId = `pilot.${Date.now().toString(36)}`;
    await expectRefused(`Zx9-${userId.toUpperCase()}-q`, ['contains_user_id'], { userId });
    await expectRefused(`Zx9-${userId}-Q`, ['contains_user_id'], { userId });
  });

  it('refuses a password that contains the first name or the last name, in any case', async () => {
    await expectRefused('Rk4vdAnAq9mWz2Lp', ['contains_name']);
    await expectRefused('Rk4vWHITFIELDq9m', ['contains_name']);
  });

  it('refuses a password on the shipped common list, as typed or with digits and symbols around it', async () => {
    await expectRefused('Passwordpassword1', ['common']);
    await expectRefused('Password123456789', ['common']);
  });

  it('lists every rule a password breaks', async () => {
    await expectRefused('dana', ['length', 'uppercase', 'digit', 'contains_name', 'common']);
  });

  it('stores an argon2id hash (m=19456, t=2, p=1), never the password', async () => {
    const user = newUserDetails();
    const client = await new ApiClient(t.app).start();
    expect((await client.post('/api/v1/registrations', user)).statusCode).toBe(201);
    const row = await userRow(t.ctx, user.userId);
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.password_hash).not.toContain(user.password);
    const stored = await t.ctx.database.db
      .selectFrom('password_history')
      .select('password_hash')
      .where('user_id', '=', row.id)
      .execute();
    expect(stored).toEqual([{ password_hash: row.password_hash }]);
  });

  it('refuses any of the last 6 passwords and allows the 7th-oldest again', async () => {
    const user = await signedInUser(t.app, t.ctx, t.clock);
    let current = user.password;
    for (let i = 1; i <= 6; i += 1) {
      t.clock.advance({ hours: 24 });
      const client = await signIn(user, current);
      const changed = await change(client, current, history(i));
      expect(changed.statusCode, changed.body).toBe(204);
      current = history(i);
    }
    t.clock.advance({ hours: 24 });
    const client = await signIn(user, current);
    for (let i = 1; i <= 6; i += 1) {
      const reused = await change(client, current, history(i));
      expect(errorOf(reused), `password ${i}`).toMatchObject({
        status: 400,
        code: 'password.rejected',
        details: { violations: ['reused'] },
      });
    }
    // The first password is now the 7th-oldest.
    const back = await change(client, current, GOOD_PASSWORD);
    expect(back.statusCode, back.body).toBe(204);
  });

  it('applies the rules to a changed password too', async () => {
    const { user, client } = await userReadyToChange();
    const refused = await change(client, user.password, 'Password123456789');
    expect(errorOf(refused)).toMatchObject({ status: 400, code: 'password.rejected', details: { violations: ['common'] } });
  });

  it('allows one change a day: a second within 24 hours is refused, after 24 hours it is allowed', async () => {
    const { user, client } = await userReadyToChange();
    expect((await change(client, user.password, history(1))).statusCode).toBe(204);
    const tooSoon = await change(client, history(1), history(2));
    expect(errorOf(tooSoon)).toMatchObject({ status: 409, code: 'password.changed_recently' });

    t.clock.advance({ hours: 23, minutes: 59 });
    const stillTooSoon = await change(await signIn(user, history(1)), history(1), history(2));
    expect(errorOf(stillTooSoon).code).toBe('password.changed_recently');

    t.clock.advance({ minutes: 1 });
    const allowed = await change(await signIn(user, history(1)), history(1), history(2));
    expect(allowed.statusCode, allowed.body).toBe(204);
  });

  it('does not limit a reset by email to once a day', async () => {
    const { user, client } = await userReadyToChange();
    expect((await change(client, user.password, history(1))).statusCode).toBe(204);
    const reset = await resetPasswordByEmail(t.app, t.ctx, user, history(2));
    expect(reset.statusCode, reset.body).toBe(204);
    const step = await passwordStep(await new ApiClient(t.app).start(), { userId: user.userId, password: history(2) });
    expect(step.statusCode, step.body).toBe(200);
  });

  it('needs the right current password to change it', async () => {
    const { user, client } = await userReadyToChange();
    const before = (await userRow(t.ctx, user.userId)).password_hash;
    const refused = await change(client, `${user.password}x`, history(1));
    expect(errorOf(refused)).toMatchObject({ status: 400, code: 'password.incorrect' });
    expect((await userRow(t.ctx, user.userId)).password_hash).toBe(before);
    const step = await passwordStep(await new ApiClient(t.app).start(), user);
    expect(step.statusCode).toBe(200);
  });

  it('queues a confirmation email when the password changes', async () => {
    const { user, client } = await userReadyToChange();
    expect((await messagesTo(t.ctx, user.email)).map((message) => message.template)).not.toContain('account.password_changed');
    expect((await change(client, user.password, history(1))).statusCode).toBe(204);
    const confirmations = (await messagesTo(t.ctx, user.email)).filter(
      (message) => message.template === 'account.password_changed',
    );
    expect(confirmations).toHaveLength(1);
    expect(confirmations[0]!.body_text).not.toContain(history(1));
  });

  it('ends the user’s other sessions when the password changes, and keeps this one', async () => {
    const { user, client } = await userReadyToChange();
    const other = await signIn(user, user.password);
    expect((await other.get('/api/v1/me')).statusCode).toBe(200);
    expect((await change(client, user.password, history(1))).statusCode).toBe(204);
    expect(errorOf(await other.get('/api/v1/me'))).toMatchObject({ status: 401, code: 'auth.required' });
    expect((await client.get('/api/v1/me')).statusCode).toBe(200);
  });
});
