import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { legacyRecoveryCodeHash } from '../../server/modules/mfa/recovery-codes.js';
import { ApiClient } from '../helpers/api-client.js';
import {
  auditEntries,
  errorOf,
  findInDatabase,
  lastMessageOf,
  messagesTo,
  mfaCodeFor,
  passwordStep,
  registerVerifiedUser,
  signedInUser,
  startSignIn,
  totpAt,
  userRow,
  type RegisteredUser,
} from '../helpers/accounts.js';
import { createTestApp, type TestApp } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';

describe.each(testDialects())('multi-factor authentication on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ dialect });
  });
  afterAll(async () => t.close());

  /** A verified user at the first sign-in, before any device: the client is at stage `enroll`. */
  async function atEnrollment(): Promise<{ user: RegisteredUser; client: ApiClient }> {
    const user = await registerVerifiedUser(t.app, t.ctx);
    const client = await new ApiClient(t.app).start();
    const step = await passwordStep(client, user);
    expect(step.json().session.stage).toBe('enroll');
    return { user, client };
  }

  /** A user whose only device is their email address, signed in. */
  async function emailOnlyUser(): Promise<{
    user: RegisteredUser;
    client: ApiClient;
    factorId: string;
    recoveryCodes: string[];
  }> {
    const { user, client } = await atEnrollment();
    const started = await client.post('/api/v1/mfa/factors', { kind: 'email' });
    expect(started.statusCode, started.body).toBe(201);
    const factorId = started.json().factor.id as string;
    const confirmed = await client.post(`/api/v1/mfa/factors/${factorId}/confirm`, { code: await mfaCodeFor(t.ctx, user.email) });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().session.stage).toBe('active');
    return { user, client, factorId, recoveryCodes: confirmed.json().recoveryCodes as string[] };
  }

  const verify = (client: ApiClient, factorId: string, code: string) =>
    client.post('/api/v1/sign-in/mfa/verify', { factorId, code });
  const useRecoveryCode = (client: ApiClient, code: string) => client.post('/api/v1/sign-in/recovery-code', { code });

  it('never accepts a TOTP code twice, even from a second half-signed-in session, and tells the owner; the next step’s code works', async () => {
    const user = await signedInUser(t.app, t.ctx, t.clock);
    t.clock.advance({ seconds: 30 });
    const first = await startSignIn(t.app, user);
    const second = await startSignIn(t.app, user);
    const factorId = first.factors[0]!.id;
    const code = await totpAt(user.totpSecret, t.clock);

    const accepted = await verify(first.client, factorId, code);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().session.stage).toBe('active');

    const replayed = await verify(second.client, factorId, code);
    expect(errorOf(replayed)).toMatchObject({ status: 400, code: 'mfa.code_invalid' });
    expect((await second.client.get('/api/v1/session')).json().session.stage).toBe('mfa');
    // The reuse is audited as such, and the owner is told; a code merely wrong is neither.
    const userId = (await userRow(t.ctx, user.userId)).id;
    expect(await auditEntries(t.ctx, 'mfa.code_reused', userId)).toHaveLength(1);
    const told = async () =>
      (await messagesTo(t.ctx, user.email)).filter((message) => message.template === 'mfa.code_reused').length;
    expect(await told()).toBe(1);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect(errorOf(await verify(second.client, factorId, wrong)).code).toBe('mfa.code_invalid');
    expect(await auditEntries(t.ctx, 'mfa.code_reused', userId)).toHaveLength(1);
    expect(await told()).toBe(1);

    t.clock.advance({ seconds: 30 });
    const next = await verify(second.client, factorId, await totpAt(user.totpSecret, t.clock));
    expect(next.statusCode, next.body).toBe(200);
  });

  it('accepts a TOTP code once when two sessions send it at the same moment', async () => {
    const user = await signedInUser(t.app, t.ctx, t.clock);
    for (let round = 0; round < 5; round += 1) {
      t.clock.advance({ seconds: 30 });
      // Two at a time: a refused code counts as a failed sign-in, and three in a row would lock.
      const sessions = await Promise.all([startSignIn(t.app, user), startSignIn(t.app, user)]);
      const code = await totpAt(user.totpSecret, t.clock);
      const answers = await Promise.all(sessions.map(({ client, factors }) => verify(client, factors[0]!.id, code)));
      expect(answers.map((answer) => answer.statusCode).sort(), `round ${round}`).toEqual([200, 400]);
    }
  });

  it('refuses the TOTP code used to enrol the app at the next sign-in', async () => {
    const { user, client } = await atEnrollment();
    const started = await client.post('/api/v1/mfa/factors', { kind: 'totp' });
    const { factor, totp } = started.json() as { factor: { id: string }; totp: { secret: string } };
    const code = await totpAt(totp.secret, t.clock);
    expect((await client.post(`/api/v1/mfa/factors/${factor.id}/confirm`, { code })).statusCode).toBe(200);
    const { client: again } = await startSignIn(t.app, user);
    expect(errorOf(await verify(again, factor.id, code)).code).toBe('mfa.code_invalid');
  });

  it('enrols an email device and signs in with an emailed code, which works only once', async () => {
    const { user, factorId, recoveryCodes } = await emailOnlyUser();
    expect(recoveryCodes).toHaveLength(10);

    const { client, factors } = await startSignIn(t.app, user);
    expect(factors.map((factor) => factor.id)).toEqual([factorId]);
    const challenge = await client.post('/api/v1/sign-in/mfa/challenge', { factorId });
    expect(challenge.statusCode, challenge.body).toBe(200);
    expect(challenge.json()).toEqual({ kind: 'email', sentTo: `${user.email[0]}•••@example.test` });
    const code = await mfaCodeFor(t.ctx, user.email);
    const accepted = await verify(client, factorId, code);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().session.stage).toBe('active');

    const { client: again } = await startSignIn(t.app, user);
    expect(errorOf(await verify(again, factorId, code))).toMatchObject({ status: 400, code: 'mfa.code_invalid' });
  });

  it('takes an emailed code only in the half-signed-in session that asked for it', async () => {
    const { user, factorId } = await emailOnlyUser();
    const asking = await startSignIn(t.app, user);
    const other = await startSignIn(t.app, user);
    expect((await asking.client.post('/api/v1/sign-in/mfa/challenge', { factorId })).statusCode).toBe(200);
    const code = await mfaCodeFor(t.ctx, user.email);
    // Sent for the asking session: the other, signed in with the same password, cannot use it.
    expect(errorOf(await verify(other.client, factorId, code))).toMatchObject({ status: 400, code: 'mfa.code_invalid' });
    expect((await other.client.get('/api/v1/session')).json().session.stage).toBe('mfa');
    // A code asked for by the session itself works there.
    expect((await asking.client.post('/api/v1/sign-in/mfa/challenge', { factorId })).statusCode).toBe(200);
    const accepted = await verify(asking.client, factorId, await mfaCodeFor(t.ctx, user.email));
    expect(accepted.statusCode, accepted.body).toBe(200);
  });

  it('lets an emailed code lapse after 10 minutes', async () => {
    const { user, factorId } = await emailOnlyUser();
    const { client } = await startSignIn(t.app, user);

    await client.post('/api/v1/sign-in/mfa/challenge', { factorId });
    t.clock.advance({ minutes: 9, seconds: 59 });
    const inTime = await verify(client, factorId, await mfaCodeFor(t.ctx, user.email));
    expect(inTime.statusCode, inTime.body).toBe(200);

    const { client: again } = await startSignIn(t.app, user);
    await again.post('/api/v1/sign-in/mfa/challenge', { factorId });
    t.clock.advance({ minutes: 10 });
    expect(errorOf(await verify(again, factorId, await mfaCodeFor(t.ctx, user.email))).code).toBe('mfa.code_invalid');
  });

  it.each([
    ['sms', '+1 410 555 0142'],
    ['voice', '+1 (410) 555-0177'],
  ])('enrols a %s device through the outbox and signs in with its code', async (kind, phone) => {
    const user = await signedInUser(t.app, t.ctx, t.clock);
    const started = await user.client.post('/api/v1/mfa/factors', { kind, phone });
    expect(started.statusCode, started.body).toBe(201);
    expect(started.json().sentTo).toBe(`•••${phone.replace(/\D/g, '').slice(-4)}`);
    const enrolMessage = await lastMessageOf(t.ctx, phone, 'mfa.code');
    expect(enrolMessage.channel).toBe(kind);
    const factorId = started.json().factor.id as string;
    const confirmed = await user.client.post(`/api/v1/mfa/factors/${factorId}/confirm`, { code: await mfaCodeFor(t.ctx, phone) });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().recoveryCodes).toBeUndefined();

    const { client, factors } = await startSignIn(t.app, user);
    expect(factors.map((factor) => factor.kind).sort()).toEqual([kind, 'totp'].sort());
    // Unnamed devices carry no English default name: pages name them by kind, with the phone's last digits.
    const phoneFactor = (factors as unknown as { id: string; label: string; detail: string | null }[]).find(
      (f) => f.id === factorId,
    );
    expect(phoneFactor).toMatchObject({ label: '', detail: `•••${phone.replace(/\D/g, '').slice(-4)}` });
    expect((await client.post('/api/v1/sign-in/mfa/challenge', { factorId })).json()).toMatchObject({ kind });
    const rows = await t.ctx.database.db
      .selectFrom('outbox')
      .select('channel')
      .where('recipient', '=', phone)
      .where('template', '=', 'mfa.code')
      .execute();
    expect(rows.map((row) => row.channel)).toEqual([kind, kind]);
    const accepted = await verify(client, factorId, await mfaCodeFor(t.ctx, phone));
    expect(accepted.statusCode, accepted.body).toBe(200);
  });

  it('needs a phone number for a text or voice device', async () => {
    const user = await signedInUser(t.app, t.ctx, t.clock);
    const refused = await user.client.post('/api/v1/mfa/factors', { kind: 'sms' });
    expect(errorOf(refused)).toMatchObject({ status: 400, code: 'mfa.phone_required' });
  });

  it('gives ten different recovery codes with the first device; each signs in once', async () => {
    const user = await signedInUser(t.app, t.ctx, t.clock);
    expect(user.recoveryCodes).toHaveLength(10);
    expect(new Set(user.recoveryCodes).size).toBe(10);
    const [first, second] = user.recoveryCodes as [string, string];

    const one = await startSignIn(t.app, user);
    const used = await useRecoveryCode(one.client, first);
    expect(used.statusCode, used.body).toBe(200);
    expect(used.json().session.stage).toBe('active');

    const two = await startSignIn(t.app, user);
    expect(errorOf(await useRecoveryCode(two.client, first))).toMatchObject({ status: 400, code: 'mfa.code_invalid' });
    expect((await useRecoveryCode(two.client, second.toLowerCase())).statusCode).toBe(200);

    const list = await two.client.get('/api/v1/mfa/factors');
    expect(list.json().recoveryCodesRemaining).toBe(8);
  });

  it('stores recovery codes only as hashes keyed by the server, never a plain hash one could search offline', async () => {
    const user = await signedInUser(t.app, t.ctx, t.clock);
    for (const code of user.recoveryCodes.slice(0, 3)) {
      expect(await findInDatabase(t, code)).toEqual([]);
      expect(await findInDatabase(t, code.replace('-', ''))).toEqual([]);
      expect(await findInDatabase(t, legacyRecoveryCodeHash(code))).toEqual([]);
    }
  });

  it('still takes, once, a code stored in the earlier plain form, until a new set is made', async () => {
    const user = await signedInUser(t.app, t.ctx, t.clock);
    const userId = (await userRow(t.ctx, user.userId)).id;
    const earlier = 'ABCDE-12345';
    await t.ctx.database.db
      .insertInto('recovery_codes')
      .values({
        id: `legacy-${userId}`,
        user_id: userId,
        code_hash: legacyRecoveryCodeHash(earlier),
        used_at: null,
        created_at: t.clock.now().toISOString(),
      })
      .execute();
    const one = await startSignIn(t.app, user);
    expect((await useRecoveryCode(one.client, earlier)).statusCode).toBe(200);
    const two = await startSignIn(t.app, user);
    expect(errorOf(await useRecoveryCode(two.client, earlier)).code).toBe('mfa.code_invalid');
  });

  it('replaces every recovery code when a new set is made', async () => {
    const user = await signedInUser(t.app, t.ctx, t.clock);
    const made = await user.client.post('/api/v1/mfa/recovery-codes');
    expect(made.statusCode, made.body).toBe(200);
    const fresh = made.json().recoveryCodes as string[];
    expect(fresh).toHaveLength(10);
    expect(fresh.filter((code) => user.recoveryCodes.includes(code))).toEqual([]);
    expect((await user.client.get('/api/v1/mfa/factors')).json().recoveryCodesRemaining).toBe(10);

    const { client } = await startSignIn(t.app, user);
    expect(errorOf(await useRecoveryCode(client, user.recoveryCodes[0]!)).code).toBe('mfa.code_invalid');
    expect((await useRecoveryCode(client, fresh[0]!)).statusCode).toBe(200);
  });

  it('names an unnamed device by its kind in the reader’s language in the email that reports it', async () => {
    const user = await signedInUser(t.app, t.ctx, t.clock);
    const factors = (await user.client.get('/api/v1/mfa/factors')).json().factors as { label: string; detail: string | null }[];
    expect(factors).toEqual([expect.objectContaining({ kind: 'totp', label: '', detail: null })]);
    await t.ctx.database.db.updateTable('users').set({ language: 'es' }).where('user_id', '=', user.userId).execute();
    const started = await user.client.post('/api/v1/mfa/factors', { kind: 'totp' });
    const { factor, totp } = started.json() as { factor: { id: string }; totp: { secret: string } };
    t.clock.advance({ seconds: 30 });
    const confirmed = await user.client.post(`/api/v1/mfa/factors/${factor.id}/confirm`, {
      code: await totpAt(totp.secret, t.clock),
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const message = await lastMessageOf(t.ctx, user.email, 'mfa.factor_changed');
    expect(message.text).toContain('"Aplicación de autenticación"');
    expect(message.text).not.toContain('Authenticator app');
  });

  it('never removes the last device, and removes one of two', async () => {
    const { client, factorId: emailFactor } = await emailOnlyUser();
    const actions = async () =>
      Object.fromEntries(
        ((await client.get('/api/v1/mfa/factors')).json().factors as { id: string; allowedActions: string[] }[]).map((item) => [
          item.id,
          item.allowedActions,
        ]),
      );
    // The list offers what the server then accepts: nothing on the only device.
    expect(await actions()).toEqual({ [emailFactor]: [] });
    const last = await client.delete(`/api/v1/mfa/factors/${emailFactor}`);
    expect(errorOf(last)).toMatchObject({ status: 409, code: 'mfa.last_factor' });

    const started = await client.post('/api/v1/mfa/factors', { kind: 'totp', label: 'Phone app' });
    const { factor, totp } = started.json() as { factor: { id: string }; totp: { secret: string } };
    expect(
      (await client.post(`/api/v1/mfa/factors/${factor.id}/confirm`, { code: await totpAt(totp.secret, t.clock) })).statusCode,
    ).toBe(200);
    expect(await actions()).toEqual({ [emailFactor]: ['remove'], [factor.id]: ['remove'] });

    expect((await client.delete(`/api/v1/mfa/factors/${emailFactor}`)).statusCode).toBe(204);
    const remaining = (await client.get('/api/v1/mfa/factors')).json().factors as { id: string }[];
    expect(remaining.map((item) => item.id)).toEqual([factor.id]);
    expect(await actions()).toEqual({ [factor.id]: [] });
    expect(errorOf(await client.delete(`/api/v1/mfa/factors/${factor.id}`)).code).toBe('mfa.last_factor');
  });

  it('requires a device to be enrolled at the first sign-in before anything else', async () => {
    const { client } = await atEnrollment();
    expect(errorOf(await client.get('/api/v1/me'))).toMatchObject({ status: 401, code: 'auth.mfa_required' });
    expect(errorOf(await client.get('/api/v1/me/sessions'))).toMatchObject({ status: 401, code: 'auth.mfa_required' });
    expect(errorOf(await client.patch('/api/v1/me', { firstName: 'Changed' })).code).toBe('auth.mfa_required');

    const started = await client.post('/api/v1/mfa/factors', { kind: 'totp' });
    const { factor, totp } = started.json() as { factor: { id: string }; totp: { secret: string } };
    const wrongCode = (await totpAt(totp.secret, t.clock)) === '000000' ? '111111' : '000000';
    expect(errorOf(await client.post(`/api/v1/mfa/factors/${factor.id}/confirm`, { code: wrongCode })).code).toBe(
      'mfa.code_invalid',
    );
    expect(errorOf(await client.get('/api/v1/me')).code).toBe('auth.mfa_required');

    await client.post(`/api/v1/mfa/factors/${factor.id}/confirm`, { code: await totpAt(totp.secret, t.clock) });
    expect((await client.get('/api/v1/me')).statusCode).toBe(200);
  });

  it('allows nothing but the MFA step at stage mfa: no profile, no new device, no password change', async () => {
    const user = await signedInUser(t.app, t.ctx, t.clock);
    const { client } = await startSignIn(t.app, user);
    const refusals = [
      await client.get('/api/v1/me'),
      await client.get('/api/v1/me/sessions'),
      await client.get('/api/v1/mfa/factors'),
      await client.post('/api/v1/mfa/factors', { kind: 'totp' }),
      await client.post('/api/v1/mfa/recovery-codes'),
      await client.post('/api/v1/me/password', { currentPassword: user.password, newPassword: 'Another-Fine-Password-9' }),
      await client.patch('/api/v1/me', { firstName: 'Changed' }),
    ];
    for (const refused of refusals) expect(errorOf(refused)).toMatchObject({ status: 401, code: 'auth.mfa_required' });

    const id = (await userRow(t.ctx, user.userId)).id;
    const factors = await t.ctx.database.db.selectFrom('mfa_factors').select('id').where('user_id', '=', id).execute();
    expect(factors).toHaveLength(1);
    expect((await userRow(t.ctx, user.userId)).first_name).toBe(user.firstName);
  });

  it('keeps no authenticator-app secret in plain text anywhere in the database', async () => {
    const { client } = await atEnrollment();
    const started = await client.post('/api/v1/mfa/factors', { kind: 'totp' });
    const { factor, totp } = started.json() as { factor: { id: string }; totp: { secret: string; otpauthUri: string } };
    expect(totp.secret.length).toBeGreaterThanOrEqual(16);
    expect(totp.otpauthUri).toContain(totp.secret);
    await client.post(`/api/v1/mfa/factors/${factor.id}/confirm`, { code: await totpAt(totp.secret, t.clock) });

    const row = await t.ctx.database.db
      .selectFrom('mfa_factors')
      .selectAll()
      .where('id', '=', factor.id)
      .executeTakeFirstOrThrow();
    expect(row.secret_encrypted).toBeTruthy();
    expect(await findInDatabase(t, totp.secret)).toEqual([]);
    expect(await findInDatabase(t, totp.secret.toLowerCase())).toEqual([]);
    expect(await findInDatabase(t, Buffer.from(totp.secret).toString('base64'))).toEqual([]);
  });
});

describe('what the operator turned off is not offered', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { ROLECALL_MAIL_VIEWER: 'off', ROLECALL_GOV_BANNER: 'true' } });
  });
  afterAll(async () => t.close());

  it('refuses text and voice devices when no phone codes are configured, and says so to the pages', async () => {
    const visitor = await new ApiClient(t.app).start();
    const state = (await visitor.get('/api/v1/session')).json();
    expect(state.site).toEqual({ governmentBanner: true, mailViewer: false, phoneCodes: false });
    const user = await signedInUser(t.app, t.ctx, t.clock);
    for (const kind of ['sms', 'voice']) {
      const refused = await user.client.post('/api/v1/mfa/factors', { kind, phone: '+1 904 555 0100' });
      expect(errorOf(refused)).toMatchObject({ status: 400, code: 'mfa.kind_unavailable' });
    }
    const factors = (await user.client.get('/api/v1/mfa/factors')).json().factors as { kind: string }[];
    expect(factors.map((factor) => factor.kind)).toEqual(['totp']);
  });
});
