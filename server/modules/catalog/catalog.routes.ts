import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/request-actor.js';
import { requireSignedIn } from '../../http/session-auth.js';
import { CatalogDocument } from './catalog-document.js';
import {
  ApplicationList,
  ApplicationParams,
  ApplicationSchema,
  CatalogChanges,
  CatalogPreview,
  RoleParams,
  RolePolicyPatch,
  RoleSchema,
} from './catalog.schemas.js';

export async function catalogRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['catalog'];

  app.get(
    '/applications',
    { schema: { tags, summary: "Applications and their roles, with each role's policy", response: { 200: ApplicationList } } },
    async (request) => {
      requireSignedIn(request);
      return {
        items: (await ctx.catalog.listApplications(ctx.database.db)).filter((application) => application.status === 'active'),
      };
    },
  );

  app.get(
    '/applications/:code',
    {
      schema: { tags, summary: 'One application and its roles', params: ApplicationParams, response: { 200: ApplicationSchema } },
    },
    async (request) => {
      requireSignedIn(request);
      return ctx.catalog.getApplication(request.params.code);
    },
  );

  app.get(
    '/admin/catalog',
    {
      schema: {
        tags,
        summary: 'The whole role catalog as a catalog document (administrators)',
        response: { 200: CatalogDocument },
      },
    },
    async (request) => {
      const { user } = requireSignedIn(request);
      return ctx.catalog.document(user);
    },
  );

  app.put(
    '/admin/catalog',
    {
      bodyLimit: 1024 * 1024,
      schema: {
        tags,
        summary: 'Create and update applications and roles from a catalog document (administrators)',
        body: Type.Unknown({ description: 'A catalog document, as in catalog/spot.json' }),
        response: { 200: CatalogChanges },
      },
    },
    async (request) => {
      const { user } = requireSignedIn(request);
      return ctx.catalog.apply(actorOf(request), user, request.body);
    },
  );

  app.post(
    '/admin/catalog/preview',
    {
      bodyLimit: 1024 * 1024,
      schema: {
        tags,
        summary: 'What applying a catalog document would change, changing nothing (administrators)',
        body: Type.Unknown({ description: 'A catalog document, as PUT /admin/catalog takes' }),
        response: { 200: CatalogPreview },
      },
    },
    async (request) => {
      const { user } = requireSignedIn(request);
      return ctx.catalog.preview(user, request.body);
    },
  );

  app.patch(
    '/admin/roles/:id',
    {
      schema: {
        tags,
        summary: "Change a role's policy (administrators)",
        params: RoleParams,
        body: RolePolicyPatch,
        response: { 200: RoleSchema },
      },
    },
    async (request) => {
      const { user } = requireSignedIn(request);
      return ctx.catalog.updateRole(actorOf(request), user, request.params.id, request.body);
    },
  );
}
