import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { bearerChallenge, bearerToken } from '../../http/bearer.js';
import { AppError } from '../../http/errors.js';
import { scimResourceTypes, scimSchemas, scimServiceProviderConfig } from './scim-discovery.js';
import { ERROR_SCHEMA, ScimError } from './scim.service.js';
import {
  IdParams,
  ListOf,
  ListQuerystring,
  ResourceQuerystring,
  ScimDocument,
  ScimErrorBody,
  ScimGroup,
  ScimUser,
} from './scim.schemas.js';

/** Where the SCIM service lives, under the server's public address. */
export const SCIM_PREFIX = '/scim/v2';
const SCIM_JSON = 'application/scim+json; charset=utf-8';

function sendScimError(reply: FastifyReply, error: ScimError): FastifyReply {
  return reply
    .status(error.status)
    .type(SCIM_JSON)
    .send({
      schemas: [ERROR_SCHEMA],
      status: String(error.status),
      ...(error.scimType ? { scimType: error.scimType } : {}),
      detail: error.detail,
    });
}

/** A refusal of the server's own checks (e.g. control characters), in SCIM's terms. */
function scimErrorOf(error: AppError): ScimError {
  const fields = (error.details?.fields ?? []) as { field: string; rule: string }[];
  const named = fields.map((field) => `${field.field} (${field.rule})`).join(', ');
  const detail = named ? `${error.message.replace(/\.$/, '')}: ${named}.` : error.message;
  return new ScimError(error.status, detail, error.code === 'request.invalid' ? 'invalidValue' : undefined);
}

/**
 * SCIM 2.0 (RFC 7643, RFC 7644), read-only, for applications that provision accounts: the people
 * holding a role in the client's application and one group per role per organization. Called by
 * servers with a client credentials token; answers and errors are SCIM's own.
 */
