import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskEmail } from '../../server/shared/masking.js';
import { ApiClient } from '../helpers/api-client.js';
import { auditEntries, errorOf, linkTokenOf, messagesTo, signedInUser, signInWithTotp, userRow } from '../helpers/accounts.js';
import { createTestApp, type TestApp } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';

describe.each(testDialects())('my profile on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ dialect });
  });
  afterAll(async () => t.close());

  it('changes names, phone and language, and audits what changed from what', async () => {
    const user = await signedInUser(t.app, t.ctx, t.clock);
    const patch = { firstName: 'Jordan', middleName: 'Lee', lastName: 'Rivera', phone: '+1 410 555 0100', language: 'es' };
    const changed = await user.client.patch('/api/v1/me', patch);
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject(patch);
    expect((await user.client.get('/api/v1/me')).json()).toMatchObject(patch);

    const id = (await userRow(t.ctx, user.userId)).id;
    const [entry] = await auditEntries(t.ctx, 'profile.updated', id);
    expect(entry).toMatchObject({
      actor_kind: 'user',
      actor_id: id,
      request_id: changed.headers['x-request-id'],
      ip: '127.0.0.1',
    });
    expect(JSON.parse(entry!.before_json!)).toEqual({
      firstName: user.firstName,
      middleName: null,
      lastName: user.lastName,
      phone: null,
      language: 'en',
    });
    expect(JSON.parse(entry!.after_json!)).toEqual(patch);
  });

  it('changes the email address only once the link sent to the new address is opened', async () => {
    const user = await signedInUser(t.app, t.ctx, t.clock);
    const newEmail = `new.${user.email}`;
    const asked = await user.client.post('/api/v1/me/email', { email: newEmail });
    expect(asked.statusCode, asked.body).toBe(202);
    expect(asked.json()).toEqual({ pendingEmail: newEmail });
    expect((await user.client.get('/api/v1/me')).json()).toMatchObject({ email: user.email, pendingEmail: newEmail });
    expect((await userRow(t.ctx, user.userId)).email).toBe(user.email);

    // The link goes to the new address, and only there.
    const token = await linkTokenOf(t.ctx, newEmail, 'account.email_change');
    expect((await messagesTo(t.ctx, user.email)).map((message) => message.template)).not.toContain('account.email_change');
    // Until then, the new address is not on file.
    const reminder = await (await new ApiClient(t.app).start()).post('/api/v1/recovery/user-id', { email: newEmail });
    expect(reminder.statusCode).toBe(202);
    await t.ctx.accounts.recoveryRequests.carryOut();
    expect((await messagesTo(t.ctx, newEmail)).map((message) => message.template)).toEqual(['account.email_change']);

    const confirmed = await user.client.post('/api/v1/me/email/verify', { token });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ email: newEmail, pendingEmail: null });
    expect((await userRow(t.ctx, user.userId)).email).toBe(newEmail);
    expect(errorOf(await user.client.post('/api/v1/me/email/verify', { token })).code).toBe('token.invalid');
    // The previous address is told, the new one masked in the message.
    const told = (await messagesTo(t.ctx, user.email)).filter((message) => message.template === 'account.email_changed');
    expect(told).toHaveLength(1);
    expect(told[0]!.body_text).toContain(user.userId);
    expect(told[0]!.body_text).toContain(maskEmail(newEmail));
    expect(told[0]!.body_text).not.toContain(newEmail);
  });

  it('keeps the email-change link valid for 24 hours', async () => {
    const early = await signedInUser(t.app, t.ctx, t.clock);
    const late = await signedInUser(t.app, t.ctx, t.clock);
    const tokens: string[] = [];
    for (const user of [early, late]) {
      await user.client.post('/api/v1/me/email', { email: `later.${user.email}` });
      tokens.push(await linkTokenOf(t.ctx, `later.${user.email}`, 'account.email_change'));
    }
    // Sessions do not last a day: the links are opened from fresh sign-ins.
    t.clock.advance({ hours: 23, minutes: 59 });
    const inTime = await (await signInWithTotp(t.app, t.clock, early)).post('/api/v1/me/email/verify', { token: tokens[0] });
    expect(inTime.statusCode, inTime.body).toBe(200);
    t.clock.advance({ seconds: 30 });
    const client = await signInWithTotp(t.app, t.clock, late);
    expect((await client.get('/api/v1/me')).json().pendingEmail).toBeNull();
    expect(errorOf(await client.post('/api/v1/me/email/verify', { token: tokens[1] }))).toMatchObject({
      status: 400,
      code: 'token.invalid',
    });
    expect((await userRow(t.ctx, late.userId)).email).toBe(late.email);
  });

  it('does not let another user open someone’s email-change link', async () => {
    const owner = await signedInUser(t.app, t.ctx, t.clock);
    const other = await signedInUser(t.app, t.ctx, t.clock);
    const newEmail = `taken.${owner.email}`;
    await owner.client.post('/api/v1/me/email', { email: newEmail });
    const token = await linkTokenOf(t.ctx, newEmail, 'account.email_change');
    expect(errorOf(await other.client.post('/api/v1/me/email/verify', { token }))).toMatchObject({
      status: 400,
      code: 'token.invalid',
    });
    expect((await userRow(t.ctx, other.userId)).email).toBe(other.email);
  });
});
