import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { requestLanguage } from '../../http/language.js';
import { actorOf } from '../../http/request-actor.js';
import { requireSignedIn } from '../../http/session-auth.js';
import { TERMS_VERSIONS_LISTED } from './terms.service.js';
import { CurrentTerms, PublishBody, TermsVersionList } from './terms.schemas.js';

export async function termsRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['terms'];

  app.get(
    '/terms/current',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'The terms and conditions everyone accepts at sign-in', response: { 200: CurrentTerms } },
    },
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

  app.get(
    '/admin/terms',
    {
      schema: {
        tags,
        summary: 'Every version published, newest first, with how many people accepted each (administrators)',
        response: { 200: TermsVersionList },
      },
    },
    async (request) => {
      const { user } = requireSignedIn(request);
      return { items: await ctx.terms.versions(user), limit: TERMS_VERSIONS_LISTED };
    },
  );

  app.post(
    '/admin/terms',
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
