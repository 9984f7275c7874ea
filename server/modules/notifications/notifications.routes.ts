import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.js';
import { requireSignedIn } from '../../http/session-auth.js';
import { OutboxPage, OutboxQuery } from './notifications.schemas.js';

export async function notificationsRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  // Not registered where it is turned off: its existence is not advertised.
  if (!ctx.config.mailViewer) return;
  app.get(
    '/dev/outbox',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Development mail viewer: every message in the outbox, newest first',
        querystring: OutboxQuery,
        response: { 200: OutboxPage },
      },
    },
    async (request) => {
      const { user } = requireSignedIn(request);
      return ctx.notifications.listOutbox(ctx.database.db, user, {
        before: request.query.cursor,
        limit: request.query.limit ?? 50,
      });
    },
  );
}
