import * as oidcClient from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/modules/catalog/catalog.service.js';
import { systemActor } from '../../server/shared/actor.js';
import { auditEntries, signedInUser, totpAt, type SignedInUser } from '../helpers/accounts.js';
import { authorizationRequest, followRedirects } from '../helpers/oidc-flow.js';
import { createOrganization, grantRole, idOf, loadSpot } from '../helpers/organizations.js';
import { testDialects } from '../helpers/test-database.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/*
 * A person already signed in to Rolecall is asked for their MFA device again (not their
 * password) when the application wants a fresher sign-in: a client registered with an MFA limit,
 * a request's max_age, or prompt=login. The provider keeps real time, so this server's clock is
 * set to it: each person signs in "minutes ago" by setting the clock back, then it is set to now.
 */
describe.each(testDialects())('a fresh second factor for an application on %s', (dialect) => {
  const redirectUri = 'https://spot.example.test/callback';
  let server: TestServer;
  let roles: Record<string, Role>;
  let organizationId: string;
  /** A client that wants MFA within 15 minutes, and one that sets no limit. */
  let strict: oidcClient.Configuration;
  let lenient: oidcClient.Configuration;

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    server.clock.set(new Date());
    const spot = await loadSpot(server.ctx);
    roles = spot.roles;
    organizationId = (await createOrganization(server.ctx, spot.applicationId)).id;
    const configure = async (mfaMaxAgeMinutes: number | null) => {
      const { client, clientSecret } = await server.ctx.oidc.clients.create(
        { ...systemActor },
        { applicationCode: 'SPOT', name: 'SPOT', kind: 'web', redirectUris: [redirectUri], mfaMaxAgeMinutes },
      );
      return oidcClient.discovery(
        new URL(`${server.url}/oidc`),
        client.clientId,
        undefined,
        oidcClient.ClientSecretBasic(clientSecret),
        {
          execute: [oidcClient.allowInsecureRequests],
        },
      );
    };
    [strict, lenient] = await Promise.all([configure(15), configure(null)]);
  });
  afterAll(async () => server.close());

  /** Someone with a SPOT role, who signed in (password and device) `minutesAgo` minutes ago. */
  async function personSignedIn(minutesAgo: number): Promise<SignedInUser> {
    server.clock.set(new Date(Date.now() - minutesAgo * 60_000));
    const person = await signedInUser(server.app, server.ctx, server.clock);
    await grantRole(server.ctx, await idOf(server.ctx, person.userId), roles.end_user!, organizationId);
    server.clock.set(new Date());
    return person;
  }

  /** The person's browser goes from the application to Rolecall; where does it end up? */
  async function startSignIn(config: oidcClient.Configuration, person: SignedInUser, extra: Record<string, string> = {}) {
    const request = await authorizationRequest(config, redirectUri, { prompt: '', ...extra });
    const answer = await followRedirects(server.url, person.client, request.url);
    return { request, answer };
  }

  /** On the MFA step: the session's device, verified with a code of the current time, and on to `returnTo`. */
  async function verifyDeviceAndGoOn(person: SignedInUser, returnTo: string) {
    const state = await person.client.get('/api/v1/session');
    expect(state.json().session.stage).toBe('mfa');
    const factor = (state.json().session.factors as { id: string; kind: string }[]).find((item) => item.kind === 'totp')!;
    const verified = await person.client.post('/api/v1/sign-in/mfa/verify', {
      factorId: factor.id,
      code: await totpAt(person.totpSecret, server.clock),
    });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json().session.stage).toBe('active');
    return followRedirects(server.url, person.client, returnTo);
  }

  async function tokensFrom(
    config: oidcClient.Configuration,
    location: string | undefined,
    request: Awaited<ReturnType<typeof authorizationRequest>>,
  ) {
    expect(location).toMatch(/^https:\/\/spot\.example\.test\/callback\?code=/);
    return oidcClient.authorizationCodeGrant(config, new URL(location!), {
      pkceCodeVerifier: request.verifier,
      expectedState: request.state,
      expectedNonce: request.nonce,
    });
  }

  /** Where the MFA step sends the person back to, from the redirect to it. */
  function mfaStepReturn(visited: readonly string[]): string {
    const step = visited.find((path) => path.startsWith('/sign-in/mfa?'));
    expect(step, visited.join(' → ')).toBeDefined();
    const returnTo = new URL(step!, server.url).searchParams.get('returnTo') ?? '';
    expect(returnTo).toMatch(/^\/oidc\/interaction\/[A-Za-z0-9_-]+$/);
    return returnTo;
  }

  it('asks for the device again when the sign-in is older than the client’s MFA limit, never the password', async () => {
    const person = await personSignedIn(20);
    const { request, answer } = await startSignIn(strict, person);
    expect(answer.location).toBeUndefined();
    const returnTo = mfaStepReturn(answer.visited);

    // Until the device is verified, the session does nothing else.
    expect((await person.client.get('/api/v1/me/roles')).statusCode).toBe(401);
    const [required] = await auditEntries(server.ctx, 'session.mfa_required');
    expect(JSON.parse(required!.after_json ?? '{}')).toMatchObject({ reason: 'max_age' });

    const verifiedAt = Math.floor(server.clock.now().getTime() / 1000);
    const done = await verifyDeviceAndGoOn(person, returnTo);
    const tokens = await tokensFrom(strict, done.location, request);
    expect(tokens.claims()!.auth_time).toBe(verifiedAt);
    expect(tokens.claims()!.amr).toEqual(['pwd', 'mfa', 'otp']);

    // Fresh now: the next sign-in to the same client goes straight through.
    const again = await startSignIn(strict, person);
    await tokensFrom(strict, again.answer.location, again.request);
  });

  it('keeps the grants of a session whose device was asked for again tied to it: signing out still ends them all', async () => {
    const person = await personSignedIn(20);
    const first = await startSignIn(lenient, person, { prompt: 'consent' });
    const lenientTokens = await tokensFrom(lenient, first.answer.location, first.request);
    expect(lenientTokens.refresh_token).toBeTruthy();
    // The strict client asks for the device again: the session is replaced by a new one.
    const { request, answer } = await startSignIn(strict, person);
    const done = await verifyDeviceAndGoOn(person, mfaStepReturn(answer.visited));
    const strictTokens = await tokensFrom(strict, done.location, request);

    expect((await person.client.delete('/api/v1/session')).statusCode).toBe(204);
    expect(await oidcClient.tokenIntrospection(strict, strictTokens.access_token)).toMatchObject({ active: false });
    expect(await oidcClient.tokenIntrospection(lenient, lenientTokens.access_token)).toMatchObject({ active: false });
    await expect(oidcClient.refreshTokenGrant(lenient, lenientTokens.refresh_token!)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('lets a sign-in within the client’s MFA limit through, and a client with no limit at any age', async () => {
    const recent = await personSignedIn(10);
    const first = await startSignIn(strict, recent);
    await tokensFrom(strict, first.answer.location, first.request);

    // Older than the strict client's 15 minutes, within the session's 30 idle ones.
    const older = await personSignedIn(25);
    const second = await startSignIn(lenient, older);
    await tokensFrom(lenient, second.answer.location, second.request);
  });

  it('holds a request’s own max_age, shorter or longer than the session’s age', async () => {
    const person = await personSignedIn(5);
    const within = await startSignIn(lenient, person, { max_age: '600' });
    await tokensFrom(lenient, within.answer.location, within.request);

    const beyond = await startSignIn(lenient, person, { max_age: '60' });
    const done = await verifyDeviceAndGoOn(person, mfaStepReturn(beyond.answer.visited));
    await tokensFrom(lenient, done.location, beyond.request);
  });

  it('asks for the device at prompt=login however recent the sign-in, once per request', async () => {
    const person = await personSignedIn(1);
    const { request, answer } = await startSignIn(lenient, person, { prompt: 'login' });
    const returnTo = mfaStepReturn(answer.visited);
    // The code is of a later moment than the sign-in's, as a person typing it now would have.
    server.clock.set(new Date(Date.now() + 1000));
    const done = await verifyDeviceAndGoOn(person, returnTo);
    const tokens = await tokensFrom(lenient, done.location, request);
    expect(tokens.claims()!.auth_time).toBe(Math.floor(server.clock.now().getTime() / 1000));
    const reasons = (await auditEntries(server.ctx, 'session.mfa_required')).map(
      (entry) => (JSON.parse(entry.after_json ?? '{}') as { reason: string }).reason,
    );
    expect(reasons).toContain('prompt_login');
  });
});
