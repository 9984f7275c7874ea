import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/request-actor.js';
import { requireSignedIn } from '../../http/session-auth.js';
import {
  FormPage,
  FormViewSchema,
  IdParams,
  NewFormBody,
  OrganizationRecordsList,
  OrganizationRecordsSchema,
  PageQuery,
  ResubmitBody,
  ReviewBody,
  UpdateFormBody,
} from './organization-forms.schemas.js';

export async function organizationFormsRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['organization forms'];

  app.post(
    '/organization-forms',
    {
      schema: {
        tags,
        summary: 'Submit a new organization form to the help desk',
        body: NewFormBody,
        response: { 201: FormViewSchema },
      },
    },
    async (request, reply) => {
      const { user } = requireSignedIn(request);
      return reply.status(201).send(await ctx.organizationForms.submitNew(actorOf(request), user, request.body));
    },
  );

  app.get(
    '/me/organization-forms',
    {
      schema: { tags, summary: 'The forms I submitted, newest first', querystring: PageQuery, response: { 200: FormPage } },
    },
    async (request) => {
      const { user } = requireSignedIn(request);
      return ctx.organizationForms.listMine(user, { before: request.query.cursor, limit: request.query.limit ?? 25 });
    },
  );

  app.get(
    '/help-desk/organization-forms',
    {
      schema: {
        tags,
        summary: 'The help desk queue: submitted forms, oldest first',
        querystring: PageQuery,
        response: { 200: FormPage },
      },
    },
    async (request) => {
      const { user } = requireSignedIn(request);
      return ctx.organizationForms.queue(user, { after: request.query.cursor, limit: request.query.limit ?? 25 });
    },
  );

  app.get(
    '/organization-forms/:id',
    {
      schema: {
        tags,
        summary: 'A form, for its submitter and the help desk',
        params: IdParams,
        response: { 200: FormViewSchema },
      },
    },
    async (request) => {
      const { user } = requireSignedIn(request);
      return ctx.organizationForms.get(user, request.params.id);
    },
  );

  app.put(
    '/organization-forms/:id',
    {
      schema: {
        tags,
        summary: 'Correct a returned form and send it to the help desk again',
        params: IdParams,
        body: ResubmitBody,
        response: { 200: FormViewSchema },
      },
    },
    async (request) => {
      const { user } = requireSignedIn(request);
      return ctx.organizationForms.resubmit(actorOf(request), user, request.params.id, request.body);
    },
  );

  app.post(
    '/organization-forms/:id/withdraw',
    {
      schema: { tags, summary: 'Withdraw a form not yet approved', params: IdParams, response: { 200: FormViewSchema } },
    },
    async (request) => {
      const { user } = requireSignedIn(request);
      return ctx.organizationForms.withdraw(actorOf(request), user, request.params.id);
    },
  );

  app.post(
    '/organization-forms/:id/review',
    {
      schema: {
        tags,
        summary:
          'Help desk: approve (issues the submitter ID), return for correction or reject; a reason is required but to approve',
        params: IdParams,
        body: ReviewBody,
        response: { 200: FormViewSchema },
      },
    },
    async (request) => {
      const { user } = requireSignedIn(request);
      return ctx.organizationForms.review(actorOf(request), user, request.params.id, request.body);
    },
  );

  app.get(
    '/me/organizations',
    {
      schema: {
        tags,
        summary: 'The organizations I am an approver or backup approver of, with their records on file',
        response: { 200: OrganizationRecordsList },
      },
    },
    async (request) => {
      const { user } = requireSignedIn(request);
      return { items: await ctx.organizationForms.myOrganizations(user) };
    },
  );

  app.get(
    '/organizations/:id',
    {
      schema: {
        tags,
        summary: "An organization's records on file, for its approvers and the help desk",
        params: IdParams,
        response: { 200: OrganizationRecordsSchema },
      },
    },
    async (request) => {
      const { user } = requireSignedIn(request);
      return ctx.organizationForms.records(user, request.params.id);
    },
  );

  app.post(
    '/organizations/:id/update-requests',
    {
      schema: {
        tags,
        summary: "The approver asks the help desk to change the organization's approvers on file, address or contacts",
        params: IdParams,
        body: UpdateFormBody,
        response: { 201: FormViewSchema },
      },
    },
    async (request, reply) => {
      const { user } = requireSignedIn(request);
      return reply
        .status(201)
        .send(await ctx.organizationForms.submitUpdate(actorOf(request), user, request.params.id, request.body));
    },
  );
}
