import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
});
