import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeFrom, signedInUser, type SignedInUser } from '../helpers/accounts.js';
import { createTestApp, type TestApp } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';

describe.each(testDialects())('emailed enrolment codes on %s', (dialect) => {
  let t: TestApp;
  let user: SignedInUser;
  beforeAll(async () => {
    t = await createTestApp({ dialect });
    user = await signedInUser(t.app, t.ctx, t.clock);
  });
  afterAll(async () => t.close());

  async function startEmailFactor(): Promise<{ id: string; code: string }> {
    const started = await user.client.post('/api/v1/mfa/factors', { kind: 'email' });
    expect(started.statusCode, started.body).toBe(201);
    return { id: started.json().factor.id as string, code: await codeFrom(t.ctx, user.email) };
  }

  it('confirms a new email device with the emailed code', async () => {
    const { id, code } = await startEmailFactor();
    const confirmed = await user.client.post(`/api/v1/mfa/factors/${id}/confirm`, { code });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().recoveryCodes).toBeUndefined();
    const again = await user.client.post(`/api/v1/mfa/factors/${id}/confirm`, { code });
    expect(again.statusCode).toBe(409);
  });

  it('keeps every wrong try: after five, even the right code is refused', async () => {
    const { id, code } = await startEmailFactor();
    const wrong = code === '000000' ? '111111' : '000000';
    for (let attempt = 0; attempt < 5; attempt++) {
      const response = await user.client.post(`/api/v1/mfa/factors/${id}/confirm`, { code: wrong });
      expect(response.json().error.code).toBe('mfa.code_invalid');
    }
    const right = await user.client.post(`/api/v1/mfa/factors/${id}/confirm`, { code });
    expect(right.statusCode).toBe(400);
    expect(right.json().error.code).toBe('mfa.code_invalid');
  });

  it('refuses an expired code', async () => {
    const { id, code } = await startEmailFactor();
    t.clock.advance({ minutes: 11 });
    const response = await user.client.post(`/api/v1/mfa/factors/${id}/confirm`, { code });
    expect(response.json().error.code).toBe('mfa.code_invalid');
  });
});
