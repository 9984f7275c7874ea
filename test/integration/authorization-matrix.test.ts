import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeTable, type RouteEntry } from '../../server/http/route-table.js';
import { EXPECTED_ACCESS, outcomeOf, type Outcome } from '../helpers/authorization-expected.js';
import {
  buildMatrix,
  organizationFormFields,
  PERSONAS,
  type Matrix,
  type MatrixObjects,
  type Persona,
} from '../helpers/authorization-personas.js';
import { sampleOf } from '../helpers/schema-sample.js';
import { createTestApp, type TestApp } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';

type JsonSchema = Parameters<typeof sampleOf>[0];

/** A concrete path for the wildcard routes (the OpenID provider's, the API documentation's). */
const WILDCARD_PATHS: Record<string, string> = {
  'GET /oidc/*': '/oidc/.well-known/openid-configuration',
  'POST /oidc/*': '/oidc/token',
  'GET /docs/static/*': '/docs/static/index.html',
};

/** Whose object each route's path parameter names: always someone's real one, never a made-up id. */
function parameterValue(route: string, name: string, objects: MatrixObjects): string {
  const byRoute: Record<string, string> = {
    '/api/v1/me/sessions/:id': objects.endUserOtherSession,
    '/api/v1/mfa/factors/:id/confirm': objects.endUserFactor,
    '/api/v1/mfa/factors/:id': objects.endUserFactor,
    '/api/v1/applications/:code': 'SPOT',
    '/api/v1/applications/:code/organizations': 'SPOT',
    '/api/v1/admin/roles/:id': objects.endUserRole,
    '/api/v1/organizations/:id/end-users': objects.organizationA,
    '/api/v1/assignments/:id/remove': objects.endUserAssignment,
    '/api/v1/role-requests/:id': objects.pendingRequest,
    '/api/v1/role-requests/:id/decision': objects.pendingRequest,
    '/api/v1/role-requests/:id/cancel': objects.pendingRequest,
    '/api/v1/organization-forms/:id': objects.form,
    '/api/v1/organization-forms/:id/withdraw': objects.form,
    '/api/v1/organization-forms/:id/review': objects.form,
    '/api/v1/organizations/:id': objects.organizationA,
    '/api/v1/organizations/:id/update-requests': objects.organizationA,
    '/api/v1/certifications/users/:userId': objects.endUserA,
    '/api/v1/admin/clients/:clientId/rotate-secret': objects.spotClient,
    '/api/v1/admin/clients/:clientId': objects.spotClient,
    '/api/v1/admin/webhooks/:id': objects.webhook,
    '/api/v1/admin/webhooks/:id/messages': objects.webhook,
    '/api/v1/admin/webhooks/messages/:messageId/replay': objects.webhookMessage,
    '/api/v1/audit/entries/:id': objects.auditEntry,
    '/api/v1/help-desk/users/:id': objects.endUserA,
    '/api/v1/help-desk/users/:id/unlock': objects.endUserA,
    '/api/v1/help-desk/users/:id/mfa-reset': objects.resetTarget,
    '/api/v1/help-desk/users/:id/verification-email': objects.endUserA,
    '/scim/v2/Users/:id': objects.endUserA,
    '/scim/v2/Groups/:id': `${objects.organizationA}:end_user`,
    '/scim/v2/ResourceTypes/:id': 'User',
    '/scim/v2/Schemas/:id': 'urn:ietf:params:scim:schemas:core:2.0:User',
    '/oidc/interaction/:uid': 'no-such-interaction',
    '/oidc/interaction/:uid/abort': 'no-such-interaction',
  };
  const value = byRoute[route];
  if (value === undefined) throw new Error(`${route}: say whose ${name} the matrix asks about`);
  return encodeURIComponent(value);
}

/**
 * Input that names real objects where the schema's smallest sample would name none (an unknown
 * application or organization answers 404 to everyone, which would hide who may ask).
 */
async function namedInput(key: string, matrix: Matrix): Promise<{ query?: Record<string, unknown>; body?: unknown } | undefined> {
  const { objects, people } = matrix;
  switch (key) {
    case 'GET /api/v1/certifications/evidence.csv':
      return { query: { application: 'SPOT', organization: objects.organizationA, from: '2026-01-01', to: '2026-12-31' } };
    case 'GET /api/v1/certifications/summary':
      return { query: { application: 'SPOT', organization: objects.organizationA } };
    case 'POST /api/v1/admin/help-desk':
      return { body: { userId: objects.bystanderUserId, applicationCode: 'SPOT' } };
    case 'POST /api/v1/organization-forms':
      return {
        body: { applicationCode: 'SPOT', organization: organizationFormFields(people.user!), signatureName: 'Pat Doe' },
      };
    case 'POST /api/v1/role-requests':
      return { body: { roleId: objects.backupApproverRole, organizationId: objects.organizationB, reason: 'Covering' } };
    case 'POST /api/v1/certifications/decisions': {
      // The version in force now: the administrator may have published another earlier in the matrix.
      const current = await matrix.send('approverA', 'GET', '/api/v1/certifications/acknowledgement', undefined);
      const acknowledgementVersion = current.json().version as number;
      return {
        body: { outcome: 'certify', acknowledged: true, acknowledgementVersion, assignmentIds: [objects.endUserAssignment] },
      };
    }
    default:
      return undefined;
  }
}

/** A request the route's schema accepts, about the objects of the matrix: what answers is its authorization. */
async function requestFor(route: RouteEntry, matrix: Matrix): Promise<{ url: string; body: unknown }> {
  const { objects } = matrix;
  const key = `${route.method} ${route.url}`;
  const schema = (route.schema ?? {}) as { querystring?: JsonSchema; body?: JsonSchema };
  const path =
    WILDCARD_PATHS[key] ?? route.url.replace(/:([A-Za-z]+)/g, (_, name: string) => parameterValue(route.url, name, objects));
  const named = await namedInput(key, matrix);
  if (named?.body !== undefined) return { url: withQuery(path, named.query ?? {}), body: named.body };
  const query = named?.query ?? (schema.querystring ? (sampleOf(schema.querystring, 'query') as Record<string, unknown>) : {});
  const body = schema.body ? sampleOf(schema.body, 'body') : ['POST', 'PUT', 'PATCH'].includes(route.method) ? {} : undefined;
  return { url: withQuery(path, query), body };
}

function withQuery(path: string, query: Record<string, unknown>): string {
  const search = new URLSearchParams(Object.entries(query).map(([name, value]) => [name, String(value)])).toString();
  return search ? `${path}?${search}` : path;
}

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

  const routes = () =>
    routeTable(t.app)
      .filter((route) => route.method !== 'HEAD' && route.method !== 'OPTIONS')
      .map((route) => ({ route, key: `${route.method} ${route.url}` }));

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
