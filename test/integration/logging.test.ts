import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestIdFor } from '../../server/app.js';
import { createLogger } from '../../server/context.js';
import { redactUrl } from '../../server/shared/log-redaction.js';
import {
  GOOD_PASSWORD,
  linkTokenFrom,
  linkTokenOf,
  newUserDetails,
  OTHER_GOOD_PASSWORD,
  signedInUser,
  userRow,
} from '../helpers/accounts.js';
import { ApiClient } from '../helpers/api-client.js';
import { createTestApp, type TestApp } from '../helpers/test-context.js';

describe('redacting URLs for the log', () => {
  it('hides credential-like query values and keeps the rest', () => {
    expect(redactUrl('/set-up?token=abc')).toBe('/set-up?token=[redacted]');
    expect(redactUrl('/x?code=123456&limit=20')).toBe('/x?code=[redacted]&limit=20');
    expect(redactUrl('/x?client_secret=s&q=smith')).toBe('/x?client_secret=[redacted]&q=smith');
    expect(redactUrl('/x?next=AbCdEfGhIjKlMnOpQrStUvWxYz012345')).toBe('/x?next=[redacted]');
    expect(redactUrl('/api/v1/organizations?q=sunrise%20derm&limit=10')).toBe('/api/v1/organizations?q=sunrise%20derm&limit=10');
    expect(redactUrl('/healthz')).toBe('/healthz');
  });
});

describe('the request id', () => {
  it('takes a well-formed x-request-id only from a trusted proxy', () => {
    expect(requestIdFor('edge-42.abc', true)).toBe('edge-42.abc');
    expect(requestIdFor('edge-42.abc', false)).not.toBe('edge-42.abc');
    expect(requestIdFor('bad id\nforged line', true)).not.toContain('forged');
    expect(requestIdFor('x'.repeat(200), true)).toHaveLength(36);
    expect(requestIdFor(undefined, true)).toHaveLength(36);
  });
});

describe('secrets in the log', () => {
  const lines: string[] = [];
  const capture = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ logger: createLogger({ logLevel: 'info' }, capture), env: { ROLECALL_TRUST_PROXY: 'true' } });
  });
  afterAll(async () => t.close());

  it('logs every refusal with its error code and the person refused', async () => {
    const visitor = await t.app.inject({ method: 'GET', url: '/api/v1/dev/outbox' });
    expect(visitor.statusCode).toBe(401);
    const person = await signedInUser(t.app, t.ctx, t.clock);
    const forbidden = await person.client.get('/api/v1/dev/outbox');
    expect(forbidden.statusCode).toBe(403);
    const personId = (await userRow(t.ctx, person.userId)).id;
    const refusals = lines
      .join('')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg?: string; requestId?: string; refused?: { error: string; userId: string | null } })
      .filter((entry) => entry.msg === 'request refused');
    const byRequest = new Map(refusals.map((entry) => [entry.requestId, entry.refused]));
    expect(byRequest.get(String(visitor.headers['x-request-id']))).toEqual({ error: 'auth.required', status: 401, userId: null });
    expect(byRequest.get(String(forbidden.headers['x-request-id']))).toEqual({
      error: 'auth.forbidden',
      status: 403,
      userId: personId,
    });
  });

  it('never writes a token the server sent, though every link carrying one was opened and logged', async () => {
    const sent: string[] = [];
    const openPage = (path: string) =>
      t.app.inject({ method: 'GET', url: path, headers: { accept: 'text/html', 'x-request-id': 'proxy-request-1' } });

    // Registration: the verification link.
    const user = newUserDetails();
    const client = await new ApiClient(t.app).start();
    expect((await client.post('/api/v1/registrations', user)).statusCode).toBe(201);
    const verification = await linkTokenFrom(t.ctx, user.email);
    sent.push(verification);
    await openPage(`/verify-email?token=${encodeURIComponent(verification)}`);
    expect((await client.post('/api/v1/registrations/verify', { token: verification })).statusCode).toBe(200);

    // An administrator's set-up link.
    const admin = newUserDetails();
    const { link } = await t.ctx.accounts.createAdministrator({ kind: 'system' }, admin);
    const setUp = new URL(link).searchParams.get('token') ?? '';
    sent.push(setUp);
    await openPage(`/set-up?token=${encodeURIComponent(setUp)}`);
    expect((await client.post('/api/v1/account-setup', { token: setUp, password: GOOD_PASSWORD })).statusCode).toBe(200);

    // A password reset link.
    expect((await client.post('/api/v1/recovery/password', { userId: user.userId })).statusCode).toBe(202);
    await t.ctx.accounts.recoveryRequests.carryOut();
    const reset = await linkTokenOf(t.ctx, user.email, 'account.password_reset');
    sent.push(reset);
    await openPage(`/reset-password?token=${encodeURIComponent(reset)}`);
    expect(
      (await client.post('/api/v1/recovery/password/reset', { token: reset, password: OTHER_GOOD_PASSWORD })).statusCode,
    ).toBe(204);

    // Signing in: the session cookie and the CSRF token.
    const signedIn = await client.post('/api/v1/sign-in', {
      userId: user.userId,
      password: OTHER_GOOD_PASSWORD,
      acceptTerms: true,
    });
    expect(signedIn.statusCode).toBe(200);
    sent.push(client.cookie('rolecall_session') ?? 'missing session', client.csrfToken ?? 'missing csrf');

    const log = lines.join('');
    // The requests were logged, with the proxy's request id, and their tokens hidden.
    expect(log).toContain('"url":"/set-up?token=[redacted]"');
    expect(log).toContain('"url":"/reset-password?token=[redacted]"');
    expect(log).toContain('"requestId":"proxy-request-1"');
    for (const token of [...sent, GOOD_PASSWORD, OTHER_GOOD_PASSWORD]) {
      expect(token.length).toBeGreaterThan(10);
      expect(log).not.toContain(token);
      expect(log).not.toContain(encodeURIComponent(token));
    }
  });
});
