import { createHash, randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import type { AppContext } from '../../server/context.js';
import { systemActor } from '../../server/shared/actor.js';
import { sideBySide } from '../lib/load.js';
import { perSecond, milliseconds, type Measurement } from '../lib/report.js';
import type { HttpSession } from '../lib/http-session.js';
import type { ServerProcess } from '../lib/server-process.js';
import type { LoadSettings } from './http-pages.js';

/** A SPOT back end registered for a benchmark, with the HTTP Basic header it authenticates with. */
export async function serviceClient(ctx: AppContext, name: string): Promise<{ authorization: string }> {
  const { client, clientSecret } = await ctx.oidc.clients.create(
    { ...systemActor },
    { applicationCode: 'SPOT', name, kind: 'service' },
  );
  return { authorization: `Basic ${Buffer.from(`${client.clientId}:${clientSecret}`).toString('base64')}` };
}

/** Keycloak's published sizing: 120 grants a second per vCPU, for each kind of grant. */
const KEYCLOAK_GRANTS_PER_CORE = 120;

/** Where the benchmark's web client says it receives codes: never called, the code is read from the redirect. */
const CALLBACK = 'http://127.0.0.1:9/callback';

/** The grants measured per core of this machine against Keycloak's sizing, as a measurement. */
function perCoreMeasurement(
  id: string,
  name: string,
  database: Measurement['database'],
  result: Awaited<ReturnType<typeof sideBySide>>,
  log: (line: string) => void,
): Measurement {
  const cores = cpus().length;
  const ratio = result.measured.perSecond / cores / KEYCLOAK_GRANTS_PER_CORE;
  log(`  ${name}: ${perSecond(result.measured.perSecond)} on ${cores} cores: ${ratio.toFixed(2)}× Keycloak's per core`);
  return {
    id,
    name,
    database,
    ratioOf: "Keycloak's 120/s per vCPU",
    ratio,
    target: { kind: 'at-least', value: 4 },
    detail: `${perSecond(result.measured.perSecond)} p50 ${milliseconds(result.measured.p50Ms)} p99 ${milliseconds(result.measured.p99Ms)} on ${cores} cores; bare ${perSecond(result.baseline.perSecond)}`,
  };
}

/**
 * The client credentials grant (`POST /oidc/token`) a back end makes for its access token, per
 * core of this machine, against Keycloak's published 120 a second per vCPU. The bare route runs
 * beside it in alternating rounds, as for the pages, so that a busy machine shows in both.
 */
export async function measureClientCredentials(
  ctx: AppContext,
  server: ServerProcess,
  database: Measurement['database'],
  load: LoadSettings,
  log: (line: string) => void,
): Promise<Measurement> {
  const { authorization } = await serviceClient(ctx, 'Benchmark back end');
  const grant = {
    path: '/oidc/token',
    method: 'POST' as const,
    headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
    rawBody: 'grant_type=client_credentials',
  };
  // The grant must be a token: an error answer would be measured as a fast grant.
  const probe = await fetch(`${server.url}${grant.path}`, { method: 'POST', headers: grant.headers, body: grant.rawBody });
  const answer = (await probe.json()) as { access_token?: string };
  if (probe.status !== 200 || !answer.access_token) throw new Error(`client credentials grant answered ${probe.status}`);

  const result = await sideBySide(server.url, { path: '/healthz' }, grant, load);
  return perCoreMeasurement('oidc.client-credentials', 'OIDC client credentials grant, per core', database, result, log);
}

/**
 * A refresh token as SPOT gets one: the authorization code flow with PKCE for a person already
 * signed in to Rolecall (their browser follows the redirects), then the code exchanged.
 */
async function refreshTokenByCodeFlow(browser: HttpSession, clientId: string, authorization: string): Promise<string> {
  const verifier = randomBytes(32).toString('base64url');
  const query = new URLSearchParams({
    client_id: clientId,
    response_type: 'code',
    redirect_uri: CALLBACK,
    scope: 'openid roles offline_access',
    prompt: 'consent',
    state: randomBytes(8).toString('base64url'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  });
  let next = `/oidc/auth?${query}`;
  for (let hop = 0; hop < 8; hop += 1) {
    const { status, location } = await browser.open(next);
    if (!location) throw new Error(`the sign-in to the application stopped at ${next} (${status})`);
    if (location.startsWith(CALLBACK)) {
      const code = new URL(location).searchParams.get('code');
      if (!code) throw new Error(`the application was answered without a code: ${location}`);
      const response = await fetch(`${browser.baseUrl}/oidc/token`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK, code_verifier: verifier }),
      });
      const tokens = (await response.json()) as { refresh_token?: string };
      if (!tokens.refresh_token) throw new Error(`the code exchange answered ${response.status} without a refresh token`);
      return tokens.refresh_token;
    }
    const target = new URL(location, browser.baseUrl);
    next = `${target.pathname}${target.search}`;
  }
  throw new Error('the sign-in to the application redirected too many times');
}

/**
 * The refresh token grant SPOT makes when its access token runs out, per core against Keycloak's
 * 120 a second per vCPU. Refresh tokens rotate: each answer carries the token the next request
 * must use, so the connections draw tokens from a pool that each answer refills. A round that
 * ends with a request in flight loses that token, so the pool starts with enough for every round.
 */
export async function measureRefreshGrant(
  ctx: AppContext,
  server: ServerProcess,
  browser: HttpSession,
  database: Measurement['database'],
  load: LoadSettings,
  log: (line: string) => void,
): Promise<Measurement> {
  const { client, clientSecret } = await ctx.oidc.clients.create(
    { ...systemActor },
    { applicationCode: 'SPOT', name: 'Benchmark web application', kind: 'web', redirectUris: [CALLBACK] },
  );
  const authorization = `Basic ${Buffer.from(`${client.clientId}:${clientSecret}`).toString('base64')}`;
  const pool: string[] = [];
  const needed = load.connections * (load.rounds + 3);
  for (let index = 0; index < needed; index += 1)
    pool.push(await refreshTokenByCodeFlow(browser, client.clientId, authorization));

  let refused = 0;
  const refresh = {
    path: '/oidc/token',
    method: 'POST' as const,
    headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
    driver: {
      setupRequest: (request: { body?: string }) => {
        const token = pool.shift();
        if (!token) throw new Error('the refresh token pool ran dry');
        request.body = `grant_type=refresh_token&refresh_token=${encodeURIComponent(token)}`;
        return request;
      },
      onResponse: (status: number, body: string) => {
        const token = status === 200 ? (JSON.parse(body) as { refresh_token?: string }).refresh_token : undefined;
        if (token) pool.push(token);
        else refused += 1;
      },
    },
  };
  const result = await sideBySide(server.url, { path: '/healthz' }, refresh, load);
  // sideBySide already fails on any non-2xx answer; a 200 without a new token would be a quiet failure.
  if (refused > 0) throw new Error(`${refused} refresh grants answered without a new refresh token`);
  return perCoreMeasurement('oidc.refresh', 'OIDC refresh token grant, per core', database, result, log);
}
