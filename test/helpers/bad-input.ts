import type { RouteEntry } from '../../server/http/route-table.js';

/*
 * Hostile variations of a well-formed request, made from the route's own schema: each field of
 * its path, query string and body given the wrong type, an oversized or strange string, an
 * injection attempt, an impossible date or a bogus cursor; required fields dropped, unknown ones
 * added; the body as malformed JSON, the wrong content type, too large, or not an object at all.
 */

export interface BadRequest {
  /** What was broken, to name a failure. */
  readonly label: string;
  readonly method: string;
  readonly url: string;
  /** A JSON value, or a raw string sent as is. */
  readonly payload?: unknown;
  readonly raw?: boolean;
  readonly headers?: Record<string, string>;
}

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
}

/** Strings no field should choke on. */
export const HOSTILE_STRINGS: readonly string[] = [
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '" OR 1=1 --',
  '1; SELECT pg_sleep(1)',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '${7*7}',
  '{{7*7}}',
  '../../../../etc/passwd',
  'a\u0000b',
  '\u0000',
  '\ud800',
  '\udfff\ud800',
  '\u202eevil',
  'zero\u200bwidth',
  '😀'.repeat(100),
  'Ω'.repeat(5_000),
  'a'.repeat(100_000),
  '%00',
  '%',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  '9'.repeat(400),
  '2026-02-30',
  '2026-13-45T25:61:61Z',
  '0000-00-00T00:00:00Z',
  '',
  ' ',
  '\r\nSet-Cookie: x=1',
  'true',
  '[]',
  '{}',
];

/** Values of every JSON type, for a field expecting another. */
export const WRONG_TYPES: readonly unknown[] = [0, -1, 1.5, 2 ** 53 + 1, true, false, null, [], {}, [1, 2], { a: 1 }, 'text'];

/** Bodies that are not the object a route expects, sent raw. */
const MALFORMED_BODIES: readonly string[] = [
  '{',
  '{"a":',
  '{"a": 1,}',
  "{'a': 1}",
  '[]',
  'null',
  '42',
  '"a string"',
  '{"__proto__": {"isAdministrator": true}}',
  '{"constructor": {"prototype": {"isAdministrator": true}}}',
  '\u0000',
];

/** Values for a query field beyond HOSTILE_STRINGS: cursors that were never handed out. */
const BOGUS_CURSORS: readonly string[] = ['AAAA', 'eyJzZXEiOi0xfQ', '999999999999999999999999', '-1', 'not a cursor'];

function propertiesOf(schema: Schema | undefined): Record<string, Schema> {
  if (!schema) return {};
  if (schema.properties) return schema.properties;
  const object = schema.anyOf?.find((option) => option.properties);
  return object?.properties ?? {};
}

/** A path segment as sent: a lone surrogate, which has no UTF-8, goes as the bytes of one (invalid UTF-8). */
function pathEncoded(value: string): string {
  return [...value]
    .map((character) => {
      const code = character.charCodeAt(0);
      return code >= 0xd800 && code <= 0xdfff ? '%ED%A0%80' : encodeURIComponent(character);
    })
    .join('');
}

function withQuery(path: string, query: URLSearchParams): string {
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}

