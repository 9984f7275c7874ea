import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { bearerChallenge, bearerToken } from '../../http/bearer.js';
import { AppError } from '../../http/errors.js';
import { Configuration, Decision, Decisions, EvaluationBody, EvaluationsBody } from './access.schemas.js';
import { evaluate, evaluateAll, incompleteEvaluations, type Caller } from './authzen.js';

/** Where the AuthZEN endpoints live, under the server's public address. */
export const ACCESS_EVALUATION_PATH = '/access/v1/evaluation';
export const ACCESS_EVALUATIONS_PATH = '/access/v1/evaluations';

/**
 * The access evaluation API (OpenID AuthZEN Authorization API 1.0) for applications' back ends:
 * a client credentials token of the application's client, then one question (or a batch) about
 * a person's role in an organization of that application. No session, no CSRF: it is called by
 * servers, with a bearer token.
 */
export async function accessRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['access evaluation'];
  const base = ctx.config.publicUrl.replace(/\/$/, '');

  /** The client application the bearer token was issued to, or `access_api.unauthorized`. */
  async function callerOf(request: FastifyRequest, reply: FastifyReply): Promise<Caller> {
    const token = bearerToken(request.headers.authorization);
    const client = token ? await ctx.oidc.clientOfToken(token) : undefined;
    if (!client) {
      reply.header('www-authenticate', bearerChallenge(token));
      throw new AppError('access_api.unauthorized');
    }
    return {
      applicationId: client.applicationId,
      applicationCode: async () =>
        (await ctx.catalog.listApplications(ctx.database.db)).find((application) => application.id === client.applicationId)
          ?.code ?? '',
    };
  }

  app.get(
    '/.well-known/authzen-configuration',
    { schema: { tags, summary: 'Where the access evaluation API is (AuthZEN metadata)', response: { 200: Configuration } } },
    async () => ({
      policy_decision_point: base,
      access_evaluation_endpoint: `${base}${ACCESS_EVALUATION_PATH}`,
      access_evaluations_endpoint: `${base}${ACCESS_EVALUATIONS_PATH}`,
    }),
  );

  app.post(
    ACCESS_EVALUATION_PATH,
    {
      schema: {
        tags,
        summary: "Does a person hold a role in an organization of the client's application now?",
        body: EvaluationBody,
        response: { 200: Decision },
      },
    },
    async (request, reply) => evaluate(ctx.access, await callerOf(request, reply), request.body),
  );

  app.post(
    ACCESS_EVALUATIONS_PATH,
    {
      schema: {
        tags,
        summary: 'Several evaluations in one request, with shared defaults',
        body: EvaluationsBody,
        response: { 200: Decisions },
      },
    },
    async (request, reply) => {
      const caller = await callerOf(request, reply);
      const incomplete = incompleteEvaluations(request.body);
      if (incomplete.length > 0) {
        throw new AppError('request.invalid', {
          fields: incomplete.map((index) => ({
            field: `body/evaluations/${index}`,
            rule: 'required',
            message: 'needs a subject, an action and a resource, its own or the request’s',
          })),
        });
      }
      return { evaluations: await evaluateAll(ctx.access, caller, request.body) };
    },
  );
}
