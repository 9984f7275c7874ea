import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/request-actor.js';
import { requireSignedIn, requireStage, type Authenticated } from '../../http/session-auth.js';
import { openedSessionState, sessionState } from '../sessions/session-view.js';
import type { EnrollmentDone as Done } from './mfa.service.js';
import {
  ConfirmBody,
  EnrollmentDone,
  EnrollmentStarted,
  FactorList,
  FactorParams,
  RecoveryCodes,
  RegisterWebAuthnBody,
  RegistrationOptions,
  StartEnrollmentBody,
} from './mfa.schemas.js';

/** "Manage MFA and recovery devices", and enrolment of a first device during the first sign-in. */
export async function mfaRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['mfa'];
  const rateLimit = { max: ctx.config.accounts.authRateLimit, timeWindow: 60_000 };
  // Enrolling a device is for a first device at sign-in (stage enroll) and for more once signed in.
  const ENROLLING = ['enroll', 'active'] as const;
  const enrolling = (request: FastifyRequest): Authenticated => requireStage(request, ENROLLING);

  /** A first device confirmed during sign-in completes the sign-in: a new session replaces this one. */
  async function afterEnrollment(request: FastifyRequest, reply: FastifyReply, auth: Authenticated, done: Done) {
    if (auth.session.stage === 'enroll') {
      const opened = await ctx.signIn.completeEnrollment(actorOf(request), auth.session, done.factor.kind);
      return { ...done, ...(await openedSessionState(ctx, reply, opened, auth.user)) };
    }
    return { ...done, ...(await sessionState(ctx, request, reply)) };
  }

  app.get(
    '/mfa/factors',
    { config: { access: ENROLLING }, schema: { tags, summary: 'My MFA devices', response: { 200: FactorList } } },
    async (request) => {
      const { user } = enrolling(request);
      return ctx.mfa.listFactors(user.id);
    },
  );

  app.post(
    '/mfa/factors',
    {
      config: { access: ENROLLING },
      schema: {
        tags,
        summary: 'Start adding an authenticator app, email, text or voice device',
        body: StartEnrollmentBody,
        response: { 201: EnrollmentStarted },
      },
    },
    async (request, reply) => {
      const { user } = enrolling(request);
      return reply.status(201).send(await ctx.mfa.startEnrollment(actorOf(request), user, request.body));
    },
  );

  app.post(
    '/mfa/factors/:id/confirm',
    {
      config: { access: ENROLLING, rateLimit },
      schema: {
        tags,
        summary: 'Confirm a new device with a code from it',
        params: FactorParams,
        body: ConfirmBody,
        response: { 200: EnrollmentDone },
      },
    },
    async (request, reply) => {
      const auth = enrolling(request);
      const done = await ctx.mfa.confirmEnrollment(actorOf(request), auth.user, request.params.id, request.body.code);
      return afterEnrollment(request, reply, auth, done);
    },
  );

  app.post(
    '/mfa/webauthn/options',
    {
      config: { access: ENROLLING },
      schema: { tags, summary: 'Options for registering a security key or passkey', response: { 200: RegistrationOptions } },
    },
    async (request) => {
      const { user } = enrolling(request);
      return { options: await ctx.mfa.webauthnRegistrationOptions(user) };
    },
  );

  app.post(
    '/mfa/webauthn',
    {
      config: { access: ENROLLING },
      schema: {
        tags,
        summary: 'Register a security key or passkey',
        body: RegisterWebAuthnBody,
        response: { 200: EnrollmentDone },
      },
    },
    async (request, reply) => {
      const auth = enrolling(request);
      const done = await ctx.mfa.registerWebauthn(
        actorOf(request),
        auth.user,
        request.body.label,
        request.body.response as never,
      );
      return afterEnrollment(request, reply, auth, done);
    },
  );

  app.delete(
    '/mfa/factors/:id',
    { schema: { tags, summary: 'Remove a device (never the last one)', params: FactorParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      const { user } = requireSignedIn(request);
      await ctx.mfa.removeFactor(actorOf(request), user, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/mfa/recovery-codes',
    {
      schema: { tags, summary: 'A new set of ten recovery codes (the old set stops working)', response: { 200: RecoveryCodes } },
    },
    async (request) => {
      const { user } = requireSignedIn(request);
      return { recoveryCodes: await ctx.mfa.regenerateRecoveryCodes(actorOf(request), user) };
    },
  );
}
