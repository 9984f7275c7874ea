import * as oidcClient from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import { createContext, type AppContext } from '../../server/context.js';
import type { FastifyInstance } from 'fastify';
import { systemActor } from '../../server/shared/actor.js';
import { signedInUser, type SignedInUser } from '../helpers/accounts.js';
import { authorizationRequest, followRedirects } from '../helpers/oidc-flow.js';
import { createOrganization, grantRole, idOf, loadSpot } from '../helpers/organizations.js';
import { ownConnectionConfig } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/*
 * Two server processes on one database, behind one address, as a load balancer spreads an
 * application's calls: the provider keeps its state (codes, tokens, grants, keys) in the database,
 * so a code issued by one is exchanged at the other, and the tokens work wherever they land. The
 * second process is a context of its own, with its own connection, sharing only the database and
 * the secret key.
 */
describe.each(testDialects())('the OpenID Connect provider across processes on %s', (dialect) => {
  const redirectUri = 'https://spot.example.test/callback';
  let first: TestServer;
  let second: { ctx: AppContext; app: FastifyInstance };
  let config: oidcClient.Configuration;
  let credentials: string;
  let person: SignedInUser;

  beforeAll(async () => {
    first = await startTestServer({ dialect });
    const { roles, applicationId } = await loadSpot(first.ctx);
    const made = await first.ctx.oidc.clients.create(
      { ...systemActor },
      { applicationCode: 'SPOT', name: 'SPOT', kind: 'web', redirectUris: [redirectUri] },
    );
    credentials = `Basic ${Buffer.from(`${made.client.clientId}:${made.clientSecret}`).toString('base64')}`;
    config = await oidcClient.discovery(
      new URL(`${first.url}/oidc`),
      made.client.clientId,
      undefined,
      oidcClient.ClientSecretBasic(made.clientSecret),
      { execute: [oidcClient.allowInsecureRequests] },
    );
    person = await signedInUser(first.app, first.ctx, first.clock);
    await grantRole(
      first.ctx,
      await idOf(first.ctx, person.userId),
      roles.end_user!,
      (await createOrganization(first.ctx, applicationId)).id,
    );

    const secondContext = createContext(ownConnectionConfig(first), { clock: first.clock });
    second = { ctx: secondContext, app: await buildApp(secondContext) };
    await second.app.ready();
  });
  afterAll(async () => {
    await second?.app.close();
    await second?.ctx.close();
    await first.close();
  });

  /** A call to the second process, addressed as the shared address. */
  function atSecond(method: 'GET' | 'POST', path: string, headers: Record<string, string>, payload?: string) {
    return second.app.inject({ method, url: path, headers: { host: new URL(first.url).host, ...headers }, payload });
  }

  it('exchanges at one process a code the other issued, and each honours the other’s tokens', async () => {
    // The first process signs the person in and issues the code.
    const request = await authorizationRequest(config, redirectUri);
    const answer = await followRedirects(first.url, person.client, request.url);
    const code = new URL(answer.location!).searchParams.get('code')!;

    // The second one exchanges it.
    const form = { 'content-type': 'application/x-www-form-urlencoded', authorization: credentials };
    const exchanged = await atSecond(
      'POST',
      '/oidc/token',
      form,
      new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        code_verifier: request.verifier,
      }).toString(),
    );
    expect(exchanged.statusCode, exchanged.body).toBe(200);
    const tokens = exchanged.json() as { access_token: string; refresh_token: string; id_token: string };

    // The first one's JWKS verifies the ID token the second signed.
    const jwks = (await (await fetch(`${first.url}/oidc/jwks`)).json()) as { keys: { kid: string }[] };
    const kid = (JSON.parse(Buffer.from(tokens.id_token.split('.')[0]!, 'base64url').toString()) as { kid: string }).kid;
    expect(jwks.keys.map((key) => key.kid)).toContain(kid);

    // Userinfo at the first, refresh at the first, and the refreshed token at the second.
    const userinfo = await oidcClient.fetchUserInfo(config, tokens.access_token, oidcClient.skipSubjectCheck);
    expect(userinfo.preferred_username).toBe(person.userId);
    const refreshed = await oidcClient.refreshTokenGrant(config, tokens.refresh_token);
    const atTheOther = await atSecond('GET', '/oidc/me', { authorization: `Bearer ${refreshed.access_token}` });
    expect(atTheOther.statusCode, atTheOther.body).toBe(200);

    // The first refresh token was used: presenting it again at the second revokes the grant.
    const replayed = await atSecond(
      'POST',
      '/oidc/token',
      form,
      new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token }).toString(),
    );
    expect(replayed.json()).toMatchObject({ error: 'invalid_grant' });
    await expect(oidcClient.fetchUserInfo(config, refreshed.access_token, oidcClient.skipSubjectCheck)).rejects.toThrow();
  });
});
