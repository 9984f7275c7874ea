import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { routeTable } from '../../server/http/route-table.js';
import { ApiClient } from '../helpers/api-client.js';
import { signedInUser, signInWithTotp } from '../helpers/accounts.js';
import { createTestApp, type TestApp } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';

describe.each(testDialects())('sign-in from registration to home on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ dialect });
  });
  afterEach(async () => {
    await t.close();
  });

  it('registers, verifies, enrols an authenticator app, signs out and signs in again', async () => {
    const user = await signedInUser(t.app, t.ctx, t.clock);
    expect(user.recoveryCodes).toHaveLength(10);
    const me = await user.client.get('/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().userId).toBe(user.userId);

    const out = await user.client.delete('/api/v1/session');
    expect(out.statusCode).toBe(204);
    expect((await user.client.get('/api/v1/me')).statusCode).toBe(401);

    const again = await signInWithTotp(t.app, t.clock, user);
    const session = await again.get('/api/v1/session');
    expect(session.json().session.stage).toBe('active');
    expect(session.json().session.user.userId).toBe(user.userId);
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const client = await new ApiClient(t.app).start();
    client.csrfToken = undefined;
    const response = await client.post('/api/v1/sign-in', { userId: 'someone', password: 'x', acceptTerms: true });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('auth.csrf');
  });

  it('checks the CSRF token on every state-changing route of every module, and nowhere else', async () => {
    const client = await new ApiClient(t.app).start();
    client.csrfToken = undefined;
    const unsafe = routeTable(t.app).filter((route) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method));
    const moduleRoutes = unsafe.filter((route) => route.url.startsWith('/api/'));
    expect(moduleRoutes.length).toBeGreaterThan(30);
    for (const route of moduleRoutes) {
      const response = await client.request(route.method as 'POST', route.url.replace(/:[A-Za-z]+/g, 'x'), {});
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(403);
      expect(response.json().error.code, `${route.method} ${route.url}`).toBe('auth.csrf');
    }
    // An address no route has is simply not found, whatever it starts with.
    const nowhere = await client.post('/api/v1/no-such-thing', {});
    expect(nowhere.json().error.code).toBe('route.not_found');
  });
});
