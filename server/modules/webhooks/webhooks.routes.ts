import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/request-actor.js';
import { requireSignedIn } from '../../http/session-auth.js';
import {
  CreatedSubscription,
  MessagePage,
  MessageParams,
  MessagesQuery,
  NewSubscriptionBody,
  SubscriptionList,
  SubscriptionParams,
} from './webhooks.schemas.js';

/** Administrators subscribe applications to webhooks, read the delivery log and replay messages. */
export async function webhooksRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['webhooks'];

  app.get(
    '/admin/webhooks',
    {
      schema: {
        tags,
        summary: "The applications' webhook subscriptions, never their secrets (administrators)",
        response: { 200: SubscriptionList },
      },
    },
    async (request) => ({ items: await ctx.webhooks.list(requireSignedIn(request).user) }),
  );

  app.post(
    '/admin/webhooks',
    {
      schema: {
        tags,
        summary: 'Subscribe an application to events; the signing secret is in this answer only (administrators)',
        body: NewSubscriptionBody,
        response: { 201: CreatedSubscription },
      },
    },
    async (request, reply) => {
      const { user } = requireSignedIn(request);
      return reply.status(201).send(await ctx.webhooks.subscribe(actorOf(request), user, request.body));
    },
  );

  app.delete(
    '/admin/webhooks/:id',
    {
      schema: {
        tags,
        summary: 'Remove a subscription: its messages not sent yet are dropped (administrators)',
        params: SubscriptionParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await ctx.webhooks.remove(actorOf(request), requireSignedIn(request).user, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/admin/webhooks/:id/messages',
    {
      schema: {
        tags,
        summary: "A subscription's delivery log, newest first, with every attempt (administrators)",
        params: SubscriptionParams,
        querystring: MessagesQuery,
        response: { 200: MessagePage },
      },
    },
    async (request) =>
      ctx.webhooks.messages(requireSignedIn(request).user, request.params.id, {
        limit: request.query.limit ?? 50,
        ...(request.query.cursor ? { before: request.query.cursor } : {}),
      }),
  );

  app.post(
    '/admin/webhooks/messages/:messageId/replay',
    {
      schema: {
        tags,
        summary: 'Send a message again, with the same webhook-id (administrators)',
        params: MessageParams,
        response: { 202: Type.Null() },
      },
    },
    async (request, reply) => {
      await ctx.webhooks.replay(actorOf(request), requireSignedIn(request).user, request.params.messageId);
      return reply.status(202).send(null);
    },
  );
}
