import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../server/shared/crypto.js';
import { ApiClient } from '../helpers/api-client.js';
import { addApplicationLikeSpot, idOf, loadSpot } from '../helpers/organizations.js';
import { signedInAdministrator, signedInUser, type SignedInUser } from '../helpers/accounts.js';
import { createTestApp, type TestApp } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';

/*
 * Administrators manage the applications' clients through the API, as `rolecall client …` does
 * from the command line: each change audited with the administrator as its actor; nobody else
 * may read or change them.
 */
describe.each(testDialects())('the clients API on %s', (dialect) => {
  let t: TestApp;
  let admin: SignedInUser;
  let someone: SignedInUser;

  beforeAll(async () => {
    t = await createTestApp({ dialect });
    await loadSpot(t.ctx);
    admin = await signedInAdministrator(t.app, t.ctx, t.clock);
    someone = await signedInUser(t.app, t.ctx, t.clock);
  });
  afterAll(async () => t.close());

  const web = {
    applicationCode: 'SPOT',
    name: 'SPOT',
    kind: 'web',
    redirectUris: ['https://spot.example.test/callback'],
    mfaMaxAgeMinutes: 15,
  };

  it('registers, lists, re-keys and removes a client, each audited with the administrator as actor', async () => {
    const created = await admin.client.post('/api/v1/admin/clients', web);
    expect(created.statusCode, created.body).toBe(201);
    const { client, clientSecret } = created.json() as { client: { clientId: string }; clientSecret: string };
    expect(client).toMatchObject({ applicationCode: 'SPOT', kind: 'web', mfaMaxAgeMinutes: 15, redirectUris: web.redirectUris });
    const row = await t.ctx.database.db
      .selectFrom('oidc_clients')
      .selectAll()
      .where('client_id', '=', client.clientId)
      .executeTakeFirstOrThrow();
    expect(row.secret_hash).toBe(sha256Hex(clientSecret));

    const listed = await admin.client.get('/api/v1/admin/clients');
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items.map((item: { clientId: string }) => item.clientId)).toContain(client.clientId);
    expect(listed.body).not.toContain(clientSecret);
    expect(listed.body).not.toContain(row.secret_hash);

    const rotated = await admin.client.post(`/api/v1/admin/clients/${client.clientId}/rotate-secret`);
    expect(rotated.statusCode).toBe(200);
    expect(rotated.json().clientSecret).not.toBe(clientSecret);

    const removed = await admin.client.delete(`/api/v1/admin/clients/${client.clientId}`);
    expect(removed.statusCode).toBe(204);
    expect((await admin.client.get('/api/v1/admin/clients')).json().items).toEqual([]);
    expect((await admin.client.delete(`/api/v1/admin/clients/${client.clientId}`)).statusCode).toBe(404);

    const adminId = await idOf(t.ctx, admin.userId);
    const entries = await t.ctx.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('target_id', '=', client.clientId)
      .orderBy('seq')
      .execute();
    expect(entries).toEqual([
      { action: 'oidc_client.created', actor_id: adminId },
      { action: 'oidc_client.secret_rotated', actor_id: adminId },
      { action: 'oidc_client.deleted', actor_id: adminId },
    ]);
  });

  it('refuses anyone but an administrator, and a visitor, changing nothing', async () => {
    const made = await admin.client.post('/api/v1/admin/clients', {
      ...web,
      kind: 'service',
      redirectUris: [],
      mfaMaxAgeMinutes: null,
    });
    expect(made.statusCode, made.body).toBe(201);
    const clientId = made.json().client.clientId as string;
    const visitor = await new ApiClient(t.app).start();
    for (const [person, status, code] of [
      [someone.client, 403, 'auth.forbidden'],
      [visitor, 401, 'auth.required'],
    ] as const) {
      for (const response of [
        await person.get('/api/v1/admin/clients'),
        await person.post('/api/v1/admin/clients', web),
        await person.post(`/api/v1/admin/clients/${clientId}/rotate-secret`),
        await person.delete(`/api/v1/admin/clients/${clientId}`),
      ]) {
        expect(response.statusCode, response.body).toBe(status);
        expect(response.json().error.code).toBe(code);
      }
    }
    const listed = (await admin.client.get('/api/v1/admin/clients')).json().items as { clientId: string }[];
    expect(listed.map((item) => item.clientId)).toEqual([clientId]);
    await admin.client.delete(`/api/v1/admin/clients/${clientId}`);
  });

  it('refuses settings that are not valid with a code naming the field, and an unknown application', async () => {
    const noRedirect = await admin.client.post('/api/v1/admin/clients', { ...web, redirectUris: [] });
    expect(noRedirect.statusCode).toBe(400);
    expect(noRedirect.json().error).toMatchObject({ code: 'oidc_client.invalid', details: { field: 'redirectUris' } });
    const plainHttp = await admin.client.post('/api/v1/admin/clients', { ...web, redirectUris: ['http://spot.example.test/cb'] });
    expect(plainHttp.json().error.code).toBe('oidc_client.invalid');
    const unknownKind = await admin.client.post('/api/v1/admin/clients', { ...web, kind: 'spa' });
    expect(unknownKind.json().error.code).toBe('request.invalid');
    const unknownApplication = await admin.client.post('/api/v1/admin/clients', { ...web, applicationCode: 'NOPE' });
    expect(unknownApplication.statusCode).toBe(400);
    expect(unknownApplication.json().error).toMatchObject({
      code: 'oidc_client.invalid',
      details: { field: 'applicationCode' },
    });
    // An application taken out of service (no page lists it) takes no new client either.
    await addApplicationLikeSpot(t.ctx, 'OLD');
    await t.ctx.database.db.updateTable('applications').set({ status: 'retired' }).where('code', '=', 'OLD').execute();
    const retired = await admin.client.post('/api/v1/admin/clients', { ...web, applicationCode: 'OLD' });
    expect(retired.json().error).toMatchObject({ code: 'oidc_client.invalid', details: { field: 'applicationCode' } });
    expect((await admin.client.get('/api/v1/admin/clients')).json().items).toEqual([]);
  });
});
