import type { RouteEntry } from '../../server/http/route-table.js';
import { organizationFormFields, type Matrix, type MatrixObjects } from './authorization-personas.js';
import { sampleOf } from './schema-sample.js';

/*
 * A well-formed request for each route, about the objects of the authorization matrix: the
 * matrix asks it as every persona, and the bad-input checks start from it and break it.
 */

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
export async function requestFor(route: RouteEntry, matrix: Matrix): Promise<{ url: string; body: unknown }> {
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

export function withQuery(path: string, query: Record<string, unknown>): string {
  const search = new URLSearchParams(Object.entries(query).map(([name, value]) => [name, String(value)])).toString();
  return search ? `${path}?${search}` : path;
}
