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
import { registerSessionAuth } from './http/session-auth.js';
import { accountsRoutes } from './modules/accounts/accounts.routes.js';
import { assignmentsRoutes } from './modules/assignments/assignments.routes.js';
import { catalogRoutes } from './modules/catalog/catalog.routes.js';
import { certificationRoutes } from './modules/certification/certification.routes.js';
import { organizationFormsRoutes } from './modules/organization-forms/organization-forms.routes.js';
import { organizationsRoutes } from './modules/organizations/organizations.routes.js';
import { requestsRoutes } from './modules/requests/requests.routes.js';
import { mfaRoutes } from './modules/mfa/mfa.routes.js';
import { notificationsRoutes } from './modules/notifications/notifications.routes.js';
import { sessionsRoutes } from './modules/sessions/sessions.routes.js';
import { termsRoutes } from './modules/terms/terms.routes.js';
import { systemRoutes } from './modules/system/system.routes.js';
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
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
  });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

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
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });

  await systemRoutes(app, ctx);
  // The modules' routes, in a scope of their own where every route reads the session and checks
  // CSRF: a route's config says so, not its address.
  await app.register(async (api) => {
    api.addHook('onRoute', (route) => {
      route.config = { ...route.config, session: route.config?.session ?? true };
    });
    for (const moduleRoutes of [
      notificationsRoutes,
      sessionsRoutes,
      accountsRoutes,
      mfaRoutes,
      termsRoutes,
      catalogRoutes,
      organizationsRoutes,
      assignmentsRoutes,
      requestsRoutes,
      organizationFormsRoutes,
      certificationRoutes,
    ]) {
      await moduleRoutes(api, ctx);
    }
  });

  await registerWebApp(app, ctx.config.webDir);
  return app;
}
