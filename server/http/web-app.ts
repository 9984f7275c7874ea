import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from './error-handler.js';

/**
 * Paths that belong to the server or to the protocols clients probe, never to the web app: an
 * unknown one is a JSON 404 whatever the client accepts.
 */
const SERVER_PREFIXES = [
  '/api/',
  '/docs',
  '/oidc/',
  '/oauth/',
  '/scim/',
  '/access/',
  '/.well-known/',
  '/healthz',
  '/readyz',
  '/metrics',
];

/**
 * The first segment of every page of the web app (its routes in web/src/routes.tsx and the
 * features' route lists; a test keeps the two in step). A path in one of these loads the app; any
 * other is a 404: the app's Not Found page for a browser, JSON for anything else, so a client
 * library probing an address it expects (`/.well-known/openid-configuration`) is never told yes.
 */
export const WEB_APP_SECTIONS: ReadonlySet<string> = new Set([
  '',
  'sign-in',
  'mfa',
  'register',
  'verify-email',
  'forgot-user-id',
  'forgot-password',
  'reset-password',
  'set-up',
  'profile',
  'roles',
  'approvals',
  'organization-forms',
  'organizations',
  'my-organization',
  'certifications',
  'help-desk',
  'admin',
  'audit',
  'dev',
]);

/**
 * The stylesheets the built web app links, for pages served without it (the OpenID Connect
 * provider's): none when the web app is not built.
 */
export function builtStylesheets(webDir: string): string[] {
  const index = join(webDir, 'index.html');
  if (!existsSync(index)) return [];
  const links = readFileSync(index, 'utf8').match(/<link\b[^>]*>/g) ?? [];
  return links.flatMap((link) => {
    const href = /\bhref="([^"]+)"/.exec(link)?.[1];
    return /\brel="stylesheet"/.test(link) && href?.startsWith('/') ? [href] : [];
  });
}

/**
 * Serves the built web app from `webDir`: hashed assets cached for a year, index.html never
 * cached, and every GET for one of the app's pages answered with index.html so client-side routes
 * load directly. Anything else unknown is a 404.
 */
export async function registerWebApp(app: FastifyInstance, webDir: string): Promise<void> {
  const built = existsSync(join(webDir, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: webDir,
      prefix: '/',
      wildcard: false,
      index: false,
      setHeaders(reply, path) {
        reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  } else {
    app.log.warn({ webDir }, 'the web app is not built (npm run build:web): pages are not served');
  }

  app.setNotFoundHandler(async (request: FastifyRequest, reply: FastifyReply) => {
    const page = built ? pageAsked(request) : 'none';
    if (page === 'none') return sendError(request, reply, 'route.not_found');
    return reply
      .status(page === 'app' ? 200 : 404)
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .sendFile('index.html');
  });
}

/**
 * `app` for one of the web app's pages, `not-found` for a browser asking for a page the app does
 * not have (the app then shows its Not Found page), `none` for everything else.
 */
function pageAsked(request: FastifyRequest): 'app' | 'not-found' | 'none' {
  if (request.method !== 'GET' && request.method !== 'HEAD') return 'none';
  const path = request.url.split('?')[0] ?? '/';
  if (SERVER_PREFIXES.some((prefix) => path.startsWith(prefix))) return 'none';
  // A missing file (an old hashed asset, a typo) is a 404, not the app's index page.
  if (path.startsWith('/assets/') || /\.[a-z0-9]+$/i.test(path)) return 'none';
  const accept = request.headers.accept ?? '';
  const section = path.split('/')[1] ?? '';
  if (WEB_APP_SECTIONS.has(section)) {
    return accept.includes('text/html') || accept.includes('*/*') || accept === '' ? 'app' : 'none';
  }
  return accept.includes('text/html') ? 'not-found' : 'none';
}
