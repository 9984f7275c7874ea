import type { LightMyRequestResponse } from 'fastify';
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askedRoutes, type RouteEntry } from '../../server/http/route-table.js';
import { buildMatrix, PERSONAS, type Matrix } from '../helpers/authorization-personas.js';
import { badRequestsFor, type BadRequest } from '../helpers/bad-input.js';
import { requestFor } from '../helpers/matrix-requests.js';
import { seeded } from '../helpers/seeded-random.js';
import { changedTables, snapshotTables } from '../helpers/table-snapshot.js';
import { createTestApp, type TestApp } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';

/** Hostile requests per route: a sample of its variations, every variation when CI asks for the long run. */
const PER_ROUTE = process.env.ROLECALL_LONG_CHECKS ? 80 : 64;

/** Signing out would end the persona the rest of the run asks as: the one route not broken here. */
const NOT_ASKED = new Set(['DELETE /api/v1/session']);

/**
 * Routes whose refusal of a well-typed request is itself recorded (a wrong password counts toward
 * the lock and is audited; a recovery request is queued): for them only a malformed request must
 * change nothing.
 */
const REFUSALS_RECORDED = new Set([
  'POST /api/v1/sign-in',
  'POST /api/v1/me/password',
  'POST /api/v1/sign-in/mfa/verify',
  'POST /api/v1/sign-in/recovery-code',
  'POST /api/v1/sign-in/mfa/challenge',
  'POST /api/v1/recovery/user-id',
  'POST /api/v1/recovery/password',
  'POST /oidc/*',
]);
/** The refusals of a malformed request, before any service looks at it. */
const MALFORMED = new Set<string | undefined>(['request.invalid', 'request.too_large', 'request.unsupported_media_type']);

/** The routes of the API (not the web app's files or the API's own description, which hold code). */
const API_PREFIXES = ['/api/', '/scim/', '/access/', '/oidc', '/.well-known/'];

/** What an answer must never show: a stack trace, a driver's or a runtime's own words. */
const INTERNALS = [
  /\bat [\w$.<>]+ \(/,
  /node_modules/,
  /\bSQLITE_[A-Z]+/,
  /syntax error at or near/,
  /\b(TypeError|ReferenceError|RangeError|SyntaxError): /,
  /Cannot read propert/,
  /\bkysely\b/i,
  /\bselect\b[^"]{0,80}\bfrom\b/i,
  /\/work\/|\/home\/|\/usr\/src\//,
];

function seededShuffle<T>(items: readonly T[], random: () => number): T[] {
  const shuffled = [...items];
  for (let index = shuffled.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [shuffled[index], shuffled[other]] = [shuffled[other]!, shuffled[index]!];
  }
  return shuffled;
}

function errorCodeOf(response: LightMyRequestResponse): string | undefined {
  try {
    return (response.json() as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
}

/** The schema a 2xx answer of the route is documented with, if it has one. */
function documentedAnswer(route: RouteEntry, status: number): TSchema | undefined {
  const responses = (route.schema as { response?: Record<string, TSchema> } | undefined)?.response;
  return responses?.[String(status)] ?? responses?.['2xx'];
}

/*
 * Hostile input, signed in and not: every route gets variations of a request it accepts, made
 * from its own schema (test/helpers/bad-input.ts), each sent as one of the matrix's personas in
 * turn. No answer is a 5xx or shows the server's internals; every 2xx answer matches its
 * documented schema; a refused request changes no row of any table.
 */
describe.each(testDialects())('bad input on %s', (dialect) => {
  let t: TestApp;
  let matrix: Matrix;

  beforeAll(async () => {
    t = await createTestApp({ dialect });
    matrix = await buildMatrix(t);
  }, 60_000);
  afterAll(async () => t.close());

  it('answers every hostile request with a clear 4xx or a documented 2xx, and a refusal changes nothing', async () => {
    const random = seeded(20261208);
    const routes = askedRoutes(t.app).filter((route) => !NOT_ASKED.has(`${route.method} ${route.url}`));
    const failures: string[] = [];
    const counts = { sent: 0, refused: 0, accepted: 0, serverErrors: 0 };
    let turn = 0;
    let baseline = await snapshotTables(t);

    for (const route of routes) {
      const key = `${route.method} ${route.url}`;
      const valid = await requestFor(route, matrix);
      const variations = seededShuffle(badRequestsFor(route, valid), random).slice(0, PER_ROUTE);
      for (const bad of variations) {
        const persona = PERSONAS[turn % PERSONAS.length]!;
        turn += 1;
        const response = await send(bad, persona);
        counts.sent += 1;
        const where = `${key} as ${persona}, ${bad.label}`;
        const status = response.statusCode;
        const readOnlyScim = status === 501 && route.url.startsWith('/scim/v2') && route.method !== 'GET';
        if (status >= 500 && !readOnlyScim) {
          counts.serverErrors += 1;
          failures.push(`${where}: ${status} ${response.body.slice(0, 200)}`);
        }
        const leak =
          API_PREFIXES.some((prefix) => route.url.startsWith(prefix)) && INTERNALS.find((pattern) => pattern.test(response.body));
        if (leak) failures.push(`${where}: the answer shows ${leak}: ${response.body.slice(0, 200)}`);

        // What an accepted request set off after its answer (an email, a webhook) is done before looking.
        await settled();
        const after = await snapshotTables(t);
        if (status >= 200 && status < 300) {
          counts.accepted += 1;
          const schema = documentedAnswer(route, status);
          if (schema && /json/.test(String(response.headers['content-type'] ?? '')) && !Value.Check(schema, response.json())) {
            failures.push(`${where}: ${status} does not match its documented schema: ${response.body.slice(0, 200)}`);
          }
        } else if (status >= 400) {
          counts.refused += 1;
          const mustBeUnchanged = !REFUSALS_RECORDED.has(key) || MALFORMED.has(errorCodeOf(response));
          const changed = changedTables(baseline, after);
          if (mustBeUnchanged && changed.length > 0)
            failures.push(`${where}: refused with ${status} but changed ${changed.join(', ')}`);
        }
        baseline = after;
      }
    }

    // The personas are still signed in: the run asked what it meant to ask.
    for (const persona of PERSONAS.filter((name) => name !== 'visitor' && name !== 'otherClient')) {
      expect((await matrix.send(persona, 'GET', '/api/v1/me', undefined)).statusCode, persona).toBe(200);
    }
    console.log(
      `bad input (${dialect}): ${counts.sent} requests on ${routes.length} routes as ${PERSONAS.length} personas; ` +
        `${counts.refused} refused, ${counts.accepted} accepted, ${counts.serverErrors} server errors`,
    );
    expect(failures.slice(0, 40)).toEqual([]);
    expect(await t.ctx.audit.verify(t.ctx.database.db)).toMatchObject({ ok: true });
    expect(counts.sent).toBeGreaterThanOrEqual(5_000);
  }, 1_800_000);

  async function settled(): Promise<void> {
    await Promise.all([t.ctx.dispatcher.idle(), t.ctx.webhookDispatcher.idle(), t.ctx.accounts.recoveryRequests.idle()]);
  }

  async function send(bad: BadRequest, persona: (typeof PERSONAS)[number]): Promise<LightMyRequestResponse> {
    return matrix.send(persona, bad.method, bad.url, bad.payload, bad.headers ?? {});
  }
});
