import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/request-actor.js';
import { requireSignedIn } from '../../http/session-auth.js';
import { OrphanPage, OrphansQuery, PeopleFound, PeopleQuery, PersonDetail, PersonParams } from './help-desk.schemas.js';

/**
 * The help desk console: find a person it serves, see their account, roles and requests in its
 * applications, and help them back in. Anyone who is not help desk staff gets 403; a person the
 * help desk does not serve, 404.
 */
export async function helpDeskRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['help desk'];

  app.get(
    '/help-desk/users',
    {
      schema: {
        tags,
        summary: 'Find people by user ID, email address or name (help desk staff, among the people it serves)',
        querystring: PeopleQuery,
        response: { 200: PeopleFound },
      },
    },
    async (request) => ({ people: await ctx.helpDesk.search(requireSignedIn(request).user, request.query.q) }),
  );

  app.get(
    '/help-desk/users/:id',
    {
      schema: {
        tags,
        summary:
          "A person's account, MFA devices (kinds only), latest sign-ins, and roles and requests in the help desk's applications",
        params: PersonParams,
        response: { 200: PersonDetail },
      },
    },
    async (request) => ctx.helpDesk.person(requireSignedIn(request).user, request.params.id),
  );

  app.post(
    '/help-desk/users/:id/unlock',
    {
      schema: {
        tags,
        summary: 'Unlock a user ID locked by failed sign-ins',
        params: PersonParams,
        response: { 200: PersonDetail },
      },
    },
    async (request) => ctx.helpDesk.unlock(actorOf(request), requireSignedIn(request).user, request.params.id),
  );

  app.post(
    '/help-desk/users/:id/mfa-reset',
    {
      schema: {
        tags,
        summary: 'Remove every MFA device and recovery code and sign the person out: they set up a device at the next sign-in',
        params: PersonParams,
        response: { 200: PersonDetail },
      },
    },
    async (request) => ctx.helpDesk.resetMfa(actorOf(request), requireSignedIn(request).user, request.params.id),
  );

  app.post(
    '/help-desk/users/:id/verification-email',
    {
      schema: {
        tags,
        summary: 'Send the email verification link again to an account not yet verified',
        params: PersonParams,
        response: { 200: PersonDetail },
      },
    },
    async (request) => ctx.helpDesk.resendVerification(actorOf(request), requireSignedIn(request).user, request.params.id),
  );

  app.get(
    '/help-desk/orphan-organizations',
    {
      schema: {
        tags,
        summary: "Organizations of the help desk's applications with no active approver, longest orphaned first",
        querystring: OrphansQuery,
        response: { 200: OrphanPage },
      },
    },
    async (request) =>
      ctx.helpDesk.orphans(requireSignedIn(request).user, { after: request.query.cursor, limit: request.query.limit ?? 25 }),
  );
}
