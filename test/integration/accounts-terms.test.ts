import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/api-client.js';
import {
  errorOf,
  registerVerifiedUser,
  signedInAdministrator,
  signedInUser,
  userRow,
  type RegisteredUser,
  type SignedInUser,
} from '../helpers/accounts.js';
import { createTestApp, type TestApp } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';

describe.each(testDialects())('terms and conditions on %s', (dialect) => {
  let t: TestApp;
  let admin: SignedInUser;
  beforeAll(async () => {
    t = await createTestApp({ dialect });
    admin = await signedInAdministrator(t.app, t.ctx, t.clock);
  });
  afterAll(async () => t.close());

  async function acceptances(user: RegisteredUser) {
    const id = (await userRow(t.ctx, user.userId)).id;
    return t.ctx.database.db
      .selectFrom('terms_acceptances')
      .innerJoin('terms_versions', 'terms_versions.id', 'terms_acceptances.terms_version_id')
      .select(['terms_versions.version', 'terms_acceptances.accepted_at', 'terms_acceptances.ip', 'terms_acceptances.user_agent'])
      .where('terms_acceptances.user_id', '=', id)
      .orderBy('terms_versions.version')
      .execute();
  }

  async function currentVersion(): Promise<number> {
    return (await t.app.inject({ method: 'GET', url: '/api/v1/terms/current' })).json().version as number;
  }

  const signIn = (client: ApiClient, user: RegisteredUser, body: Record<string, unknown>) =>
    client.post('/api/v1/sign-in', { userId: user.userId, password: user.password, ...body });

  it('refuses to sign in without "I agree to the terms and conditions", and opens no session', async () => {
    const user = await registerVerifiedUser(t.app, t.ctx);
    const client = await new ApiClient(t.app).start();
    const refused = await signIn(client, user, { acceptTerms: false });
    expect(errorOf(refused)).toMatchObject({ status: 400, code: 'sign_in.terms_required' });
    expect(client.cookie('rolecall_session')).toBeUndefined();
    const id = (await userRow(t.ctx, user.userId)).id;
    expect(await t.ctx.database.db.selectFrom('sessions').select('id').where('user_id', '=', id).execute()).toHaveLength(0);
    expect(await acceptances(user)).toHaveLength(0);
  });

  it('records the acceptance: version, time, address and browser', async () => {
    const user = await registerVerifiedUser(t.app, t.ctx);
    const client = await new ApiClient(t.app, { 'user-agent': 'Terms Browser/2.0' }).start();
    const version = await currentVersion();
    const accepted = await signIn(client, user, { acceptTerms: true, termsVersion: version });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(await acceptances(user)).toEqual([
      { version, accepted_at: t.clock.now().toISOString(), ip: '127.0.0.1', user_agent: 'Terms Browser/2.0' },
    ]);
  });

  it('gives the terms heading in the reader’s language', async () => {
    const client = await new ApiClient(t.app).start();
    const english = await client.get('/api/v1/terms/current');
    const spanish = await client.get('/api/v1/terms/current', { 'accept-language': 'es' });
    expect(english.json().title).toBe('Terms and conditions');
    expect(spanish.json().title).toBe('Términos y condiciones');
    expect(spanish.json().body).not.toBe(english.json().body);
  });

  it('lets only an administrator publish a new version', async () => {
    const user = await signedInUser(t.app, t.ctx, t.clock);
    const before = await currentVersion();
    const refused = await user.client.post('/api/v1/admin/terms', { title: 'Mine', bodyEn: 'Mine.', bodyEs: 'Mío.' });
    expect(errorOf(refused)).toMatchObject({ status: 403, code: 'auth.forbidden' });
    expect(await currentVersion()).toBe(before);
  });

  it('asks for a newly published version at the next sign-in, and records that acceptance too', async () => {
    const user = await registerVerifiedUser(t.app, t.ctx);
    const old = await currentVersion();
    expect((await signIn(await new ApiClient(t.app).start(), user, { acceptTerms: true, termsVersion: old })).statusCode).toBe(
      200,
    );

    const published = await admin.client.post('/api/v1/admin/terms', {
      title: 'Terms of use, revised',
      bodyEn: 'Revised terms.',
      bodyEs: 'Términos revisados.',
    });
    expect(published.statusCode, published.body).toBe(201);
    expect(published.json()).toMatchObject({ version: old + 1, title: 'Terms of use, revised', body: 'Revised terms.' });
    const spanish = await t.app.inject({ method: 'GET', url: '/api/v1/terms/current', headers: { 'accept-language': 'es' } });
    expect(spanish.json()).toMatchObject({ version: old + 1, body: 'Términos revisados.' });

    const client = await new ApiClient(t.app).start();
    const outdated = await signIn(client, user, { acceptTerms: true, termsVersion: old });
    expect(errorOf(outdated)).toMatchObject({ status: 409, code: 'sign_in.terms_outdated' });
    expect(client.cookie('rolecall_session')).toBeUndefined();
    expect((await acceptances(user)).map((row) => row.version)).toEqual([old]);

    t.clock.advance({ minutes: 1 });
    const accepted = await signIn(client, user, { acceptTerms: true, termsVersion: old + 1 });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const rows = await acceptances(user);
    expect(rows.map((row) => row.version)).toEqual([old, old + 1]);
    expect(rows[1]!.accepted_at).toBe(t.clock.now().toISOString());
  });
});
