import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { AppContext } from './context.js';
import { registerErrorHandler } from './http/error-handler.js';
import { registerInputTextGuard } from './http/input-text.js';
import { recordRoutes } from './http/route-table.js';
import { registerSecurity } from './http/security.js';
import { registerWebApp } from './http/web-app.js';
import { routeValidators } from './http/validation.js';
import { documentRoute, securitySchemes } from './http/openapi.js';
import { registerSessionAuth, SIGNED_IN } from './http/session-auth.js';
import { accessRoutes } from './modules/access/access.routes.js';
import { accountsRoutes } from './modules/accounts/accounts.routes.js';
import { assignmentsRoutes } from './modules/assignments/assignments.routes.js';
import { catalogRoutes } from './modules/catalog/catalog.routes.js';
import { certificationRoutes } from './modules/certification/certification.routes.js';
import { organizationFormsRoutes } from './modules/organization-forms/organization-forms.routes.js';
import { organizationsRoutes } from './modules/organizations/organizations.routes.js';
import { requestsRoutes } from './modules/requests/requests.routes.js';
import { reportsRoutes } from './modules/reports/reports.routes.js';
import { mfaRoutes } from './modules/mfa/mfa.routes.js';
import { notificationsRoutes } from './modules/notifications/notifications.routes.js';
import { clientsRoutes } from './modules/oidc/clients.routes.js';
import { oidcRoutes } from './modules/oidc/oidc.routes.js';
import { SCIM_PREFIX, scimRoutes } from './modules/scim/scim.routes.js';
import { webhooksRoutes } from './modules/webhooks/webhooks.routes.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { helpDeskRoutes } from './modules/help-desk/help-desk.routes.js';
import { sessionsRoutes } from './modules/sessions/sessions.routes.js';
import { termsRoutes } from './modules/terms/terms.routes.js';
import { systemRoutes } from './modules/system/system.routes.js';
import { configurationRoutes } from './modules/system/configuration.routes.js';
import { newId } from './shared/ids.js';

/** What a request id from elsewhere may look like: short, printable, nothing a log line could be forged with. */
const FORWARDED_REQUEST_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

/**
 * The request's id: the one a trusted proxy (ROLECALL_TRUST_PROXY) forwarded in `x-request-id`, so
 * that one request can be followed across services, or a new one. From an untrusted client the
 * header is ignored: anyone could send an id to blur their requests with someone else's.
 */
export function requestIdFor(header: string | string[] | undefined, trustProxy: boolean): string {
  const forwarded = Array.isArray(header) ? header[0] : header;
  if (trustProxy && forwarded !== undefined && FORWARDED_REQUEST_ID.test(forwarded)) return forwarded;
  return newId();
}

/** Where the JSON API lives: every module's routes are registered under it. */
export const API_PREFIX = '/api/v1';

/** Every module's routes, by the module's name (which names its error codes in the API description). */
const MODULE_ROUTES: readonly (readonly [string, (app: FastifyInstance, ctx: AppContext) => Promise<void>])[] = [
  ['notifications', notificationsRoutes],
  ['sessions', sessionsRoutes],
  ['accounts', accountsRoutes],
  ['mfa', mfaRoutes],
  ['terms', termsRoutes],
  ['catalog', catalogRoutes],
  ['organizations', organizationsRoutes],
  ['assignments', assignmentsRoutes],
  ['requests', requestsRoutes],
  ['organization-forms', organizationFormsRoutes],
  ['certification', certificationRoutes],
  ['oidc', clientsRoutes],
  ['webhooks', webhooksRoutes],
  ['audit', auditRoutes],
  ['help-desk', helpDeskRoutes],
  ['system', configurationRoutes],
  ['reports', reportsRoutes],
];

/**
 * Builds the HTTP application without listening, so tests drive it with app.inject(): the
 * infrastructure plugins first, then each module's routes, then the web app.
 */
export async function buildApp(ctx: AppContext): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.logger as FastifyBaseLogger,
    genReqId: (request) => requestIdFor(request.headers['x-request-id'], ctx.config.trustProxy),
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    trustProxy: ctx.config.trustProxy,
    bodyLimit: 256 * 1024,
    schemaController: { compilersFactory: { buildValidator: routeValidators() } },
  });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // JSON is the only body the API takes (SCIM adds its own media type, the OpenID provider its
  // forms): a text body is refused with 415 before any route reads it, not parsed as a string.
  app.removeContentTypeParser('text/plain');

  recordRoutes(app);
  registerErrorHandler(app);
  registerInputTextGuard(app);
  await registerSecurity(app, { httpsOnly: ctx.config.publicUrl.startsWith('https://') });
  await app.register(cookie);
  registerSessionAuth(app, ctx);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Rolecall API',
        version: '1',
        description: 'Identity management with role requests, approvals and annual role certification.',
      },
      servers: [{ url: ctx.config.publicUrl }],
      components: { securitySchemes: securitySchemes(ctx.config.publicUrl) },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });

  await systemRoutes(app, ctx);
  // Each module's routes in a scope of its own under /api/v1, inside one scope where every route reads the
  // session and checks CSRF (a route's config says so, not its address), is for signed-in people
  // unless it declares otherwise, and is documented with the security and error answers it has.
  await app.register(async (api) => {
    for (const [module, moduleRoutes] of MODULE_ROUTES) {
      await api.register(
        async (scope) => {
          scope.addHook('onRoute', (route) => {
            const access = route.config?.access ?? SIGNED_IN;
            route.config = { ...route.config, session: route.config?.session ?? true, access };
            documentRoute(route, access, module);
          });
          await moduleRoutes(scope, ctx);
        },
        { prefix: API_PREFIX },
      );
    }
  });

  await app.register(async (scope) => accessRoutes(scope, ctx));
  await app.register(async (scope) => scimRoutes(scope, ctx), { prefix: SCIM_PREFIX });
  await oidcRoutes(app, ctx);
  await registerWebApp(app, ctx.config.webDir);
  return app;
}
