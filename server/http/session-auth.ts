import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import type { User } from '../modules/accounts/accounts.service.js';
import type { OpenedSession, Session, SessionStage } from '../modules/sessions/sessions.service.js';
import { constantTimeEqual, randomToken } from '../shared/crypto.js';
import { AppError } from './errors.js';

export const CSRF_HEADER = 'x-csrf-token';

/**
 * The names of the session cookie and the pre-session CSRF cookie. Behind an https address they
 * carry the `__Host-` prefix: a browser takes such a cookie only from this very host, Secure,
 * with Path=/ and no Domain, so a neighbouring host cannot plant or replace one.
 */
export function cookieNames(publicUrl: string): { session: string; csrf: string } {
  const prefix = publicUrl.startsWith('https://') ? '__Host-' : '';
  return { session: `${prefix}rolecall_session`, csrf: `${prefix}rolecall_csrf` };
}

/** Who is behind a request: a session (at some stage of sign-in) and its user, or nobody. */
export interface RequestAuth {
  session?: Session;
  user?: User;
  /** The session cookie's value, needed to derive its CSRF token. */
  token?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: RequestAuth;
  }
  interface FastifyContextConfig {
    /**
     * true for the JSON API's routes: the session cookie is read and a state-changing request
     * must carry the CSRF token. Set for every module route where the modules are registered
     * (app.ts); health, metrics, the API description and the web app's files have none.
     */
    session?: boolean;
    /** false for requests that must not count as activity (the session status a page polls). */
    touchSession?: boolean;
    /**
     * Who may call the route, checked before its handler: 'public' for anyone (a session is read
     * if there is one), or the sign-in stages a session must be at. Module routes that say
     * nothing are for signed-in people (stage active); the API description documents the same.
     */
    access?: RouteAccess;
  }
}

export type RouteAccess = 'public' | readonly SessionStage[];

/** What a module route that declares nothing requires: a session that finished signing in. */
export const SIGNED_IN: RouteAccess = ['active'];

/** Methods that change something: they must carry the CSRF token. */
export const UNSAFE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Resolves the session cookie on every API request, refuses state-changing requests without the
 * right CSRF token, and restarts the idle timer. Routes then ask for the stage they need.
 */
export function registerSessionAuth(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('auth', null as unknown as RequestAuth);

  app.addHook('onRequest', async (request, reply) => {
    request.auth = {};
    if (request.routeOptions.config?.session !== true) return;
    const token = request.cookies[cookieNames(ctx.config.publicUrl).session];
    if (token) {
      const session = await ctx.sessions.resolve(token);
      const user = session && (await ctx.accounts.getUser(ctx.database.db, session.userId).catch(() => undefined));
      if (session && user && user.status === 'active') {
        request.auth = { session, user, token };
      } else {
        if (session) await ctx.sessions.end({ kind: 'system' }, session.id, 'account_unavailable');
        clearSessionCookie(reply, ctx);
      }
    }
    if (UNSAFE_METHODS.has(request.method) && !csrfTokenValid(request, ctx)) throw new AppError('auth.csrf');
    const session = request.auth.session;
    if (session && request.routeOptions.config?.touchSession !== false) {
      request.auth.session = await ctx.sessions.touch(session);
    }
  });

  // Answers about a person (and the pre-session ones, which carry a CSRF token) are never kept by a
  // browser or a proxy: a shared computer's back button or a cache must not show them to the next user.
  app.addHook('onSend', async (request, reply) => {
    if (request.routeOptions.config?.session === true && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'no-store');
    }
  });

  // The route's declared access, checked once its input is known to be well-formed, just before
  // its handler: a malformed request is told what is malformed whoever sends it.
  app.addHook('preHandler', async (request) => {
    const access = request.routeOptions.config?.access ?? 'public';
    if (access !== 'public') requireStage(request, access);
  });
}

function csrfTokenValid(request: FastifyRequest, ctx: AppContext): boolean {
  const sent = request.headers[CSRF_HEADER];
  if (typeof sent !== 'string' || sent.length === 0) return false;
  // Signed in (or half-way): the token belongs to the session. Before that: to the browser's
  // pre-session cookie, which a page on another site can neither read nor set.
  const expected = request.auth.token ? ctx.sessions.csrfTokenFor(request.auth.token) : preSessionToken(request, ctx);
  return expected !== undefined && constantTimeEqual(sent, expected);
}

/**
 * The pre-session CSRF token: a keyed hash of the browser's pre-session cookie, so the header
 * cannot be any value the cookie also holds. A cookie planted by a neighbouring site (cookie
 * tossing) is of no use without the token the server derived from it.
 */
function preSessionToken(request: FastifyRequest, ctx: AppContext): string | undefined {
  const nonce = request.cookies[cookieNames(ctx.config.publicUrl).csrf];
  if (!nonce || nonce.length < 32) return undefined;
  return ctx.sessions.csrfTokenFor(`pre-session:${nonce}`);
}

/** The pre-session CSRF token for the browser's pre-session cookie, which is set now if it has none. */
export function anonymousCsrfToken(request: FastifyRequest, reply: FastifyReply, ctx: AppContext): string {
  const existing = preSessionToken(request, ctx);
  if (existing) return existing;
  const nonce = randomToken(32);
  reply.setCookie(cookieNames(ctx.config.publicUrl).csrf, nonce, { ...cookieOptions(ctx), sameSite: 'strict' });
  return ctx.sessions.csrfTokenFor(`pre-session:${nonce}`);
}

function cookieOptions(ctx: AppContext) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: ctx.config.publicUrl.startsWith('https://') };
}

export function setSessionCookie(reply: FastifyReply, ctx: AppContext, opened: OpenedSession): void {
  reply.setCookie(cookieNames(ctx.config.publicUrl).session, opened.token, cookieOptions(ctx));
}

export function clearSessionCookie(reply: FastifyReply, ctx: AppContext): void {
  reply.clearCookie(cookieNames(ctx.config.publicUrl).session, cookieOptions(ctx));
}

export interface Authenticated {
  session: Session;
  user: User;
}

/** The signed-in user, or `auth.required` (`auth.mfa_required` half-way through sign-in). */
export function requireSignedIn(request: FastifyRequest): Authenticated {
  return requireStage(request, ['active']);
}

export function requireStage(request: FastifyRequest, stages: readonly SessionStage[]): Authenticated {
  const { session, user } = request.auth;
  if (!session || !user) throw new AppError('auth.required');
  if (!stages.includes(session.stage)) throw new AppError(session.stage === 'active' ? 'auth.forbidden' : 'auth.mfa_required');
  return { session, user };
}
