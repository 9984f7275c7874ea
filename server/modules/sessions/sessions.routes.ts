import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/request-actor.js';
import { clearSessionCookie, requireSignedIn, requireStage } from '../../http/session-auth.js';
import {
  ChallengeAnswer,
  ChallengeBody,
  PasswordStepBody,
  RecoveryCodeBody,
  SessionIdParams,
  SessionList,
  SessionState,
  VerifyBody,
} from './sessions.schemas.js';
import { openedSessionState, sessionState } from './session-view.js';

export async function sessionsRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['sessions'];
  const rateLimit = { max: ctx.config.accounts.authRateLimit, timeWindow: 60_000 };

  app.get(
    '/session',
    {
      // Reading the session is what a page polls for the timeout warning: it is not activity.
      config: { access: 'public', touchSession: false },
      schema: { tags, summary: 'The current session and the CSRF token to send with changes', response: { 200: SessionState } },
    },
    (request, reply) => sessionState(ctx, request, reply),
  );

  app.post(
    '/session/refresh',
    { schema: { tags, summary: '"Stay signed in": restarts the idle timer', response: { 200: SessionState } } },
    async (request, reply) => {
      requireSignedIn(request);
      return sessionState(ctx, request, reply);
    },
  );

  app.delete(
    '/session',
    { config: { access: 'public' }, schema: { tags, summary: 'Sign out', response: { 204: Type.Null() } } },
    async (request, reply) => {
      const session = request.auth.session;
      if (session) await ctx.sessions.end(actorOf(request), session.id, 'signed_out');
      clearSessionCookie(reply, ctx);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/sign-in',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags,
        summary: 'Sign-in step 1: user ID, password and "I agree to the terms and conditions"',
        body: PasswordStepBody,
        response: { 200: SessionState },
      },
    },
    async (request, reply) => {
      const opened = await ctx.signIn.passwordStep(actorOf(request), request.body, request.auth.session?.id);
      return openedSessionState(ctx, reply, opened, await ctx.accounts.getUser(ctx.database.db, opened.session.userId));
    },
  );

  app.post(
    '/sign-in/mfa/challenge',
    {
      config: { access: ['mfa'], rateLimit },
      schema: {
        tags,
        summary: 'Sign-in step 2: the chosen MFA device sends a code or prompts',
        body: ChallengeBody,
        response: { 200: ChallengeAnswer },
      },
    },
    async (request) => {
      const { session } = requireStage(request, ['mfa']);
      return ctx.signIn.challenge(session, request.body.factorId);
    },
  );

  app.post(
    '/sign-in/mfa/verify',
    {
      config: { access: ['mfa'], rateLimit },
      schema: {
        tags,
        summary: 'Sign-in step 3: the code or the security key',
        body: VerifyBody,
        response: { 200: SessionState },
      },
    },
    async (request, reply) => {
      const { session, user } = requireStage(request, ['mfa']);
      const { factorId, code, webauthn } = request.body;
      const opened = await ctx.signIn.verifyFactor(actorOf(request), session, factorId, { code, webauthn: webauthn as never });
      return openedSessionState(ctx, reply, opened, user);
    },
  );

  app.post(
    '/sign-in/recovery-code',
    {
      config: { access: ['mfa'], rateLimit },
      schema: {
        tags,
        summary: 'Sign-in step 3 with a one-time recovery code',
        body: RecoveryCodeBody,
        response: { 200: SessionState },
      },
    },
    async (request, reply) => {
      const { session, user } = requireStage(request, ['mfa']);
      const opened = await ctx.signIn.verifyRecoveryCode(actorOf(request), session, request.body.code);
      return openedSessionState(ctx, reply, opened, user);
    },
  );

  app.get('/me/sessions', { schema: { tags, summary: 'My open sessions', response: { 200: SessionList } } }, async (request) => {
    const { session, user } = requireSignedIn(request);
    return ctx.sessions.listOwn(user.id, session.id);
  });

  app.delete(
    '/me/sessions/:id',
    { schema: { tags, summary: 'End one of my sessions', params: SessionIdParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      const { session, user } = requireSignedIn(request);
      await ctx.sessions.endOwn(actorOf(request), user.id, request.params.id);
      if (request.params.id === session.id) clearSessionCookie(reply, ctx);
      return reply.status(204).send(null);
    },
  );
}
