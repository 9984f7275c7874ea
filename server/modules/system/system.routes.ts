import { sql } from 'kysely';
import { Type } from 'typebox';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';

const HealthResponse = Type.Object({ status: Type.String() });

/** Liveness, readiness and Prometheus metrics. */
export async function systemRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'rolecall_' });
  const requestDuration = new Histogram({
    name: 'rolecall_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });

  app.addHook('onResponse', async (request, reply) => {
    requestDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
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
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