/** Every hostile variation of `valid` (a request the route accepts), as the route's schema describes its parts. */
export function badRequestsFor(route: RouteEntry, valid: { url: string; body: unknown }): BadRequest[] {
  const { method } = route;
  const schema = (route.schema ?? {}) as { querystring?: Schema; body?: Schema };
  const parsed = new URL(valid.url, 'http://rolecall.test');
  const path = parsed.pathname;
  const query = parsed.searchParams;
  const requests: BadRequest[] = [];
  const add = (label: string, request: Omit<BadRequest, 'label' | 'method'>) => requests.push({ label, method, ...request });
  const sendBody = valid.body;

  // Path parameters: each named segment replaced.
  const patternSegments = route.url.split('/');
  const pathSegments = path.split('/');
  patternSegments.forEach((segment, index) => {
    if (!segment.startsWith(':') || pathSegments.length !== patternSegments.length) return;
    for (const value of HOSTILE_STRINGS) {
      const segments = [...pathSegments];
      segments[index] = pathEncoded(value);
      add(`path ${segment} = ${JSON.stringify(value.slice(0, 40))}`, {
        url: withQuery(segments.join('/'), query),
        payload: sendBody,
      });
    }
  });

  // Query string: each documented field given hostile text, cursors never handed out, unknown and repeated fields.
  const queryFields = Object.keys(propertiesOf(schema.querystring));
  for (const field of queryFields) {
    const values = field === 'cursor' ? [...BOGUS_CURSORS, ...HOSTILE_STRINGS] : HOSTILE_STRINGS;
    for (const value of values) {
      const changed = new URLSearchParams(query);
      changed.set(field, value);
      add(`query ${field} = ${JSON.stringify(value.slice(0, 40))}`, { url: withQuery(path, changed), payload: sendBody });
    }
    const repeated = new URLSearchParams(query);
    repeated.append(field, 'a');
    repeated.append(field, 'b');
    add(`query ${field} repeated`, { url: withQuery(path, repeated), payload: sendBody });
  }
  const unknown = new URLSearchParams(query);
  unknown.set('unknownField', '1');
  add('query with an unknown field', { url: withQuery(path, unknown), payload: sendBody });

  // Body: fields of the wrong type or hostile text, required ones dropped, unknown ones added.
  if (schema.body && sendBody && typeof sendBody === 'object' && !Array.isArray(sendBody)) {
    const body = sendBody as Record<string, unknown>;
    const properties = propertiesOf(schema.body);
    for (const field of Object.keys(properties)) {
      for (const value of [...WRONG_TYPES, ...HOSTILE_STRINGS]) {
        add(`body ${field} = ${JSON.stringify(value)?.slice(0, 40)}`, { url: valid.url, payload: { ...body, [field]: value } });
      }
      // One level down: the fields of an object field.
      const nested = body[field];
      if (nested && typeof nested === 'object' && !Array.isArray(nested)) {
        for (const inner of Object.keys(propertiesOf(properties[field]))) {
          for (const value of [null, 12, [], 'a'.repeat(100_000), '\u0000']) {
            add(`body ${field}.${inner} = ${JSON.stringify(value).slice(0, 40)}`, {
              url: valid.url,
              payload: { ...body, [field]: { ...(nested as Record<string, unknown>), [inner]: value } },
            });
          }
        }
      }
    }
    for (const field of schema.body.required ?? []) {
      const { [field]: _dropped, ...rest } = body;
      add(`body without ${field}`, { url: valid.url, payload: rest });
    }
    add('body with an unknown field', { url: valid.url, payload: { ...body, unknownField: 'x' } });
  }

  // The whole body: malformed, not an object, the wrong content type, too large.
  if (method !== 'GET' && method !== 'DELETE') {
    for (const raw of MALFORMED_BODIES) {
      add(`raw body ${JSON.stringify(raw)}`, {
        url: valid.url,
        payload: raw,
        raw: true,
        headers: { 'content-type': 'application/json' },
      });
    }
    const json = JSON.stringify(sendBody ?? {});
    add('body as text/plain', { url: valid.url, payload: json, raw: true, headers: { 'content-type': 'text/plain' } });
    add('body as a form', {
      url: valid.url,
      payload: 'a=1&b=2',
      raw: true,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    add('body as XML', { url: valid.url, payload: '<a>1</a>', raw: true, headers: { 'content-type': 'application/xml' } });
    add('body of 300 KB', {
      url: valid.url,
      payload: JSON.stringify({ ...(typeof sendBody === 'object' ? sendBody : {}), padding: 'a'.repeat(300_000) }),
      raw: true,
      headers: { 'content-type': 'application/json' },
    });
  }
  return requests;
}
