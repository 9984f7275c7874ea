import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findControlCharacter } from '../../server/http/input-text.js';
import { routeTable, type RouteEntry } from '../../server/http/route-table.js';
import { signedInAdministrator, type SignedInUser } from '../helpers/accounts.js';
import type { ApiClient } from '../helpers/api-client.js';
import { createTestApp, type TestApp } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';

describe('finding control characters in request input', () => {
  it('allows tab, line feed and carriage return, and refuses the others, in values and keys', () => {
    expect(findControlCharacter({ reason: 'line one\r\nline two\tindented' }, 'body')).toBeUndefined();
    expect(findControlCharacter({ name: 'Zoë Ünal — 東京' }, 'body')).toBeUndefined();
    for (const code of [0x00, 0x01, 0x08, 0x0b, 0x0c, 0x1b, 0x1f, 0x7f, 0x85, 0x9f]) {
      expect(findControlCharacter({ a: [`x${String.fromCharCode(code)}y`] }, 'body'), `U+${code.toString(16)}`).toBe('body/a/0');
    }
    expect(findControlCharacter({ contact: { ['na\u0000me']: 'x' } }, 'body')).toBe('body/contact/na?me');
    expect(findControlCharacter({ n: 1, ok: true, none: null }, 'body')).toBeUndefined();
  });
});

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const NUL = '\u0000';

/** Every property a route's body schema names, each given a text holding a NUL. */
function poisonedBody(route: RouteEntry): Record<string, string> {
  const properties = (route.schema?.body as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
  const names = Object.keys(properties);
  return Object.fromEntries((names.length > 0 ? names : ['text']).map((name) => [name, `a${NUL}b`]));
}

function poisonedQuery(route: RouteEntry): string {
  const properties = (route.schema?.querystring as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
  const names = Object.keys(properties);
  return (names.length > 0 ? names : ['text']).map((name) => `${name}=a%00b`).join('&');
}

function withParams(url: string, value: string): string {
  return url.replace(/:[A-Za-z]+/g, value).replace(/\*$/, value);
}

describe.each(testDialects())('control characters on every route on %s', (dialect) => {
  let t: TestApp;
  let admin: SignedInUser;
  let client: ApiClient;

  beforeAll(async () => {
    t = await createTestApp({ dialect });
    admin = await signedInAdministrator(t.app, t.ctx, t.clock);
    client = admin.client;
  });
  afterAll(async () => t.close());

  async function rowCounts(): Promise<Record<string, number>> {
    const tables = await t.ctx.database.db.introspection.getTables();
    const counts: Record<string, number> = {};
    for (const table of tables) {
      if (table.name.startsWith('kysely_')) continue;
      const row = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table.name)}`.execute(
        t.ctx.database.db,
      );
      counts[table.name] = Number(row.rows[0]?.n ?? 0);
    }
    return counts;
  }

  function expectRefused(route: RouteEntry, where: string, response: { statusCode: number; body: string; json(): unknown }) {
    const label = `${route.method} ${route.url} (${where})`;
    expect(response.statusCode, `${label}: ${response.body}`).toBe(400);
    if (route.method === 'HEAD') return;
    if (route.url.startsWith('/scim/')) {
      // SCIM answers in its own error body (RFC 7644 section 3.12).
      const scim = response.json() as { scimType?: string; detail: string };
      expect(scim.scimType, label).toBe('invalidValue');
      expect(scim.detail, label).toMatch(new RegExp(`: ${where}\\S* \\(control_characters\\)`));
      return;
    }
    const error = (response.json() as { error: { code: string; details?: { fields?: { field: string; rule: string }[] } } })
      .error;
    expect(error.code, label).toBe('request.invalid');
    expect(error.details?.fields?.[0]?.rule, label).toBe('control_characters');
    expect(error.details?.fields?.[0]?.field.startsWith(where), label).toBe(true);
  }

  it('refuses a NUL in a path parameter, a query string and a body with a 400 naming the field, and changes nothing', async () => {
    // The OpenID Connect provider reads and checks its own protocol requests (its own tests).
    const routes = routeTable(t.app).filter((route) => route.method !== 'OPTIONS' && !route.url.startsWith('/oidc/'));
    expect(routes.length).toBeGreaterThan(60);
    const before = await rowCounts();
    let checked = 0;
    for (const route of routes) {
      const method = route.method as Method | 'HEAD';
      if (/[:*]/.test(route.url)) {
        const response = await client.request(method as Method, withParams(route.url, 'x%00y'));
        expectRefused(route, 'params', response);
        checked += 1;
      }
      const url = withParams(route.url, 'x');
      const queried = await client.request(method as Method, `${url}?${poisonedQuery(route)}`);
      expectRefused(route, 'querystring', queried);
      checked += 1;
      if (method === 'POST' || method === 'PATCH' || method === 'PUT') {
        const response = await client.request(method, url, poisonedBody(route));
        expectRefused(route, 'body', response);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(routes.length);
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses a NUL on sign-in, registration and a cursor, and still serves the same requests without it', async () => {
    const signIn = await client.post('/api/v1/sign-in', {
      userId: `${admin.userId}${NUL}`,
      password: admin.password,
      acceptTerms: true,
    });
    expect(signIn.statusCode).toBe(400);
    const cursor = await client.get('/api/v1/certifications?cursor=abc%00');
    expect(cursor.statusCode).toBe(400);
    const plain = await client.get('/api/v1/certifications?cursor=abc');
    expect(plain.statusCode, plain.body).toBe(400);
    expect(plain.json().error.details).toEqual({ field: 'cursor' });
    const profile = await client.get('/api/v1/me');
    expect(profile.statusCode, profile.body).toBe(200);
  });
});
