import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { requireSignedIn } from '../../http/session-auth.js';
import { mayReadConfiguration, redactedConfiguration } from './configuration.js';
import { ConfigurationSchema } from './configuration.schemas.js';

/** The system's routes under /api/v1: the running configuration, for administrators. */
export async function configurationRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/admin/configuration',
    {
      schema: {
        tags: ['system'],
        summary: 'The running configuration, every secret hidden (administrators)',
        response: { 200: ConfigurationSchema },
      },
    },
    async (request) => {
      const { user } = requireSignedIn(request);
      if (!mayReadConfiguration(user)) throw new AppError('auth.forbidden');
      return redactedConfiguration(ctx.config);
    },
  );
}
