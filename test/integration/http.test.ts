import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInAdministrator, signedInUser } from '../helpers/accounts.js';
import { ApiClient } from '../helpers/api-client.js';
import { createTestApp, type TestApp } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';

describe.each(testDialects())('HTTP foundation on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ dialect });
  });
  afterAll(async () => t.close());

  it('answers /healthz and /readyz', async () => {
    const health = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
  });

  it('sends a request id and strict security headers on every response', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
  });

  it('exposes Prometheus metrics, including request durations', async () => {
    await t.app.inject({ method: 'GET', url: '/healthz' });
    const response = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('rolecall_http_request_duration_seconds_bucket');
    expect(response.body).toContain('route="/healthz"');
    expect(response.body).toContain('rolecall_process_cpu_user_seconds_total');
  });

  it('describes the API in OpenAPI at /docs/json and serves the viewer at /docs', async () => {
    const spec = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(spec.statusCode).toBe(200);
    const document = spec.json() as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/healthz', '/readyz', '/api/v1/dev/outbox']));
    const viewer = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(viewer.statusCode).toBe(200);
    expect(viewer.headers['content-type']).toContain('text/html');
  });

  it('answers an unknown API route with a stable error code, in the caller’s language', async () => {
    const english = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(english.statusCode).toBe(404);
    expect(english.json()).toMatchObject({ error: { code: 'route.not_found', message: 'There is nothing at this address.' } });
    expect(english.json().requestId).toBe(english.headers['x-request-id']);
    const spanish = await t.app.inject({
      method: 'GET',
      url: '/api/v1/nothing-here',
      headers: { 'accept-language': 'es-US,es;q=0.9,en;q=0.5' },
    });
    expect(spanish.json()).toMatchObject({ error: { code: 'route.not_found', message: 'No hay nada en esta dirección.' } });
  });

  it('rejects invalid input with request.invalid naming the field, and no stack trace', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/dev/outbox?limit=abc' });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.error.code).toBe('request.invalid');
    expect(JSON.stringify(body.error.details)).toContain('limit');
    expect(response.body).not.toMatch(/at .*\.(ts|js):\d+/);
    const unknownField = await t.app.inject({ method: 'GET', url: '/api/v1/dev/outbox?limit=5&sort=desc' });
    expect(unknownField.statusCode).toBe(400);
  });

  it('names a missing property itself, not the body holding it', async () => {
    const client = await new ApiClient(t.app).start();
    const response = await client.post('/api/v1/sign-in', { userId: 'someone' });
    expect(response.statusCode).toBe(400);
    const fields = (response.json().error.details.fields as { field: string; rule: string }[]).map((issue) => issue.field);
    expect(fields).toContain('body/password');
  });

  it('takes JSON bodies only: text, XML and form bodies are refused with 415', async () => {
    const client = await new ApiClient(t.app).start();
    const body = JSON.stringify({ userId: 'someone', password: 'Violet-Harbor-Lantern-42', acceptTerms: true });
    for (const type of ['text/plain', 'text/plain; charset=utf-8', 'application/xml', 'application/x-www-form-urlencoded']) {
      const refused = await client.request('POST', '/api/v1/sign-in', body, { 'content-type': type });
      expect(refused.statusCode, type).toBe(415);
      expect(refused.json().error.code, type).toBe('request.unsupported_media_type');
    }
    // The same body as JSON is read (and refused for what it says, not how it was sent).
    const read = await client.request('POST', '/api/v1/sign-in', body, { 'content-type': 'application/json' });
    expect(read.statusCode).not.toBe(415);
  });

  it('rejects a body that is too large with its own code', async () => {
    const tooLarge = await t.app.inject({
      method: 'POST',
      url: '/healthz',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ padding: 'x'.repeat(300 * 1024) }),
    });
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().error.code).toBe('request.too_large');
  });
});

describe('the mail viewer', () => {
  it('lists the outbox, newest first, a page at a time', async () => {
    const t = await createTestApp();
    try {
      for (const to of ['first@example.test', 'second@example.test', 'third@example.test']) {
        await t.ctx.database.transaction((trx) =>
          t.ctx.notifications.enqueueEmail(trx, { to, language: 'en', template: 'system.test', params: { sentBy: 'a test' } }),
        );
        t.clock.advance({ seconds: 1 });
      }
      const { client } = await signedInAdministrator(t.app, t.ctx, t.clock);
      await t.ctx.database.db.deleteFrom('outbox').where('template', '!=', 'system.test').execute();
      const first = await client.get('/api/v1/dev/outbox?limit=2');
      expect(first.statusCode).toBe(200);
      const page = first.json() as { items: Array<{ to: string; subject: string; status: string }>; nextCursor: string };
      expect(page.items.map((item) => item.to)).toEqual(['third@example.test', 'second@example.test']);
      expect(page.items[0]?.status).toBe('pending');
      expect(page.nextCursor).toBeTruthy();
      const second = await client.get(`/api/v1/dev/outbox?limit=2&cursor=${page.nextCursor}`);
      expect(second.json()).toMatchObject({
        items: [{ to: 'first@example.test', subject: 'Rolecall test message' }],
        nextCursor: null,
      });
    } finally {
      await t.close();
    }
  });

  it('is for administrators only', async () => {
    const t = await createTestApp();
    try {
      const visitor = await t.app.inject({ method: 'GET', url: '/api/v1/dev/outbox' });
      expect(visitor.statusCode).toBe(401);
      expect(visitor.json().error.code).toBe('auth.required');
      const { client } = await signedInUser(t.app, t.ctx, t.clock);
      const user = await client.get('/api/v1/dev/outbox');
      expect(user.statusCode).toBe(403);
      expect(user.json().error.code).toBe('auth.forbidden');
      const admin = await signedInAdministrator(t.app, t.ctx, t.clock);
      expect((await admin.client.get('/api/v1/dev/outbox')).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('does not exist where it is turned off', async () => {
    const t = await createTestApp({ env: { ROLECALL_MAIL_VIEWER: 'false' } });
    try {
      const response = await t.app.inject({ method: 'GET', url: '/api/v1/dev/outbox' });
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('route.not_found');
    } finally {
      await t.close();
    }
  });
});
