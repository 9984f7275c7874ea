import { createHash } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/api-client.js';
import {
  errorOf,
  findInDatabase,
  passwordStep,
  registerVerifiedUser,
  signedInUser,
  startSignIn,
  totpAt,
  userRow,
  type SignedInUser,
} from '../helpers/accounts.js';
import { createTestApp, type TestApp } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';

const MINUTE = 60_000;

describe.each(testDialects())('sessions on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ dialect });
  });
  afterAll(async () => t.close());

  /** A client that carries nothing but this session cookie value. */
  function clientWithCookie(value: string): ApiClient {
    const client = new ApiClient(t.app);
    client.setCookie('rolecall_session', value);
    return client;
  }

  async function sessionBehind(value: string) {
    return (await clientWithCookie(value).get('/api/v1/session')).json().session as { id: string; stage: string } | null;
  }

  const at = (start: Date, minutes: number) => new Date(start.getTime() + minutes * MINUTE).toISOString();

  it('gives a new session id and cookie at the password step and again at the MFA step; the cookies before stop working', async () => {
    const user = await signedInUser(t.app, t.ctx, t.clock);
    const client = user.client;
    const before = client.cookie('rolecall_session')!;
    const beforeId = (await client.get('/api/v1/session')).json().session.id as string;
    const beforeCsrf = client.csrfToken;

    t.clock.advance({ seconds: 30 });
    const step = await passwordStep(client, user);
    expect(step.statusCode, step.body).toBe(200);
    const atMfa = client.cookie('rolecall_session')!;
    const atMfaId = step.json().session.id as string;
    expect(atMfa).not.toBe(before);
    expect(atMfaId).not.toBe(beforeId);
    expect(client.csrfToken).not.toBe(beforeCsrf);
    expect(await sessionBehind(before)).toBeNull();

    const factorId = (step.json().session.factors as { id: string }[])[0]!.id;
    const verified = await client.post('/api/v1/sign-in/mfa/verify', { factorId, code: await totpAt(user.totpSecret, t.clock) });
    expect(verified.statusCode, verified.body).toBe(200);
    const active = client.cookie('rolecall_session')!;
    expect(active).not.toBe(atMfa);
    expect(verified.json().session.id).not.toBe(atMfaId);
    expect(await sessionBehind(atMfa)).toBeNull();
    expect(errorOf(await clientWithCookie(atMfa).get('/api/v1/me')).code).toBe('auth.required');
    expect((await clientWithCookie(active).get('/api/v1/me')).statusCode).toBe(200);
  });

  it('never adopts a session cookie value planted before sign-in', async () => {
    const user = await signedInUser(t.app, t.ctx, t.clock);
    t.clock.advance({ seconds: 30 });
    const planted = 'planted-by-someone-else-0123456789abcdef';
    const client = await new ApiClient(t.app).start();
    client.setCookie('rolecall_session', planted);
    const step = await passwordStep(client, user);
    expect(step.statusCode).toBe(200);
    expect(client.cookie('rolecall_session')).not.toBe(planted);
    expect(await sessionBehind(planted)).toBeNull();
  });

  it('keeps a session idle for 29 minutes, restarts the timer on activity, and ends it at 30 minutes idle', async () => {
    const user = await signedInUser(t.app, t.ctx, t.clock);
    t.clock.advance({ minutes: 29 });
    expect((await user.client.get('/api/v1/me')).statusCode).toBe(200);
    t.clock.advance({ minutes: 29 });
    expect((await user.client.get('/api/v1/me')).statusCode).toBe(200);
    t.clock.advance({ minutes: 30 });
    expect(errorOf(await user.client.get('/api/v1/me'))).toMatchObject({ status: 401, code: 'auth.required' });
  });

  it('ends a session 12 hours after the password was accepted, however active it is', async () => {
    const user = await signedInUser(t.app, t.ctx, t.clock);
    t.clock.advance({ seconds: 30 });
    const passwordAcceptedAt = t.clock.now();
    const { client, factors } = await startSignIn(t.app, user);
    t.clock.advance({ minutes: 5 });
    const verified = await client.post('/api/v1/sign-in/mfa/verify', {
      factorId: factors[0]!.id,
      code: await totpAt(user.totpSecret, t.clock),
    });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json().session.absoluteExpiresAt).toBe(at(passwordAcceptedAt, 12 * 60));

    // A request every 20 minutes until 11:45 after the password, then one at 11:59.
    for (let elapsed = 25; elapsed <= 11 * 60 + 45; elapsed += 20) {
      t.clock.set(at(passwordAcceptedAt, elapsed));
      expect((await client.get('/api/v1/me')).statusCode, `after ${elapsed} minutes`).toBe(200);
    }
    t.clock.set(at(passwordAcceptedAt, 11 * 60 + 59));
    expect((await client.get('/api/v1/me')).statusCode).toBe(200);
    t.clock.set(at(passwordAcceptedAt, 12 * 60));
    expect(errorOf(await client.get('/api/v1/me'))).toMatchObject({ status: 401, code: 'auth.required' });
  });

  it('does not count reading the session as activity: polled at 10 and 20 minutes, it is gone at 30', async () => {
    const user = await signedInUser(t.app, t.ctx, t.clock);
    const start = t.clock.now();
    const first = (await user.client.get('/api/v1/session')).json().session;
    expect(first).toMatchObject({ stage: 'active', warnAt: at(start, 20), idleExpiresAt: at(start, 30) });

    t.clock.advance({ minutes: 10 });
    expect((await user.client.get('/api/v1/session')).json().session).toMatchObject({ warnAt: at(start, 20) });
    t.clock.advance({ minutes: 10 });
    expect((await user.client.get('/api/v1/session')).json().session).toMatchObject({ idleExpiresAt: at(start, 30) });
    t.clock.advance({ minutes: 10 });
    expect((await user.client.get('/api/v1/session')).json().session).toBeNull();
    expect((await user.client.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('restarts the idle timer on "stay signed in", with the warning 20 minutes after the last activity', async () => {
    const user = await signedInUser(t.app, t.ctx, t.clock);
    const start = t.clock.now();
    t.clock.advance({ minutes: 25 });
    const refreshed = await user.client.post('/api/v1/session/refresh');
    expect(refreshed.statusCode, refreshed.body).toBe(200);
    expect(refreshed.json().session).toMatchObject({ warnAt: at(start, 45), idleExpiresAt: at(start, 55) });

    t.clock.advance({ minutes: 29 });
    expect((await user.client.get('/api/v1/session')).json().session).not.toBeNull();
    t.clock.advance({ minutes: 1 });
    expect((await user.client.get('/api/v1/session')).json().session).toBeNull();
  });

  it('lists the user’s sessions and ends one of them', async () => {
    const user = await signedInUser(t.app, t.ctx, t.clock);
    t.clock.advance({ seconds: 30 });
    const { client: other, factors } = await startSignIn(t.app, user, { 'user-agent': 'Second Browser/1.0' });
    await other.post('/api/v1/sign-in/mfa/verify', { factorId: factors[0]!.id, code: await totpAt(user.totpSecret, t.clock) });
    const otherId = (await other.get('/api/v1/session')).json().session.id as string;
    const mineId = (await user.client.get('/api/v1/session')).json().session.id as string;

    const listed = await user.client.get('/api/v1/me/sessions');
    expect(listed.statusCode).toBe(200);
    const items = listed.json().items as { id: string; current: boolean; userAgent: string | null; ip: string | null }[];
    expect(items.map((item) => item.id).sort()).toEqual([mineId, otherId].sort());
    expect(items.find((item) => item.id === mineId)?.current).toBe(true);
    expect(items.find((item) => item.id === otherId)).toMatchObject({
      current: false,
      userAgent: 'Second Browser/1.0',
      ip: '127.0.0.1',
      allowedActions: ['end'],
    });
    expect(items.find((item) => item.id === mineId)).toMatchObject({ allowedActions: ['end'] });

    expect((await user.client.delete(`/api/v1/me/sessions/${otherId}`)).statusCode).toBe(204);
    expect(errorOf(await other.get('/api/v1/me'))).toMatchObject({ status: 401, code: 'auth.required' });
    const after = (await user.client.get('/api/v1/me/sessions')).json().items as { id: string }[];
    expect(after.map((item) => item.id)).toEqual([mineId]);
  });

  it('does not find another user’s session', async () => {
    const alice = await signedInUser(t.app, t.ctx, t.clock);
    const bob = await signedInUser(t.app, t.ctx, t.clock);
    const bobSession = (await bob.client.get('/api/v1/session')).json().session.id as string;
    const refused = await alice.client.delete(`/api/v1/me/sessions/${bobSession}`);
    expect(errorOf(refused)).toMatchObject({ status: 404, code: 'resource.not_found' });
    expect((await bob.client.get('/api/v1/me')).statusCode).toBe(200);
  });

  it('sets the session cookie HttpOnly, SameSite=Lax, Path=/, and not Secure on an http address', async () => {
    const user = await registerVerifiedUser(t.app, t.ctx);
    const step = await passwordStep(await new ApiClient(t.app).start(), user);
    const cookie = sessionCookie(step);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeFalsy();
  });

  it('keeps only a hash of the cookie value in the database', async () => {
    const user = await signedInUser(t.app, t.ctx, t.clock);
    const value = user.client.cookie('rolecall_session')!;
    expect(value.length).toBeGreaterThanOrEqual(32);
    expect(await findInDatabase(t, value)).toEqual([]);
    const id = (await userRow(t.ctx, user.userId)).id;
    const hashes = await t.ctx.database.db
      .selectFrom('sessions')
      .select('token_hash')
      .where('user_id', '=', id)
      .where('ended_at', 'is', null)
      .execute();
    expect(hashes).toEqual([{ token_hash: createHash('sha256').update(value).digest('hex') }]);
  });

  describe('CSRF', () => {
    let user: SignedInUser;
    beforeAll(async () => {
      user = await signedInUser(t.app, t.ctx, t.clock);
    });

    const firstName = async () => (await user.client.get('/api/v1/me')).json().firstName as string;

    it('refuses a change without the header, with a wrong one, or with the pre-session token, and changes nothing', async () => {
      const preSession = user.client.cookie('rolecall_csrf');
      expect(preSession).toBeTruthy();
      const sessionToken = user.client.csrfToken!;
      expect(preSession).not.toBe(sessionToken);

      user.client.csrfToken = undefined;
      const none = await user.client.patch('/api/v1/me', { firstName: 'Mallory' });
      user.client.csrfToken = sessionToken;
      const wrong = await user.client.request(
        'PATCH',
        '/api/v1/me',
        { firstName: 'Mallory' },
        { 'x-csrf-token': `${sessionToken.slice(0, -2)}xx` },
      );
      const pre = await user.client.request('PATCH', '/api/v1/me', { firstName: 'Mallory' }, { 'x-csrf-token': preSession! });
      for (const refused of [none, wrong, pre]) expect(errorOf(refused)).toMatchObject({ status: 403, code: 'auth.csrf' });
      expect(await firstName()).toBe(user.firstName);

      const signOut = await user.client.request('DELETE', '/api/v1/session', undefined, { 'x-csrf-token': preSession! });
      expect(errorOf(signOut).code).toBe('auth.csrf');
      expect((await user.client.get('/api/v1/me')).statusCode).toBe(200);
    });

    it('needs no token to read, and accepts the session’s own token for a change', async () => {
      user.client.csrfToken = undefined;
      expect((await user.client.get('/api/v1/me')).statusCode).toBe(200);
      await user.client.get('/api/v1/session');
      const changed = await user.client.patch('/api/v1/me', { firstName: 'Morgan' });
      expect(changed.statusCode, changed.body).toBe(200);
      expect(await firstName()).toBe('Morgan');
    });

    it('before sign-in, takes only the token the server derived from the browser’s cookie, not a chosen pair', async () => {
      const visitor = await new ApiClient(t.app).start();
      const nonce = visitor.cookie('rolecall_csrf')!;
      const token = visitor.csrfToken!;
      expect(token).toBeTruthy();
      expect(token).not.toBe(nonce);
      const attempt = { userId: 'no-such-user', password: 'Not-The-Password-123', acceptTerms: true };
      const chosen = 'c'.repeat(43);
      const tossed = await t.app.inject({
        method: 'POST',
        url: '/api/v1/sign-in',
        headers: { cookie: `rolecall_csrf=${chosen}`, 'x-csrf-token': chosen },
        payload: attempt,
      });
      const cookieAsToken = await visitor.request('POST', '/api/v1/sign-in', attempt, { 'x-csrf-token': nonce });
      for (const refused of [tossed, cookieAsToken]) expect(errorOf(refused)).toMatchObject({ status: 403, code: 'auth.csrf' });
      expect(errorOf(await visitor.post('/api/v1/sign-in', attempt)).code).toBe('sign_in.failed');
      expect((await visitor.get('/api/v1/session')).json().csrfToken).toBe(token);
    });

    it('takes a JSON body’s values as sent: no text read as a boolean, no number stored as text', async () => {
      const asText = await user.client.patch('/api/v1/me', { firstName: 123 });
      const visitor = await new ApiClient(t.app).start();
      const termsAsText = await visitor.post('/api/v1/sign-in', {
        userId: user.userId,
        password: user.password,
        acceptTerms: 'true',
      });
      for (const refused of [asText, termsAsText])
        expect(errorOf(refused)).toMatchObject({ status: 400, code: 'request.invalid' });
      expect(await firstName()).not.toBe('123');
      // The query string is text by nature: its numbers are still read as numbers, finite ones only.
      expect((await user.client.get('/api/v1/me/roles?limit=2')).statusCode).toBe(200);
      for (const limit of ['1e309', '9'.repeat(400)]) {
        const infinite = await user.client.get(`/api/v1/certifications?limit=${limit}`);
        expect(errorOf(infinite)).toMatchObject({ status: 400, code: 'request.invalid' });
      }
    });

    it('tells browsers and proxies to keep no signed-in answer, nor a pre-session one', async () => {
      expect((await user.client.get('/api/v1/me')).headers['cache-control']).toBe('no-store');
      expect((await user.client.get('/api/v1/me/roles')).headers['cache-control']).toBe('no-store');
      expect((await new ApiClient(t.app).get('/api/v1/session')).headers['cache-control']).toBe('no-store');
    });
  });
});

describe.each(testDialects())('session cookies behind an https address on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ dialect, env: { ROLECALL_PUBLIC_URL: 'https://rolecall.example.test' } });
  });
  afterAll(async () => t.close());

  it('marks the session cookie Secure and names both cookies with the __Host- prefix', async () => {
    const user = await registerVerifiedUser(t.app, t.ctx);
    const browser = await new ApiClient(t.app).start();
    expect(browser.cookie('__Host-rolecall_csrf')).toBeDefined();
    expect(browser.cookie('rolecall_csrf')).toBeUndefined();
    const step = await passwordStep(browser, user);
    expect(step.statusCode, step.body).toBe(200);
    const cookie = sessionCookie(step, '__Host-rolecall_session');
    // What a browser asks of a __Host- cookie: Secure, Path=/, no Domain.
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', secure: true });
    expect(cookie.domain).toBeUndefined();
    // The session is read from the prefixed cookie, and from no other.
    expect((await browser.get('/api/v1/session')).json().session.stage).toBe('enroll');
    const unprefixed = new ApiClient(t.app);
    unprefixed.setCookie('rolecall_session', browser.cookie('__Host-rolecall_session')!);
    expect((await unprefixed.get('/api/v1/session')).json().session).toBeNull();
  });
});

function sessionCookie(response: LightMyRequestResponse, name = 'rolecall_session') {
  const cookie = (
    response.cookies as {
      name: string;
      httpOnly?: boolean;
      sameSite?: string;
      path?: string;
      secure?: boolean;
      domain?: string;
    }[]
  ).find((item) => item.name === name);
  if (!cookie) throw new Error(`No session cookie in ${JSON.stringify(response.headers['set-cookie'])}`);
  return cookie;
}
