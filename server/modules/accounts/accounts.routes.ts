import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/request-actor.js';
import { requireSignedIn } from '../../http/session-auth.js';
import {
  ChangePasswordBody,
  EmailBody,
  PendingEmailAnswer,
  Profile,
  ProfilePatchBody,
  RegistrationAnswer,
  RegistrationBody,
  TokenBody,
  TokenPasswordBody,
  UserIdBody,
  VerifiedAnswer,
} from './accounts.schemas.js';

export async function accountsRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const rateLimit = { max: ctx.config.accounts.authRateLimit, timeWindow: 60_000 };
  const Accepted = { 202: Type.Null() };

  app.post(
    '/registrations',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags: ['registration'],
        summary: 'New User Registration',
        body: RegistrationBody,
        response: { 201: RegistrationAnswer },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const answer = await ctx.accounts.register(actorOf(request), { ...body, phone: body.phone || undefined });
      return reply.status(201).send(answer);
    },
  );

  app.post(
    '/registrations/verify',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags: ['registration'],
        summary: 'Verify the email address with the emailed link',
        body: TokenBody,
        response: { 200: VerifiedAnswer },
      },
    },
    (request) => ctx.accounts.verifyEmail(actorOf(request), request.body.token),
  );

  app.post(
    '/registrations/resend',
    {
      config: { access: 'public', rateLimit },
      schema: { tags: ['registration'], summary: 'Send the verification link again', body: EmailBody, response: Accepted },
    },
    async (request, reply) => {
      await ctx.accounts.resendVerification(actorOf(request), request.body.email);
      return reply.status(202).send(null);
    },
  );

  app.post(
    '/account-setup',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags: ['registration'],
        summary: 'Set the first password from an administrator set-up link',
        body: TokenPasswordBody,
        response: { 200: VerifiedAnswer },
      },
    },
    (request) => ctx.accounts.setUpAccount(actorOf(request), request.body.token, request.body.password),
  );

  app.post(
    '/recovery/user-id',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags: ['recovery'],
        summary: 'Forgot your user ID: email it to the address on file',
        body: EmailBody,
        response: Accepted,
      },
    },
    async (request, reply) => {
      await ctx.accounts.remindUserId(actorOf(request), request.body.email);
      return reply.status(202).send(null);
    },
  );

  app.post(
    '/recovery/password',
    {
      config: { access: 'public', rateLimit },
      schema: { tags: ['recovery'], summary: 'Forgot your password: email a reset link', body: UserIdBody, response: Accepted },
    },
    async (request, reply) => {
      await ctx.accounts.requestPasswordReset(actorOf(request), request.body.userId);
      return reply.status(202).send(null);
    },
  );

  app.post(
    '/recovery/password/reset',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags: ['recovery'],
        summary: 'Set a new password from the reset link',
        body: TokenPasswordBody,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await ctx.accounts.resetPassword(actorOf(request), request.body.token, request.body.password);
      return reply.status(204).send(null);
    },
  );

  app.get('/me', { schema: { tags: ['profile'], summary: 'My Profile', response: { 200: Profile } } }, (request) =>
    ctx.accounts.getProfile(requireSignedIn(request).user.id),
  );

  app.patch(
    '/me',
    {
      schema: {
        tags: ['profile'],
        summary: 'Change my names, phone or language',
        body: ProfilePatchBody,
        response: { 200: Profile },
      },
    },
    (request) => ctx.accounts.updateProfile(actorOf(request), requireSignedIn(request).user.id, request.body),
  );

  app.post(
    '/me/email',
    {
      schema: {
        tags: ['profile'],
        summary: 'Change my email address (used once the emailed link is opened)',
        body: EmailBody,
        response: { 202: PendingEmailAnswer },
      },
    },
    async (request, reply) => {
      const answer = await ctx.accounts.requestEmailChange(
        actorOf(request),
        requireSignedIn(request).user.id,
        request.body.email,
      );
      return reply.status(202).send(answer);
    },
  );

  app.post(
    '/me/email/verify',
    { schema: { tags: ['profile'], summary: 'Confirm a new email address', body: TokenBody, response: { 200: Profile } } },
    (request) => ctx.accounts.confirmEmailChange(actorOf(request), requireSignedIn(request).user.id, request.body.token),
  );

  app.post(
    '/me/password',
    {
      config: { rateLimit },
      schema: { tags: ['profile'], summary: 'Change my password', body: ChangePasswordBody, response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      const { user, session } = requireSignedIn(request);
      await ctx.accounts.changePassword(actorOf(request), user.id, { ...request.body, keepSessionId: session.id });
      return reply.status(204).send(null);
    },
  );
}
