import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/request-actor.js';
import { requireSignedIn } from '../../http/session-auth.js';
import {
  AssignmentParams,
  EndUserRolePage,
  EndUsersQuery,
  GrantedSchema,
  HelpDeskBody,
  MyRoles,
  MyRolesQuery,
  OrganizationParams,
  RemoveBody,
} from './assignments.schemas.js';
import { HELP_DESK_STAFF_LISTED } from './help-desk-staff.js';
import { HelpDeskQuery, HelpDeskStaffList } from './help-desk.schemas.js';

export async function assignmentsRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['roles'];

  app.get(
    '/me/roles',
    {
      schema: {
        tags,
        summary: 'Manage My Roles: the roles I hold and those removed, newest first, a page at a time',
        querystring: MyRolesQuery,
        response: { 200: MyRoles },
      },
    },
    async (request) => {
      const { user } = requireSignedIn(request);
      const page = await ctx.assignments.listForUser(user, { before: request.query.cursor, limit: request.query.limit ?? 100 });
      return { assignments: page.items, nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/organizations/:id/end-users',
    {
      schema: {
        tags,
        summary:
          "My organization: its end users' roles, soonest due for certification first, for its approver and backup approvers",
        params: OrganizationParams,
        querystring: EndUsersQuery,
        response: { 200: EndUserRolePage },
      },
    },
    async (request) => {
      const { user } = requireSignedIn(request);
      return ctx.assignments.listOrganizationEndUsers(user, request.params.id, {
        cursor: request.query.cursor,
        limit: request.query.limit ?? 25,
      });
    },
  );

  app.post(
    '/assignments/:id/remove',
    {
      schema: {
        tags,
        summary: "Remove a role: by its holder, the organization's approvers (end-user roles), the help desk",
        params: AssignmentParams,
        body: RemoveBody,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const { user } = requireSignedIn(request);
      await ctx.assignments.remove(actorOf(request), user, request.params.id, request.body.reason);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/admin/help-desk',
    {
      schema: {
        tags,
        summary: 'Who is help desk staff of which application, with what the caller may do with each role (administrators)',
        querystring: HelpDeskQuery,
        response: { 200: HelpDeskStaffList },
      },
    },
    async (request) => {
      const { user } = requireSignedIn(request);
      const listed = await ctx.assignments.listHelpDeskStaff(user, { applicationCode: request.query.application });
      return { ...listed, limit: HELP_DESK_STAFF_LISTED };
    },
  );

  app.post(
    '/admin/help-desk',
    {
      schema: {
        tags,
        summary: 'Make a user help desk staff of an application (administrators)',
        body: HelpDeskBody,
        response: { 201: GrantedSchema },
      },
    },
    async (request, reply) => {
      const { user } = requireSignedIn(request);
      const granted = await ctx.assignments.assignHelpDesk(actorOf(request), user, request.body);
      return reply.status(201).send({ id: granted.id, certificationDueAt: granted.certificationDueAt });
    },
  );
}
