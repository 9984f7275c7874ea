import * as oidcClient from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../server/shared/actor.js';
import { sha256Hex } from '../../server/shared/crypto.js';
import { KEY_SET_RELOAD_MS, PUBLISH_AHEAD_MS } from '../../server/modules/oidc/signing-keys.js';
import { addApplicationLikeSpot, loadSpot } from '../helpers/organizations.js';
import { testDialects } from '../helpers/test-database.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/*
 * The OpenID Connect provider as an application's back end meets it, through openid-client (an
 * independent relying party) over real HTTP: discovery, the published keys, the client
 * credentials grant, introspection and revocation; clients registered and their secrets kept
 * only as hashes; signing keys rotated.
 */
describe.each(testDialects())('the OpenID Connect provider on %s', (dialect) => {
  let server: TestServer;
  let issuer: URL;
  let service: { clientId: string; clientSecret: string };

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    await loadSpot(server.ctx);
    issuer = new URL(`${server.url}/oidc`);
    const made = await server.ctx.oidc.clients.create(
      { ...systemActor },
      { applicationCode: 'SPOT', name: 'SPOT back end', kind: 'service' },
    );
    service = { clientId: made.client.clientId, clientSecret: made.clientSecret };
  });
  afterAll(async () => server.close());

  /** The token endpoint's answer to a client credentials grant, read raw: status and error code. */
  async function grantWith(clientId: string, clientSecret: string): Promise<{ status: number; error?: string }> {
    const response = await fetch(`${server.url}/oidc/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    const body = (await response.json()) as { error?: string };
    return { status: response.status, error: body.error };
  }

  function configFor(clientId: string, clientSecret: string) {
    return oidcClient.discovery(issuer, clientId, undefined, oidcClient.ClientSecretBasic(clientSecret), {
      execute: [oidcClient.allowInsecureRequests],
    });
  }

  it('describes itself at its issuer: code flow with PKCE S256 only, refresh, client credentials', async () => {
    const config = await configFor(service.clientId, service.clientSecret);
    const metadata = config.serverMetadata();
    expect(metadata.issuer).toBe(`${server.url}/oidc`);
    expect(metadata.response_types_supported).toEqual(['code']);
    expect(metadata.code_challenge_methods_supported).toEqual(['S256']);
    expect(metadata.grant_types_supported).toEqual(
      expect.arrayContaining(['authorization_code', 'refresh_token', 'client_credentials']),
    );
    expect(metadata.introspection_endpoint).toBe(`${server.url}/oidc/token/introspection`);
    expect(metadata.revocation_endpoint).toBe(`${server.url}/oidc/token/revocation`);
    expect(metadata.end_session_endpoint).toBe(`${server.url}/oidc/session/end`);
    expect(metadata.scopes_supported).toEqual(expect.arrayContaining(['openid', 'roles', 'offline_access']));
    expect(metadata.id_token_signing_alg_values_supported).toEqual(['RS256']);
    // Only the secret's hash is kept: no method that uses the secret as a key.
    expect(metadata.token_endpoint_auth_methods_supported).toEqual(['client_secret_basic']);
  });

  it('publishes its public signing keys and nothing private', async () => {
    const response = await fetch(`${server.url}/oidc/jwks`);
    expect(response.status).toBe(200);
    const { keys } = (await response.json()) as { keys: Record<string, unknown>[] };
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
      expect(typeof key.kid).toBe('string');
      for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(key).not.toHaveProperty(secret);
    }
    const stored = await server.ctx.database.db.selectFrom('oidc_signing_keys').selectAll().execute();
    expect(stored.map((row) => row.kid).sort()).toEqual(keys.map((key) => key.kid).sort());
    for (const row of stored) expect(row.private_jwk_encrypted).toMatch(/^v1\./);
  });

  it('grants a service client a token, which introspection knows and revocation ends', async () => {
    const config = await configFor(service.clientId, service.clientSecret);
    const tokens = await oidcClient.clientCredentialsGrant(config);
    expect(tokens.token_type?.toLowerCase()).toBe('bearer');
    expect(tokens.expires_in).toBe(600);
    const active = await oidcClient.tokenIntrospection(config, tokens.access_token);
    expect(active).toMatchObject({ active: true, client_id: service.clientId, token_type: 'Bearer' });

    await oidcClient.tokenRevocation(config, tokens.access_token);
    expect(await oidcClient.tokenIntrospection(config, tokens.access_token)).toMatchObject({ active: false });
  });

  it('answers introspection about a token of the caller’s own application only', async () => {
    await addApplicationLikeSpot(server.ctx, 'OTHER');
    const made = async (applicationCode: string) => {
      const { client, clientSecret } = await server.ctx.oidc.clients.create(
        { ...systemActor },
        { applicationCode, name: `${applicationCode} reports`, kind: 'service' },
      );
      return configFor(client.clientId, clientSecret);
    };
    const [sameApplication, otherApplication] = await Promise.all([made('SPOT'), made('OTHER')]);
    const config = await configFor(service.clientId, service.clientSecret);
    const { access_token } = await oidcClient.clientCredentialsGrant(config);

    expect(await oidcClient.tokenIntrospection(sameApplication, access_token)).toMatchObject({
      active: true,
      client_id: service.clientId,
    });
    expect(await oidcClient.tokenIntrospection(otherApplication, access_token)).toEqual({ active: false });
    // The refusal told the other client nothing and changed nothing: the token still works.
    expect(await oidcClient.tokenIntrospection(config, access_token)).toMatchObject({ active: true });
  });

  it('refuses a wrong or replaced secret, and keeps only the secret’s hash', async () => {
    expect(await grantWith(service.clientId, `${service.clientSecret}x`)).toEqual({ status: 401, error: 'invalid_client' });
    expect(await grantWith(service.clientId, service.clientSecret)).toEqual({ status: 200 });

    const made = await server.ctx.oidc.clients.create(
      { ...systemActor },
      { applicationCode: 'SPOT', name: 'Reports', kind: 'service' },
    );
    const row = await server.ctx.database.db
      .selectFrom('oidc_clients')
      .selectAll()
      .where('client_id', '=', made.client.clientId)
      .executeTakeFirstOrThrow();
    expect(row.secret_hash).toBe(sha256Hex(made.clientSecret));
    expect(JSON.stringify(row)).not.toContain(made.clientSecret);

    const { clientSecret } = await server.ctx.oidc.clients.rotateSecret({ ...systemActor }, made.client.clientId);
    expect(await grantWith(made.client.clientId, made.clientSecret)).toEqual({ status: 401, error: 'invalid_client' });
    expect(await grantWith(made.client.clientId, clientSecret)).toEqual({ status: 200 });

    await server.ctx.oidc.clients.remove({ ...systemActor }, made.client.clientId);
    expect(await grantWith(made.client.clientId, clientSecret)).toEqual({ status: 401, error: 'invalid_client' });
    const actions = await server.ctx.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', made.client.clientId)
      .orderBy('seq')
      .execute();
    expect(actions.map((entry) => entry.action)).toEqual([
      'oidc_client.created',
      'oidc_client.secret_rotated',
      'oidc_client.deleted',
    ]);
  });

  it('refuses client settings that would send people somewhere unsafe, changing nothing', async () => {
    const before = await server.ctx.oidc.clients.list();
    const web = { applicationCode: 'SPOT', name: 'SPOT', kind: 'web' as const };
    for (const redirectUris of [
      [],
      ['http://spot.example.test/callback'],
      ['https://spot.example.test/callback#fragment'],
      ['spot.example.test/callback'],
      ['https://user:pass@spot.example.test/callback'],
    ]) {
      await expect(
        server.ctx.oidc.clients.create({ ...systemActor }, { ...web, redirectUris }),
        JSON.stringify(redirectUris),
      ).rejects.toMatchObject({
        code: 'oidc_client.invalid',
        details: { field: 'redirectUris' },
      });
    }
    await expect(
      server.ctx.oidc.clients.create(
        { ...systemActor },
        { applicationCode: 'SPOT', name: 'x', kind: 'service', redirectUris: ['https://a.test/cb'] },
      ),
    ).rejects.toMatchObject({ code: 'oidc_client.invalid' });
    await expect(
      server.ctx.oidc.clients.create({ ...systemActor }, { ...web, redirectUris: ['https://a.test/cb'], mfaMaxAgeMinutes: 0 }),
    ).rejects.toMatchObject({ code: 'oidc_client.invalid', details: { field: 'mfaMaxAgeMinutes' } });
    await expect(
      server.ctx.oidc.clients.create(
        { ...systemActor },
        { ...web, applicationCode: 'NOPE', redirectUris: ['https://a.test/cb'] },
      ),
    ).rejects.toMatchObject({ code: 'oidc_client.invalid', details: { field: 'applicationCode' } });
    expect(await server.ctx.oidc.clients.list()).toEqual(before);
    const local = await server.ctx.oidc.clients.create(
      { ...systemActor },
      { ...web, redirectUris: ['http://127.0.0.1:4000/callback'] },
    );
    expect(local.client.redirectUris).toEqual(['http://127.0.0.1:4000/callback']);
  });

  it('publishes a rotated key before signing with it, and keeps the old one published', async () => {
    const kids = async () => {
      const { keys } = (await (await fetch(`${server.url}/oidc/jwks`)).json()) as { keys: { kid: string }[] };
      return keys.map((key) => key.kid);
    };
    const [signing] = await kids();
    const { kid } = await server.ctx.oidc.signingKeys.rotate({ ...systemActor });
    // Every server reads the key set again within KEY_SET_RELOAD_MS.
    server.clock.advance({ ms: KEY_SET_RELOAD_MS });
    expect(await kids()).toEqual([signing, kid]);
    server.clock.advance({ ms: PUBLISH_AHEAD_MS });
    expect(await kids()).toEqual([kid, signing]);
    expect((await server.ctx.oidc.signingKeys.keySet()).signingKid).toBe(kid);
  });

  it('answers an unknown address under /oidc with a 404 of the provider’s, never the web app', async () => {
    const response = await fetch(`${server.url}/oidc/nothing-here`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type') ?? '').not.toContain('text/html');
  });

  it('removes expired codes and tokens in its sweep, and keeps the others', async () => {
    const db = server.ctx.database.db;
    const now = server.clock.now().getTime();
    await db
      .insertInto('oidc_payloads')
      .values([
        { type: 'AccessToken', id: 'expired-one', payload_json: '{}', expires_at: new Date(now - 1000).toISOString() },
        { type: 'AccessToken', id: 'still-valid', payload_json: '{}', expires_at: new Date(now + 60_000).toISOString() },
      ])
      .execute();
    const outcome = await server.ctx.scheduler.runNow('oidc.expired');
    expect(outcome).toMatchObject({ ran: true });
    const left = await db.selectFrom('oidc_payloads').select('id').where('id', 'in', ['expired-one', 'still-valid']).execute();
    expect(left.map((row) => row.id)).toEqual(['still-valid']);
  });
});
