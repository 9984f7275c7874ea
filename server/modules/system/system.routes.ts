import { sql } from 'kysely';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { routeLabel } from './metrics.js';

const HealthResponse = Type.Object({ status: Type.String() });

/** Liveness, readiness and Prometheus metrics. */
export async function systemRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.addHook('onResponse', async (request, reply) => {
    ctx.metrics.observeRequest(
      { method: request.method, route: routeLabel(request.routeOptions.url), status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  app.get(
    '/healthz',
    { schema: { tags: ['system'], summary: 'The process is up', response: { 200: HealthResponse } } },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['system'],
        summary: 'The database answers',
        response: { 200: HealthResponse, 503: HealthResponse },
      },
    },
    async (request, reply) => {
      try {
        await sql`select 1`.execute(ctx.database.db);
        return { status: 'ready' };
      } catch (error) {
        request.log.warn({ err: error }, 'readiness check failed');
        return reply.status(503).send({ status: 'database unavailable' });
      }
    },
  );

  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    return reply.type(ctx.metrics.registry.contentType).send(await ctx.metrics.registry.metrics());
  });
}
