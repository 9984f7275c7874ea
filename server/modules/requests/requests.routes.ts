import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/request-actor.js';
import { requireSignedIn } from '../../http/session-auth.js';
import {
  DecisionBody,
  MyRequestsQuery,
  PendingApprovalsQuery,
  RequestPage,
  RequestParams,
  RequestViewSchema,
  SubmitBody,
} from './requests.schemas.js';

export async function requestsRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['role requests'];

  app.post(
    '/role-requests',
    {
      schema: {
        tags,
        summary: 'Submit Role Request: the answer carries the confirmation number',
        body: SubmitBody,
        response: { 201: RequestViewSchema },
      },
    },
    async (request, reply) => {
      const { user } = requireSignedIn(request);
      return reply.status(201).send(await ctx.requests.submit(actorOf(request), user, request.body));
    },
  );

  app.get(
    '/role-requests/pending-approvals',
    {
      schema: {
        tags,
        summary: 'Pending Approvals: the requests I may decide, oldest first; of one organization when it is named',
        querystring: PendingApprovalsQuery,
        response: { 200: RequestPage },
      },
    },
    async (request) => {
      const { user } = requireSignedIn(request);
      const { cursor, limit, organizationId } = request.query;
      return ctx.requests.listPendingApprovals(user, { after: cursor, limit: limit ?? 25, organizationId });
    },
  );

  app.get(
    '/me/requests',
    {
      schema: {
        tags,
        summary: 'My role requests in every state, newest first, a page at a time, with decision dates and comments',
        querystring: MyRequestsQuery,
        response: { 200: RequestPage },
      },
    },
    async (request) => {
      const { user } = requireSignedIn(request);
      const { cursor, status, limit } = request.query;
      return ctx.requests.listMine(user, { before: cursor, status, limit: limit ?? 25 });
    },
  );

  app.get(
    '/role-requests/:id',
    {
      schema: {
        tags,
        summary: 'One request, for its requester or someone who may decide it',
        params: RequestParams,
        response: { 200: RequestViewSchema },
      },
    },
    async (request) => {
      const { user } = requireSignedIn(request);
      return ctx.requests.get(user, request.params.id);
    },
  );

  app.post(
    '/role-requests/:id/decision',
    {
      schema: {
        tags,
        summary: 'Approve or reject (a comment is required to reject); the first decision wins',
        params: RequestParams,
        body: DecisionBody,
        response: { 200: RequestViewSchema },
      },
    },
    async (request) => {
      const { user } = requireSignedIn(request);
      return ctx.requests.decide(actorOf(request), user, request.params.id, request.body);
    },
  );

  app.post(
    '/role-requests/:id/cancel',
    { schema: { tags, summary: 'Cancel my pending request', params: RequestParams, response: { 200: RequestViewSchema } } },
    async (request) => {
      const { user } = requireSignedIn(request);
      return ctx.requests.cancel(actorOf(request), user, request.params.id);
    },
  );
}
