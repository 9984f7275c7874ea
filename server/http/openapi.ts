import type { RouteOptions } from 'fastify';
import { Type } from 'typebox';
import { cookieNames, CSRF_HEADER, UNSAFE_METHODS, type RouteAccess } from './session-auth.js';
import { ERROR_CATALOG, type ErrorCode } from './errors.js';

/*
 * The parts of the API description that every route shares and no route should have to restate:
 * how a caller proves who they are (the session cookie, the CSRF header) and the one error
 * envelope, with the status codes a route can answer and the stable error codes behind each.
 */

/** The body of every error answer (error-handler.ts sends exactly this). */
export const ErrorEnvelope = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable machine code, e.g. role_request.already_decided' }),
      message: Type.String({ description: "In the caller's language (Accept-Language or the account's language)" }),
      details: Type.Optional(
        Type.Record(Type.String(), Type.Unknown(), {
          description: 'What was wrong, when there is more to say: e.g. fields[] for request.invalid',
        }),
      ),
    }),
    requestId: Type.String({ description: 'Also sent as the x-request-id header; quote it to support' }),
  },
  { description: 'Every error answer' },
);

/** The API's two security schemes, the session cookie named as it is behind `publicUrl`. */
export function securitySchemes(publicUrl: string) {
  return {
    session: {
      type: 'apiKey',
      in: 'cookie',
      name: cookieNames(publicUrl).session,
      description: 'Set by signing in (POST /api/v1/sign-in and the MFA step); HttpOnly',
    },
    csrf: {
      type: 'apiKey',
      in: 'header',
      name: CSRF_HEADER,
      description: 'Every POST, PUT, PATCH and DELETE: the csrfToken of GET /api/v1/session',
    },
  } as const;
}

/**
 * Which error codes each module's routes can answer beyond the ones every route shares, by the
 * codes' namespace. A module with rules of its own names its namespaces here.
 */
const MODULE_ERROR_NAMESPACES: Record<string, readonly string[]> = {
  accounts: ['registration', 'password', 'token', 'account'],
  sessions: ['sign_in', 'mfa', 'password'],
  mfa: ['mfa'],
  terms: ['terms'],
  catalog: ['catalog'],
  organizations: ['organization'],
  assignments: ['assignment'],
  requests: ['role_request', 'assignment'],
  'organization-forms': ['organization_form'],
  certification: ['certification', 'assignment'],
  notifications: [],
  oidc: ['oidc_client'],
  webhooks: ['webhook'],
  'help-desk': ['help_desk'],
};

function codesIn(namespaces: readonly string[]): ErrorCode[] {
  return (Object.keys(ERROR_CATALOG) as ErrorCode[]).filter((code) => namespaces.includes(code.split('.')[0]!));
}

/** The error codes a route can answer: the shared ones its shape implies, then its module's own. */
export function routeErrorCodes(
  route: Pick<RouteOptions, 'method' | 'schema' | 'config'>,
  access: RouteAccess,
  module: string,
): ErrorCode[] {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  const changes = methods.some((method) => UNSAFE_METHODS.has(method));
  const schema = (route.schema ?? {}) as Record<string, unknown>;
  const codes: ErrorCode[] = ['request.invalid', 'server.internal'];
  if (changes) codes.push('auth.csrf');
  if (schema.body) codes.push('request.too_large', 'request.unsupported_media_type');
  if (access !== 'public') codes.push('auth.required', 'auth.forbidden', 'auth.mfa_required');
  if (schema.params) codes.push('resource.not_found');
  if ((route.config as { rateLimit?: unknown } | undefined)?.rateLimit) codes.push('request.rate_limited');
  codes.push(...codesIn(MODULE_ERROR_NAMESPACES[module] ?? []));
  return [...new Set(codes)];
}

/**
 * Adds the security requirement and the error answers to a module route's schema, keeping any
 * answer the route documents itself. Called from the onRoute hook of the modules' scope.
 */
export function documentRoute(route: RouteOptions, access: RouteAccess, module: string): void {
  const schema = (route.schema ?? {}) as Record<string, unknown>;
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  const changes = methods.some((method) => UNSAFE_METHODS.has(method));
  const requirement: Record<string, string[]> = {};
  if (access !== 'public') requirement.session = [];
  if (changes) requirement.csrf = [];
  const response = { ...((schema.response as Record<string, unknown> | undefined) ?? {}) };
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of routeErrorCodes(route, access, module)) {
    const status = ERROR_CATALOG[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  for (const [status, codes] of byStatus) {
    if (response[status] !== undefined) continue;
    // Errors are JSON whatever the route's own answers are (a CSV export's, say).
    response[status] = {
      description: `Error codes: ${codes.join(', ')}`,
      content: { 'application/json': { schema: ErrorEnvelope } },
    };
  }
  // Changed in place: whatever recorded the route before this hook sees the same schema.
  route.schema = Object.assign(schema, { security: Object.keys(requirement).length > 0 ? [requirement] : [], response });
}