export async function scimRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const base = `${ctx.config.publicUrl.replace(/\/$/, '')}${SCIM_PREFIX}`;
  const tags = ['SCIM'];
  const errors = { 400: ScimErrorBody, 401: ScimErrorBody, 404: ScimErrorBody };

  // SCIM clients send their bodies as application/scim+json; the only ones sent here are refused.
  app.addContentTypeParser('application/scim+json', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.addHook('preHandler', async (_request, reply) => {
    reply.type(SCIM_JSON);
  });
  app.setErrorHandler((error: FastifyError | ScimError | AppError, request, reply) => {
    if (error instanceof ScimError) return sendScimError(reply, error);
    if (error instanceof AppError) return sendScimError(reply, scimErrorOf(error));
    if (error.validation)
      return sendScimError(reply, new ScimError(400, `The request is not valid: ${error.message}.`, 'invalidValue'));
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      return sendScimError(reply, new ScimError(error.statusCode, 'The request is not valid.'));
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendScimError(reply, new ScimError(500, 'Something went wrong on our side. Try again later.'));
  });
  app.setNotFoundHandler((request, reply) =>
    sendScimError(reply, new ScimError(404, `There is no SCIM endpoint ${request.method} ${request.url.split('?')[0]}.`)),
  );

  /** The application of the client the bearer token was issued to; 401 otherwise. */
  async function applicationOf(request: FastifyRequest, reply: FastifyReply): Promise<string> {
    const token = bearerToken(request.headers.authorization);
    const client = token ? await ctx.oidc.clientOfToken(token) : undefined;
    if (!client) {
      reply.header('www-authenticate', bearerChallenge(token));
      throw new ScimError(401, 'A client credentials access token of one of the application’s clients is required.');
    }
    return client.applicationId;
  }

  app.get(
    '/Users',
    {
      schema: {
        tags,
        summary: 'The people holding a role in the application, filtered and paged',
        querystring: ListQuerystring,
        response: { 200: ListOf(ScimUser), ...errors },
      },
    },
    async (request, reply) => ctx.scim.listUsers(await applicationOf(request, reply), request.query),
  );

  app.get(
    '/Users/:id',
    {
      schema: {
        tags,
        summary: 'One person holding a role in the application',
        params: IdParams,
        querystring: ResourceQuerystring,
        response: { 200: ScimUser, ...errors },
      },
    },
    async (request, reply) => ctx.scim.getUser(await applicationOf(request, reply), request.params.id, request.query),
  );

  app.get(
    '/Groups',
    {
      schema: {
        tags,
        summary: "The application's groups, one per role per organization, filtered and paged",
        querystring: ListQuerystring,
        response: { 200: ListOf(ScimGroup), ...errors },
      },
    },
    async (request, reply) => ctx.scim.listGroups(await applicationOf(request, reply), request.query),
  );

  app.get(
    '/Groups/:id',
    {
      schema: {
        tags,
        summary: 'One group: the holders of a role in an organization',
        params: IdParams,
        querystring: ResourceQuerystring,
        response: { 200: ScimGroup, ...errors },
      },
    },
    async (request, reply) => ctx.scim.getGroup(await applicationOf(request, reply), request.params.id, request.query),
  );

  // Provisioning is read-only: who holds which role changes through requests, approvals and
  // certification, never through SCIM.
  for (const url of [
    '/Users',
    '/Users/:id',
    '/Groups',
    '/Groups/:id',
    '/Bulk',
    '/.search',
    '/Users/.search',
    '/Groups/.search',
  ]) {
    app.route({
      method: ['POST', 'PUT', 'PATCH', 'DELETE'],
      url,
      schema: {
        tags,
        summary: 'Not offered: the SCIM service is read-only',
        response: { 401: ScimErrorBody, 501: ScimErrorBody },
      },
      handler: async (request, reply) => {
        await applicationOf(request, reply);
        throw new ScimError(501, 'Rolecall’s SCIM service is read-only: roles change through requests and approvals.');
      },
    });
  }

  const discovery = { schemas: scimSchemas(base), resourceTypes: scimResourceTypes(base) };
  const listOf = (resources: Record<string, unknown>[]) => ({
    schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
    totalResults: resources.length,
    startIndex: 1,
    itemsPerPage: resources.length,
    Resources: resources,
  });

  app.get(
    '/ServiceProviderConfig',
    { schema: { tags, summary: 'What this SCIM service supports', response: { 200: ScimDocument, 401: ScimErrorBody } } },
    async (request, reply) => {
      await applicationOf(request, reply);
      return scimServiceProviderConfig(base, `${ctx.config.publicUrl.replace(/\/$/, '')}/docs`);
    },
  );

  app.get(
    '/ResourceTypes',
    {
      schema: {
        tags,
        summary: 'The resource types: User and Group',
        response: { 200: ListOf(ScimDocument), 401: ScimErrorBody },
      },
    },
    async (request, reply) => {
      await applicationOf(request, reply);
      return listOf(discovery.resourceTypes);
    },
  );

  app.get(
    '/ResourceTypes/:id',
    { schema: { tags, summary: 'One resource type', params: IdParams, response: { 200: ScimDocument, ...errors } } },
    async (request, reply) => {
      await applicationOf(request, reply);
      const found = discovery.resourceTypes.find((type) => type.id === request.params.id);
      if (!found) throw new ScimError(404, `There is no resource type ${request.params.id}.`);
      return found;
    },
  );

  app.get(
    '/Schemas',
    { schema: { tags, summary: 'The schemas of the resources', response: { 200: ListOf(ScimDocument), 401: ScimErrorBody } } },
    async (request, reply) => {
      await applicationOf(request, reply);
      return listOf(discovery.schemas);
    },
  );

  app.get(
    '/Schemas/:id',
    { schema: { tags, summary: 'One schema, by its URN', params: IdParams, response: { 200: ScimDocument, ...errors } } },
    async (request, reply) => {
      await applicationOf(request, reply);
      const found = discovery.schemas.find((schema) => schema.id === request.params.id);
      if (!found) throw new ScimError(404, `There is no schema ${request.params.id}.`);
      return found;
    },
  );
}
