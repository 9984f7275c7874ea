import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { requireSignedIn } from '../../http/session-auth.js';
import { OrganizationSearchAnswer, OrganizationSearchParams, OrganizationSearchQuery } from './organizations.schemas.js';

export async function organizationsRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/applications/:code/organizations',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Find an active organization by words of its name (3 characters or more) or its exact submitter ID',
        params: OrganizationSearchParams,
        querystring: OrganizationSearchQuery,
        response: { 200: OrganizationSearchAnswer },
      },
    },
    async (request) => {
      requireSignedIn(request);
      const application = await ctx.catalog.getApplication(request.params.code);
      return { items: await ctx.organizations.search(application.id, request.query.q) };
    },
  );
}
