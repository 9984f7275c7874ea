import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import * as oidcClient from 'openid-client';
import { expect } from 'vitest';
import type { AppContext } from '../../server/context.js';
import { systemActor } from '../../server/shared/actor.js';
import type { ApiClient } from './api-client.js';

/*
 * An application's side of the authorization code flow, for tests that drive a person's browser
 * (an ApiClient keeping cookies) through Rolecall over real HTTP.
 */

/** An authorization request as the application makes it, with its PKCE verifier, state and nonce. */
export async function authorizationRequest(
  config: oidcClient.Configuration,
  redirectUri: string,
  extra: Record<string, string> = {},
) {
  const verifier = oidcClient.randomPKCECodeVerifier();
  const state = oidcClient.randomState();
  const nonce = oidcClient.randomNonce();
  const parameters: Record<string, string> = {
    redirect_uri: redirectUri,
    scope: 'openid profile email roles offline_access',
    code_challenge: await oidcClient.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    prompt: 'consent',
    ...extra,
  };
  // An empty value leaves the parameter out (`prompt: ''`: a request without prompt).
  const url = oidcClient.buildAuthorizationUrl(
    config,
    Object.fromEntries(Object.entries(parameters).filter(([, value]) => value !== '')),
  );
  return { url, verifier, state, nonce };
}

/**
 * Follows the redirects a browser would, within Rolecall at `origin`; answers the first one that
 * leaves it, or the last answer.
 */
export async function followRedirects(
  origin: string,
  browser: ApiClient,
  start: URL | string,
): Promise<{ location?: string; status: number; visited: string[] }> {
  let next = typeof start === 'string' ? start : `${start.pathname}${start.search}`;
  const visited: string[] = [];
  for (let hop = 0; hop < 10; hop++) {
    visited.push(next);
    // As a browser addresses the server: the provider builds the addresses it sends people to from the Host.
    const response = await browser.get(next, { accept: 'text/html', host: new URL(origin).host });
    const location = response.headers.location as string | undefined;
    if (response.statusCode < 300 || response.statusCode >= 400 || !location) return { status: response.statusCode, visited };
    const target = new URL(location, origin);
    if (target.origin !== origin) return { location, status: response.statusCode, visited };
    next = `${target.pathname}${target.search}`;
  }
  throw new Error(`too many redirects: ${visited.join(' → ')}`);
}

/** The client credentials grant, as an application's back end asks for it; the provider's answer. */
export function clientCredentialsGrant(
  app: FastifyInstance,
  credentials: { clientId: string; clientSecret: string },
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: '/oidc/token',
    headers: {
      authorization: `Basic ${Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    payload: 'grant_type=client_credentials',
  });
}

/** A new back-end (service) client of an application, and an access token it was granted. */
export async function serviceClientToken(
  t: { app: FastifyInstance; ctx: AppContext },
  applicationCode: string,
  name: string,
): Promise<string> {
  const { client, clientSecret } = await t.ctx.oidc.clients.create(
    { ...systemActor },
    { applicationCode, name, kind: 'service' },
  );
  const response = await clientCredentialsGrant(t.app, { clientId: client.clientId, clientSecret });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().access_token as string;
}
