import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Value } from 'typebox/value';
import { ErrorEnvelope } from '../../server/http/openapi.js';
import { routeTable } from '../../server/http/route-table.js';
import { signedInUser, type SignedInUser } from '../helpers/accounts.js';
import { ApiClient } from '../helpers/api-client.js';
import { createTestApp, type TestApp } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';

interface Operation {
  security?: Record<string, string[]>[];
  responses: Record<string, { description?: string; content?: Record<string, { schema: unknown }> }>;
}
interface OpenApiDocument {
  components: { securitySchemes: Record<string, { type: string; in: string; name: string }> };
  paths: Record<string, Record<string, Operation>>;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** The OpenAPI path of a Fastify route: `:id` becomes `{id}`. */
const openApiPath = (url: string) => url.replace(/:([A-Za-z]+)/g, '{$1}');
const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, '00000000-0000-7000-8000-000000000000');

/*
 * The API description is held to what the server does: every module route documents its security
 * and its error answers, and the routes it says need a session refuse a caller without one, with
 * the documented envelope, while those it says are public never ask for one.
 */
describe.each(testDialects())('the API description on %s', (dialect) => {
  let t: TestApp;
  let document: OpenApiDocument;
  let user: SignedInUser;

  beforeAll(async () => {
    t = await createTestApp({ dialect });
    document = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    user = await signedInUser(t.app, t.ctx, t.clock);
  });
  afterAll(async () => t.close());

  const moduleRoutes = () =>
    routeTable(t.app).filter(
      (route) => route.url.startsWith('/api/v1/') && route.method !== 'HEAD' && route.method !== 'OPTIONS',
    );
  const operationOf = (method: string, url: string) => document.paths[openApiPath(url)]?.[method.toLowerCase()];

  it('names the session cookie and the CSRF header as its security schemes', () => {
    expect(document.components.securitySchemes).toMatchObject({
      session: { type: 'apiKey', in: 'cookie', name: 'rolecall_session' },
      csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
    });
  });

  it('documents, for every module route, its security and an error envelope for every status it can refuse with', () => {
    const routes = moduleRoutes();
    expect(routes.length).toBeGreaterThan(60);
    for (const route of routes) {
      const label = `${route.method} ${route.url}`;
      const operation = operationOf(route.method, route.url);
      expect(operation, label).toBeDefined();
      const requirement = operation!.security?.[0] ?? {};
      if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method)) expect(Object.keys(requirement), label).toContain('csrf');
      for (const status of ['400', '500']) expect(operation!.responses[status], `${label} ${status}`).toBeDefined();
      if ('session' in requirement) {
        for (const status of ['401', '403']) expect(operation!.responses[status], `${label} ${status}`).toBeDefined();
      }
      if (route.url.includes(':')) expect(operation!.responses['404'], `${label} 404`).toBeDefined();
      const errorBody = operation!.responses['400']?.content?.['application/json']?.schema as { properties?: object };
      expect(Object.keys(errorBody?.properties ?? {}), label).toEqual(['error', 'requestId']);
      expect(operation!.responses['400']?.description, label).toContain('request.invalid');
    }
  });

  it('refuses a caller without a session on every route documented as needing one, and only there', async () => {
    const anonymous = await new ApiClient(t.app).start();
    let refused = 0;
    for (const route of moduleRoutes()) {
      const label = `${route.method} ${route.url}`;
      const requirement = operationOf(route.method, route.url)!.security?.[0] ?? {};
      // A body that passes no schema would be refused before the session is asked for: send the
      // signed-in user's answer shape only where there is no body to validate.
      if (route.schema?.body || route.schema?.querystring) continue;
      const response = await anonymous.request(route.method as Method, concrete(route.url));
      const code = response.body ? (response.json() as { error?: { code: string } }).error?.code : undefined;
      if ('session' in requirement) {
        expect(code, label).toMatch(/^auth\.(required|mfa_required)$/);
        expect(Value.Check(ErrorEnvelope, response.json()), label).toBe(true);
        expect(operationOf(route.method, route.url)!.responses[String(response.statusCode)], label).toBeDefined();
        refused += 1;
      } else {
        expect(code, label).not.toBe('auth.required');
      }
    }
    expect(refused).toBeGreaterThan(10);
  });

  it('answers a signed-in caller’s errors with a documented status and the documented envelope', async () => {
    const answers = [
      await user.client.get('/api/v1/role-requests/00000000-0000-7000-8000-000000000000'),
      await user.client.post('/api/v1/role-requests', { reason: '' }),
      await user.client.request('POST', '/api/v1/role-requests', { roleId: 'x', reason: 'x' }, { 'x-csrf-token': 'wrong' }),
    ];
    const routes = [
      ['GET', '/api/v1/role-requests/:id'],
      ['POST', '/api/v1/role-requests'],
      ['POST', '/api/v1/role-requests'],
    ] as const;
    for (const [index, response] of answers.entries()) {
      const [method, url] = routes[index]!;
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      expect(Value.Check(ErrorEnvelope, response.json()), response.body).toBe(true);
      const documented = operationOf(method, url)!.responses[String(response.statusCode)];
      expect(documented?.description, `${method} ${url} ${response.statusCode}`).toContain(response.json().error.code);
    }
  });
});
