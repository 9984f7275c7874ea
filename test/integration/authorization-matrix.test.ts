import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askedRoutes, type RouteEntry } from '../../server/http/route-table.js';
import { EXPECTED_ACCESS, outcomeOf, type Outcome } from '../helpers/authorization-expected.js';
import { buildMatrix, PERSONAS, type Matrix, type Persona } from '../helpers/authorization-personas.js';
import { requestFor } from '../helpers/matrix-requests.js';
import { createTestApp, type TestApp } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';

/**
 * Routes that end the asker's session or credentials, or remove what others are asked about: asked
 * after every other route, so that they change nothing the rest of the matrix depends on.
 */
const ASKED_LAST = [
  'POST /api/v1/help-desk/users/:id/mfa-reset',
  'DELETE /api/v1/mfa/factors/:id',
  'POST /api/v1/assignments/:id/remove',
  'DELETE /api/v1/admin/clients/:clientId',
  'DELETE /api/v1/admin/webhooks/:id',
  'PUT /api/v1/admin/catalog',
  'DELETE /api/v1/me/sessions/:id',
  'POST /api/v1/me/password',
  // Signing out ends each persona's session: nothing may come after it.
  'DELETE /api/v1/session',
];

/*
 * Every route, asked by every persona about objects that belong to someone in particular, against
 * the table of who may (test/helpers/authorization-expected.ts). A route missing from the table
 * fails; another organization's object answers 404; nothing answers 5xx. To see what a route
 * answers while deciding its row, set ROLECALL_PRINT_MATRIX to its key ("POST /api/v1/…") for
 * each persona's answer, or to 1 for the whole observed table.
 */
describe.each(testDialects())('the authorization matrix on %s', (dialect) => {
  let t: TestApp;
  let matrix: Matrix;

  beforeAll(async () => {
    t = await createTestApp({ dialect });
    matrix = await buildMatrix(t);
  }, 60_000);
  afterAll(async () => t.close());

  const routes = () => askedRoutes(t.app).map((route) => ({ route, key: `${route.method} ${route.url}` }));

  it('has an expected row for every route, and a route for every row', () => {
    const keys = routes().map((entry) => entry.key);
    expect(
      keys.filter((key) => !(key in EXPECTED_ACCESS)),
      'routes missing from the table',
    ).toEqual([]);
    expect(
      Object.keys(EXPECTED_ACCESS).filter((key) => !keys.includes(key)),
      'rows of no route',
    ).toEqual([]);
  });

  it('answers each persona as the table says, on every route', async () => {
    // Reads first, then changes, then those listed last, in their order.
    const rank = (entry: { key: string; route: RouteEntry }) =>
      ASKED_LAST.includes(entry.key) ? 2 + ASKED_LAST.indexOf(entry.key) : Number(entry.route.method !== 'GET');
    const ordered = routes().sort((a, b) => rank(a) - rank(b));
    const observed: Record<string, Record<Persona, Outcome>> = {};
    const mismatches: string[] = [];
    let requests = 0;
    for (const { route, key } of ordered) {
      const { url, body } = await requestFor(route, matrix);
      observed[key] = {} as Record<Persona, Outcome>;
      for (const persona of PERSONAS) {
        // Taking a role away succeeds once: each persona is asked about a role of its own.
        const asked =
          key === 'POST /api/v1/assignments/:id/remove'
            ? `/api/v1/assignments/${await matrix.freshEndUserAssignment()}/remove`
            : url;
        const response = await matrix.send(persona, route.method, asked, body);
        requests += 1;
        // SCIM's writes answer 501 by design (RFC 7644 §3.12: an operation the service does not support).
        const readOnlyScim = response.statusCode === 501 && route.url.startsWith('/scim/v2') && route.method !== 'GET';
        if (!readOnlyScim) expect(response.statusCode, `${key} as ${persona}: ${response.body}`).toBeLessThan(500);
        const outcome = outcomeOf(response.statusCode);
        observed[key][persona] = outcome;
        if (process.env.ROLECALL_PRINT_MATRIX === key)
          console.log(`${key} as ${persona}: ${response.statusCode} ${response.body.slice(0, 300)}`);
        const expected = EXPECTED_ACCESS[key]?.[persona];
        if (expected !== outcome)
          mismatches.push(`${key} as ${persona}: ${outcome} (${response.statusCode}), expected ${expected}`);
      }
    }
    if (process.env.ROLECALL_PRINT_MATRIX) console.log(JSON.stringify(observed, null, 1));
    expect(mismatches).toEqual([]);
    console.log(
      `authorization matrix (${dialect}): ${requests} requests, ${ordered.length} routes × ${PERSONAS.length} personas`,
    );
  });
});
