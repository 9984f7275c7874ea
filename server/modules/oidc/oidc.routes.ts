import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { OIDC_PATH } from './oidc-provider.js';

/**
 * Mounts the OpenID Connect provider under /oidc. The provider is a Koa application with its own
 * body parsing, errors and headers: its scope parses no bodies (the provider reads the request
 * stream), and each request is handed over whole, its URL made relative to the mount point (the
 * provider reads the original from `originalUrl`).
 */
export async function oidcRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(
    async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
      const handOver = async (request: FastifyRequest, reply: FastifyReply) => {
        const provider = await ctx.oidc.provider();
        reply.hijack();
        const raw = request.raw as typeof request.raw & { originalUrl?: string };
        raw.originalUrl = raw.url;
        raw.url = (raw.url ?? '').slice(OIDC_PATH.length) || '/';
        provider.callback()(raw, reply.raw);
      };
      scope.route({ method: ['GET', 'POST', 'HEAD', 'OPTIONS'], url: '/*', handler: handOver, schema: { hide: true } });
    },
    { prefix: OIDC_PATH },
  );
}
