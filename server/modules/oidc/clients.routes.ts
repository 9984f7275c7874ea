import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/request-actor.js';
import { requireSignedIn } from '../../http/session-auth.js';
import { ClientList, ClientParams, ClientSecret, CreatedClient, NewClientBody } from './clients.schemas.js';

/** Administrators manage the applications' OpenID Connect clients (as `rolecall client …` does). */
export async function clientsRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['clients'];
  const clients = ctx.oidc.administration;

  app.get(
    '/admin/clients',
    {
      schema: { tags, summary: "The applications' clients, never their secrets (administrators)", response: { 200: ClientList } },
    },
    async (request) => ({ items: await clients.list(requireSignedIn(request).user) }),
  );

  app.post(
    '/admin/clients',
    {
      schema: {
        tags,
        summary: 'Register a client of an application; its secret is in this answer only (administrators)',
        body: NewClientBody,
        response: { 201: CreatedClient },
      },
    },
    async (request, reply) => {
      const { user } = requireSignedIn(request);
      return reply.status(201).send(await clients.create(actorOf(request), user, request.body));
    },
  );

  app.post(
    '/admin/clients/:clientId/rotate-secret',
    {
      schema: {
        tags,
        summary: "Replace a client's secret; the old one stops working at once (administrators)",
        params: ClientParams,
        response: { 200: ClientSecret },
      },
    },
    async (request) => clients.rotateSecret(actorOf(request), requireSignedIn(request).user, request.params.clientId),
  );

  app.delete(
    '/admin/clients/:clientId',
    {
      schema: {
        tags,
        summary: 'Remove a client: its tokens stop working with it (administrators)',
        params: ClientParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await clients.remove(actorOf(request), requireSignedIn(request).user, request.params.clientId);
      return reply.status(204).send(null);
    },
  );
}
