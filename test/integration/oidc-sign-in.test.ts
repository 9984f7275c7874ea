import * as oidcClient from 'openid-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Role } from '../../server/modules/catalog/catalog.service.js';
import { NOT_ASSIGNED } from '../../server/modules/oidc/oidc.routes.js';
import { systemActor } from '../../server/shared/actor.js';
import { OTHER_GOOD_PASSWORD, signedInUser, signInWithTotp, type SignedInUser } from '../helpers/accounts.js';
import { ApiClient } from '../helpers/api-client.js';
import { authorizationRequest as requestAuthorization, followRedirects } from '../helpers/oidc-flow.js';
import { addApplicationLikeSpot, createOrganization, grantRole, loadSpot } from '../helpers/organizations.js';
import { testDialects } from '../helpers/test-database.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/*
 * An application signs a person in through Rolecall: the authorization code flow with PKCE,
 * driven by openid-client (an independent relying party) over real HTTP, while the person's
 * browser (cookies kept, redirects followed one by one) goes through Rolecall's own sign-in.
 */
describe.each(testDialects())('signing in to an application through Rolecall on %s', (dialect) => {
  const redirectUri = 'https://spot.example.test/callback';
  let server: TestServer;
  let roles: Record<string, Role>;
  let applicationId: string;
  let config: oidcClient.Configuration;
  let clientSecret: string;
  let holder: SignedInUser;
  let organization: { id: string; legalName: string; submitterId: string };

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    ({ roles, applicationId } = await loadSpot(server.ctx));
    const made = await server.ctx.oidc.clients.create(
      { ...systemActor },
      { applicationCode: 'SPOT', name: 'SPOT', kind: 'web', redirectUris: [redirectUri], postLogoutRedirectUris: [redirectUri] },
    );
    clientSecret = made.clientSecret;
    config = await oidcClient.discovery(
      new URL(`${server.url}/oidc`),
      made.client.clientId,
      undefined,
      oidcClient.ClientSecretBasic(clientSecret),
      {
        execute: [oidcClient.allowInsecureRequests],
      },
    );
    holder = await signedInUser(server.app, server.ctx, server.clock);
    organization = await createOrganization(server.ctx, applicationId);
    await grantRole(server.ctx, await idOfUser(holder.userId), roles.end_user!, organization.id);
  });
  afterAll(async () => server.close());

  async function idOfUser(userId: string): Promise<string> {
    const row = await server.ctx.database.db
      .selectFrom('users')
      .select('id')
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    return row.id;
  }

  const authorizationRequest = (extra: Record<string, string> = {}) => requestAuthorization(config, redirectUri, extra);
  const follow = (browser: ApiClient, start: URL | string) => followRedirects(server.url, browser, start);

  it('signs a signed-in person in without a password, tells the application their roles, refreshes and ends', async () => {
    const request = await authorizationRequest();
    const answer = await follow(holder.client, request.url);
    expect(answer.location, answer.visited.join(' → ')).toMatch(/^https:\/\/spot\.example\.test\/callback\?code=/);

    const tokens = await oidcClient.authorizationCodeGrant(config, new URL(answer.location!), {
      pkceCodeVerifier: request.verifier,
      expectedState: request.state,
      expectedNonce: request.nonce,
    });
    const claims = tokens.claims()!;
    const holderId = await idOfUser(holder.userId);
    expect(claims.sub).toBe(holderId);
    expect(claims.acr).toBe('urn:rolecall:acr:mfa');
    expect(claims.amr).toEqual(['pwd', 'mfa', 'otp']);
    expect(claims.auth_time).toBeTypeOf('number');

    // The profile, email and roles come from userinfo, as the ID token of a code flow leaves them
    // (OpenID Connect Core 5.4).
    const userinfo = await oidcClient.fetchUserInfo(config, tokens.access_token, holderId);
    expect(userinfo).toMatchObject({
      sub: holderId,
      preferred_username: holder.userId,
      email: holder.email,
      email_verified: true,
    });
    expect(userinfo.roles).toEqual([
      {
        role: 'end_user',
        organization: { id: organization.id, name: organization.legalName, submitterId: organization.submitterId },
      },
    ]);

    // Refresh tokens rotate: each use gives a new one.
    expect(tokens.refresh_token).toBeTruthy();
    const refreshed = await oidcClient.refreshTokenGrant(config, tokens.refresh_token!);
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);

    // With their last role removed the person is no longer a user of the application: userinfo
    // refuses the token and the refresh token is refused, until a role is granted again.
    const [assignment] = await server.ctx.assignments.activeInApplication(server.ctx.database.db, holderId, applicationId);
    await server.ctx.assignments.remove(
      { ...systemActor },
      await server.ctx.accounts.getUser(server.ctx.database.db, holderId),
      assignment!.id,
      'No longer needed',
    );
    const userinfoUrl = `${server.url}/oidc/me`;
    const refused = await fetch(userinfoUrl, { headers: { authorization: `Bearer ${refreshed.access_token}` } });
    expect(refused.status).toBe(401);
    const refusedRefresh = await fetch(`${server.url}/oidc/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${config.clientMetadata().client_id}:${clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshed.refresh_token! }),
    });
    expect(refusedRefresh.status).toBe(400);
    expect(await refusedRefresh.json()).toMatchObject({ error: 'invalid_grant' });
    await grantRole(server.ctx, holderId, roles.end_user!, organization.id);
    const after = await oidcClient.fetchUserInfo(config, refreshed.access_token, holderId);
    expect(after.roles).toHaveLength(1);

    // A used refresh token presented again means it was stolen: it is refused, and everything
    // issued under the same grant is revoked with it.
    await expect(oidcClient.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect(await oidcClient.tokenIntrospection(config, refreshed.access_token)).toMatchObject({ active: false });
    await expect(oidcClient.refreshTokenGrant(config, refreshed.refresh_token!)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('refuses a code used twice and revokes what the first use issued', async () => {
    const request = await authorizationRequest();
    const answer = await follow(holder.client, request.url);
    const callback = new URL(answer.location!);
    const checks = { pkceCodeVerifier: request.verifier, expectedState: request.state, expectedNonce: request.nonce };
    const tokens = await oidcClient.authorizationCodeGrant(config, callback, checks);
    expect(await oidcClient.tokenIntrospection(config, tokens.access_token)).toMatchObject({ active: true });

    await expect(oidcClient.authorizationCodeGrant(config, callback, checks)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect(await oidcClient.tokenIntrospection(config, tokens.access_token)).toMatchObject({ active: false });
  });

  it('refuses a PKCE verifier that does not match, and a request without PKCE', async () => {
    const request = await authorizationRequest();
    const answer = await follow(holder.client, request.url);
    await expect(
      oidcClient.authorizationCodeGrant(config, new URL(answer.location!), {
        pkceCodeVerifier: oidcClient.randomPKCECodeVerifier(),
        expectedState: request.state,
        expectedNonce: request.nonce,
      }),
    ).rejects.toMatchObject({ error: 'invalid_grant' });

    const withoutPkce = new URL(request.url);
    withoutPkce.searchParams.delete('code_challenge');
    withoutPkce.searchParams.delete('code_challenge_method');
    const refused = await follow(holder.client, withoutPkce);
    expect(refused.location).toMatch(/^https:\/\/spot\.example\.test\/callback\?error=invalid_request/);
    const plain = new URL(request.url);
    plain.searchParams.set('code_challenge_method', 'plain');
    expect((await follow(holder.client, plain)).location).toMatch(
      /^https:\/\/spot\.example\.test\/callback\?error=invalid_request/,
    );
  });

  it('never sends anyone to a redirect URI that was not registered', async () => {
    for (const uri of [
      'https://evil.example.test/callback',
      'https://spot.example.test/callback/other',
      'https://spot.example.test/callback?x=1',
    ]) {
      const request = await authorizationRequest({ redirect_uri: uri });
      const response = await holder.client.get(`${request.url.pathname}${request.url.search}`, { accept: 'text/html' });
      expect(response.statusCode, uri).toBe(400);
      expect(response.headers.location, uri).toBeUndefined();
      expect(response.body, uri).not.toContain('evil.example');
      // The person is told, on a page of their own language; a program gets the protocol's JSON.
      expect(response.headers['content-type'], uri).toContain('text/html');
      expect(response.body).toContain('<h1>Sign-in could not continue</h1>');
      expect(response.body).toContain('invalid_redirect_uri');
    }
    const request = await authorizationRequest({ redirect_uri: 'https://evil.example.test/callback' });
    const path = `${request.url.pathname}${request.url.search}`;
    const spanish = await holder.client.get(path, { accept: 'text/html', 'accept-language': 'es-US,es;q=0.9' });
    expect(spanish.body).toContain('<html lang="es"');
    expect(spanish.body).toContain('<h1>No se pudo continuar con el inicio de sesión</h1>');
    const program = await holder.client.get(path, { accept: 'application/json' });
    expect(program.statusCode).toBe(400);
    expect(program.json()).toMatchObject({ error: 'invalid_redirect_uri' });
  });

  it('sends a person who is not signed in to Rolecall’s sign-in, coming back to the same request', async () => {
    const request = await authorizationRequest();
    const visitor = await new ApiClient(server.app).start();
    const answer = await follow(visitor, request.url);
    // The last address is the web app's sign-in page (served when the web app is built).
    const last = answer.visited.at(-1)!;
    expect(last).toMatch(/^\/sign-in\?returnTo=%2Foidc%2Finteraction%2F[A-Za-z0-9_-]+$/);
  });

  it('tells a person with no role in the application so, and the application access_denied', async () => {
    const stranger = await signedInUser(server.app, server.ctx, server.clock);
    const request = await authorizationRequest();
    const answer = await follow(stranger.client, request.url);
    const page = new URL(answer.visited.at(-1)!, server.url);
    expect(page.pathname).toBe('/sign-in/not-assigned');
    expect(page.searchParams.get('application')).toBe('SPOT');
    const back = page.searchParams.get('returnTo')!;
    expect(back).toMatch(/^\/oidc\/interaction\/[A-Za-z0-9_-]+\/abort$/);

    const returned = await follow(stranger.client, back);
    const callback = new URL(returned.location!);
    expect(`${callback.origin}${callback.pathname}`).toBe(redirectUri);
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('error_description')).toBe(NOT_ASSIGNED);
    expect(callback.searchParams.get('state')).toBe(request.state);
  });

  it('tells a browser coming back to an expired sign-in request so on a page, in its language', async () => {
    const page = await holder.client.get('/oidc/interaction/expired-request', { accept: 'text/html', 'accept-language': 'es' });
    expect(page.statusCode).toBe(400);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('Esta solicitud de inicio de sesión venció.');
    expect(page.body).toContain('<html lang="es"');
    const json = await holder.client.get('/oidc/interaction/expired-request', { accept: 'application/json' });
    expect(json.statusCode).toBe(400);
    expect(json.json()).toMatchObject({ error: { code: 'oidc.interaction_expired' } });
  });

  it('tells a client of another application that application’s roles only, and records that sign-in there', async () => {
    await addApplicationLikeSpot(server.ctx, 'OTHER');
    const other = await server.ctx.catalog.getApplication('OTHER');
    const otherOrganization = await createOrganization(server.ctx, other.id);
    const made = await server.ctx.oidc.clients.create(
      { ...systemActor },
      { applicationCode: 'OTHER', name: 'Other', kind: 'web', redirectUris: [redirectUri] },
    );
    const otherConfig = await oidcClient.discovery(
      new URL(`${server.url}/oidc`),
      made.client.clientId,
      undefined,
      oidcClient.ClientSecretBasic(made.clientSecret),
      { execute: [oidcClient.allowInsecureRequests] },
    );
    const person = await signedInUser(server.app, server.ctx, server.clock);
    const personId = await idOfUser(person.userId);
    await grantRole(server.ctx, personId, roles.end_user!, organization.id);
    await grantRole(
      server.ctx,
      personId,
      other.roles.find((role) => role.code === 'approver')!,
      otherOrganization.id,
    );

    const request = await requestAuthorization(otherConfig, redirectUri, { prompt: '' });
    const answer = await follow(person.client, request.url);
    const tokens = await oidcClient.authorizationCodeGrant(otherConfig, new URL(answer.location!), {
      pkceCodeVerifier: request.verifier,
      expectedState: request.state,
      expectedNonce: request.nonce,
    });
    const userinfo = await oidcClient.fetchUserInfo(otherConfig, tokens.access_token, personId);
    expect(userinfo.roles).toEqual([
      {
        role: 'approver',
        organization: {
          id: otherOrganization.id,
          name: otherOrganization.legalName,
          submitterId: otherOrganization.submitterId,
        },
      },
    ]);
    await vi.waitFor(async () =>
      expect(
        await server.ctx.usage.lastSignIns(server.ctx.database.db, [
          { userId: personId, applicationId: other.id },
          { userId: personId, applicationId },
        ]),
      ).toEqual(new Map([[`${personId} ${other.id}`, server.clock.now().toISOString()]])),
    );
  });

  it('records each sign-in to the application for certifiers, audited as the person', async () => {
    const person = await signedInUser(server.app, server.ctx, server.clock);
    const personId = await idOfUser(person.userId);
    await grantRole(server.ctx, personId, roles.end_user!, organization.id);
    const lastSignIn = async () =>
      (await server.ctx.usage.lastSignIns(server.ctx.database.db, [{ userId: personId, applicationId }])).get(
        `${personId} ${applicationId}`,
      );
    expect(await lastSignIn()).toBeUndefined();
    const answer = await follow(person.client, (await authorizationRequest()).url);
    expect(answer.location).toMatch(/callback\?code=/);
    // Recorded beside the answer to the browser: it is there by the time the application asks.
    await vi.waitFor(async () => expect(await lastSignIn()).toBe(server.clock.now().toISOString()));
    const entries = await server.ctx.database.db
      .selectFrom('audit_log')
      .select(['actor_id', 'target_id'])
      .where('action', '=', 'application.signed_in')
      .where('actor_id', '=', personId)
      .execute();
    expect(entries).toEqual([{ actor_id: personId, target_id: applicationId }]);
  });

  it('refuses the next sign-in of a person whose last role was removed since the first, though no page is shown', async () => {
    const person = await signedInUser(server.app, server.ctx, server.clock);
    const personId = await idOfUser(person.userId);
    const granted = await grantRole(server.ctx, personId, roles.end_user!, organization.id);
    const first = await authorizationRequest({ prompt: '' });
    const signedIn = await follow(person.client, first.url);
    expect(signedIn.location, signedIn.visited.join(' → ')).toMatch(/callback\?code=/);
    // The provider now has a session and a grant for this person: a second request goes straight
    // back to the application with a code, unless the role is checked again.
    const again = await follow(person.client, (await authorizationRequest({ prompt: '' })).url);
    expect(again.location).toMatch(/callback\?code=/);

    await server.ctx.assignments.remove(
      { ...systemActor },
      await server.ctx.accounts.getUser(server.ctx.database.db, personId),
      granted.id,
      'Left the practice',
    );
    const request = await authorizationRequest({ prompt: '' });
    const answer = await follow(person.client, request.url);
    const page = new URL(answer.visited.at(-1)!, server.url);
    expect(page.pathname, answer.visited.join(' → ')).toBe('/sign-in/not-assigned');
    const returned = await follow(person.client, page.searchParams.get('returnTo')!);
    expect(new URL(returned.location!).searchParams.get('error')).toBe('access_denied');
  });

  /** Signs the browser's person in to the application; the tokens it is given. */
  async function tokensFor(browser: ApiClient) {
    const request = await authorizationRequest();
    const answer = await follow(browser, request.url);
    expect(answer.location, answer.visited.join(' → ')).toMatch(/callback\?code=/);
    return oidcClient.authorizationCodeGrant(config, new URL(answer.location!), {
      pkceCodeVerifier: request.verifier,
      expectedState: request.state,
      expectedNonce: request.nonce,
    });
  }

  /** Whether what the application holds still works: its access token and its refresh token. */
  async function stillWorks(tokens: oidcClient.TokenEndpointResponse) {
    const introspection = await oidcClient.tokenIntrospection(config, tokens.access_token);
    const refresh = await oidcClient.refreshTokenGrant(config, tokens.refresh_token!).then(
      () => 'refreshed',
      (error: { error?: string }) => error.error,
    );
    return { accessToken: introspection.active, refresh };
  }

  it('ends what the applications hold when the person signs out of Rolecall, and asks for Rolecall’s sign-in again', async () => {
    const person = await signedInUser(server.app, server.ctx, server.clock);
    await grantRole(server.ctx, await idOfUser(person.userId), roles.end_user!, organization.id);
    const tokens = await tokensFor(person.client);
    // Still signed in to Rolecall, a new request goes straight back with a code.
    const again = await follow(person.client, (await authorizationRequest({ prompt: '' })).url);
    expect(again.location, again.visited.join(' → ')).toMatch(/callback\?code=/);

    expect((await person.client.delete('/api/v1/session')).statusCode).toBe(204);
    expect(await stillWorks(tokens)).toEqual({ accessToken: false, refresh: 'invalid_grant' });
    const userinfo = await fetch(`${server.url}/oidc/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(userinfo.status).toBe(401);
    // The provider's own session (its cookie is still in the browser) no longer signs anyone in:
    // the person is sent to Rolecall's sign-in, coming back to the request.
    const request = await authorizationRequest({ prompt: '' });
    const answer = await follow(person.client, request.url);
    expect(answer.location, answer.visited.join(' → ')).toBeUndefined();
    expect(new URL(answer.visited.at(-1)!, server.url).pathname).toBe('/sign-in');
  });

  it('signs no one in on the provider’s memory alone: without a Rolecall session the browser is sent to sign in', async () => {
    const person = await signedInUser(server.app, server.ctx, server.clock);
    await grantRole(server.ctx, await idOfUser(person.userId), roles.end_user!, organization.id);
    await tokensFor(person.client);
    person.client.forgetCookie('rolecall_session');
    const answer = await follow(person.client, (await authorizationRequest({ prompt: '' })).url);
    expect(answer.location, answer.visited.join(' → ')).toBeUndefined();
    expect(new URL(answer.visited.at(-1)!, server.url).pathname).toBe('/sign-in');
  });

  it('ends the applications’ tokens from the person’s other sessions when the password changes, and keeps this one’s', async () => {
    const person = await signedInUser(server.app, server.ctx, server.clock);
    await grantRole(server.ctx, await idOfUser(person.userId), roles.end_user!, organization.id);
    // A password may be changed once a day: a day later, two browsers sign in.
    server.clock.advance({ hours: 24 });
    const here = await signInWithTotp(server.app, server.clock, person);
    const elsewhere = await signInWithTotp(server.app, server.clock, person);
    const tokensHere = await tokensFor(here);
    const tokensElsewhere = await tokensFor(elsewhere);

    const changed = await here.post('/api/v1/me/password', {
      currentPassword: person.password,
      newPassword: OTHER_GOOD_PASSWORD,
    });
    expect(changed.statusCode, changed.body).toBe(204);
    expect(await stillWorks(tokensElsewhere)).toEqual({ accessToken: false, refresh: 'invalid_grant' });
    expect(await stillWorks(tokensHere)).toEqual({ accessToken: true, refresh: 'refreshed' });
    const grants = await server.ctx.database.db
      .selectFrom('oidc_session_grants')
      .innerJoin('sessions', 'sessions.id', 'oidc_session_grants.session_id')
      .select('sessions.ended_at')
      .where('sessions.user_id', '=', await idOfUser(person.userId))
      .execute();
    expect(grants).toEqual([{ ended_at: null }]);
  });

  it('signs the person out of Rolecall too when the application signs them out, after asking', async () => {
    const person = await signedInUser(server.app, server.ctx, server.clock);
    await grantRole(server.ctx, await idOfUser(person.userId), roles.end_user!, organization.id);
    const request = await authorizationRequest();
    const answer = await follow(person.client, request.url);
    const tokens = await oidcClient.authorizationCodeGrant(config, new URL(answer.location!), {
      pkceCodeVerifier: request.verifier,
      expectedState: request.state,
      expectedNonce: request.nonce,
    });
    const host = new URL(server.url).host;
    const endUrl = oidcClient.buildEndSessionUrl(config, {
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: redirectUri,
      state: 'after-sign-out',
    });
    const question = await person.client.get(`${endUrl.pathname}${endUrl.search}`, { accept: 'text/html', host });
    expect(question.statusCode).toBe(200);
    expect(question.body).toContain('<h1>Sign out of Rolecall?</h1>');
    // Either button ends in a redirect to the application, which a browser holds to form-action:
    // the page allows the application's sign-out site, and changes nothing else of the policy.
    const policy = (value: unknown) =>
      new Map(
        String(value)
          .split(';')
          .map((directive) => [directive.split(' ')[0], directive]),
      );
    const questionPolicy = policy(question.headers['content-security-policy']);
    const usualPolicy = policy((await person.client.get('/healthz')).headers['content-security-policy']);
    expect(questionPolicy.get('form-action')).toBe("form-action 'self' https://spot.example.test");
    expect([...questionPolicy].filter(([name]) => name !== 'form-action')).toEqual(
      [...usualPolicy].filter(([name]) => name !== 'form-action'),
    );
    const action = /<form[^>]*action="([^"]+)"/.exec(question.body)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(question.body)?.[1];
    expect(action && xsrf).toBeTruthy();

    const confirmed = await person.client.request('POST', new URL(action!, server.url).pathname, `xsrf=${xsrf}&logout=yes`, {
      'content-type': 'application/x-www-form-urlencoded',
      host,
    });
    expect(confirmed.statusCode).toBe(303);
    expect(confirmed.headers.location).toBe(`${redirectUri}?state=after-sign-out`);
    // The Rolecall session ended with it: the browser's cookie is cleared and the session closed.
    expect(person.client.cookie('rolecall_session')).toBeUndefined();
    const personId = await idOfUser(person.userId);
    const openSessions = async () =>
      (
        await server.ctx.database.db
          .selectFrom('sessions')
          .select('id')
          .where('user_id', '=', personId)
          .where('ended_at', 'is', null)
          .execute()
      ).length;
    await expect.poll(openSessions).toBe(0);
    const reasons = await server.ctx.database.db
      .selectFrom('sessions')
      .select('end_reason')
      .where('user_id', '=', personId)
      .execute();
    expect(reasons.map((row) => row.end_reason)).toContain('signed_out');
  });
});
