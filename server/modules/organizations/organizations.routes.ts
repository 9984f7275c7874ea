import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { requireSignedIn } from '../../http/session-auth.js';

const OrganizationSummary = Type.Object({
  id: Type.String(),
  submitterId: Type.String(),
  legalName: Type.String(),
  maskedTin: Type.String({ description: 'Only the last digits of the TIN' }),
  location: Type.Union([Type.String(), Type.Null()]),
  status: Type.String(),
});

export async function organizationsRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v1/applications/:code/organizations',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Find an active organization by words of its name (3 characters or more) or its exact submitter ID',
        params: Type.Object({ code: Type.String({ minLength: 1, maxLength: 40 }) }),
        querystring: Type.Object({ q: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(OrganizationSummary) }) },
      },
    },
    async (request) => {
      requireSignedIn(request);
      const application = await ctx.catalog.getApplication(request.params.code);
      return { items: await ctx.organizations.search(application.id, request.query.q) };
    },
  );
}
