import { cpus } from 'node:os';
import type { AppContext } from '../../server/context.js';
import { systemActor } from '../../server/shared/actor.js';
import { sideBySide } from '../lib/load.js';
import { perSecond, milliseconds, type Measurement } from '../lib/report.js';
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
  const cores = cpus().length;
  const ratio = result.measured.perSecond / cores / KEYCLOAK_GRANTS_PER_CORE;
  log(
    `  client credentials grants: ${perSecond(result.measured.perSecond)} on ${cores} cores: ${ratio.toFixed(2)}× Keycloak's per core`,
  );
  return {
    id: 'oidc.client-credentials',
    name: 'OIDC client credentials grant, per core',
    database,
    ratioOf: "Keycloak's 120/s per vCPU",
    ratio,
    target: { kind: 'at-least', value: 4 },
    detail: `${perSecond(result.measured.perSecond)} p50 ${milliseconds(result.measured.p50Ms)} p99 ${milliseconds(result.measured.p99Ms)} on ${cores} cores; bare ${perSecond(result.baseline.perSecond)}`,
  };
}
