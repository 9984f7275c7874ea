import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { requestLanguage } from '../../http/language.js';
import { actorOf } from '../../http/request-actor.js';
import { requireSignedIn } from '../../http/session-auth.js';

const CurrentTerms = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  title: Type.String({ description: 'In the language of the request' }),
  body: Type.String({ description: 'In the language of the request; paragraphs separated by blank lines' }),
  publishedAt: Type.String({ format: 'date-time' }),
});

const PublishBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    titleEs: Type.Optional(Type.String({ maxLength: 200, description: 'The title in Spanish' })),
    bodyEn: Type.String({ minLength: 1, maxLength: 50_000 }),
    bodyEs: Type.String({ minLength: 1, maxLength: 50_000 }),
  },
  { additionalProperties: false },
);

export async function termsRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['terms'];

  app.get(
    '/api/v1/terms/current',
    { schema: { tags, summary: 'The terms and conditions everyone accepts at sign-in', response: { 200: CurrentTerms } } },
    async (request) => {
      const terms = await ctx.terms.current(ctx.database.db);
      return {
        id: terms.id,
        version: terms.version,
        title: ctx.terms.title(terms, requestLanguage(request)),
        body: ctx.terms.body(terms, requestLanguage(request)),
        publishedAt: terms.publishedAt,
      };
    },
  );

  app.post(
    '/api/v1/admin/terms',
    {
      schema: {
        tags,
        summary: 'Publish a new version: everyone accepts it at their next sign-in',
        body: PublishBody,
        response: { 201: CurrentTerms },
      },
    },
    async (request, reply) => {
      const { user } = requireSignedIn(request);
      const terms = await ctx.terms.publish(actorOf(request), user, request.body);
      return reply.status(201).send({
        id: terms.id,
        version: terms.version,
        title: ctx.terms.title(terms, requestLanguage(request)),
        body: ctx.terms.body(terms, requestLanguage(request)),
        publishedAt: terms.publishedAt,
      });
    },
  );
}
