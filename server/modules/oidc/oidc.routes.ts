import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { InteractionResults } from 'oidc-provider';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { AppError, errorMessage } from '../../http/errors.js';
import { preferredLanguage } from '../../http/language.js';
import { ACR_MFA, OIDC_PATH } from './oidc-provider.js';
import { actorOf } from '../../http/request-actor.js';
import { builtStylesheets } from '../../http/web-app.js';
import { grantRequestedScopes } from './grants.js';
import { providerPages } from './provider-pages.js';
import { maxAgeOf, stepUpReason } from './step-up.js';

/** What the person is told, and the client receives, when they hold no role in its application. */
export const NOT_ASSIGNED = 'User is not assigned to the client application';

/** RFC 8176 methods for the second factor a session was made active with. */
function amrOf(mfaMethod: string | null): string[] {
  const second: Record<string, string> = {
    totp: 'otp',
    email: 'otp',
    recovery_code: 'otp',
    sms: 'sms',
    voice: 'tel',
    webauthn: 'hwk',
  };
  const method = mfaMethod ? second[mfaMethod] : undefined;
  return method ? ['pwd', 'mfa', method] : ['pwd', 'mfa'];
}

/**
 * Mounts the OpenID Connect provider under /oidc. The provider is a Koa application with its own
 * body parsing, errors and headers: its scope parses no bodies (the provider reads the request
 * stream), and each request is handed over whole, its URL made relative to the mount point (the
 * provider reads the original from `originalUrl`). The sign-in it asks for (an interaction) is
 * Rolecall's own: `/oidc/interaction/:uid` sends the person through the web app's sign-in pages
 * and comes back here when their session is active.
 */
export async function oidcRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(
    async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
      // A person's browser coming back to a sign-in request that has expired gets a page saying
      // so, as the provider's own errors do; anything else goes to the server's error handler.
      const pages = providerPages(builtStylesheets(ctx.config.webDir));
      scope.setErrorHandler((error, request, reply) => {
        if (
          error instanceof AppError &&
          error.code === 'oidc.interaction_expired' &&
          request.headers.accept?.includes('text/html')
        ) {
          const language = preferredLanguage(request.headers['accept-language']);
          return reply
            .status(error.status)
            .type('text/html; charset=utf-8')
            .send(
              pages.errorPage(language, { error: 'interaction_expired', error_description: errorMessage(error.code, language) }),
            );
        }
        throw error;
      });
      const handOver = async (request: FastifyRequest, reply: FastifyReply) => {
        const provider = await ctx.oidc.provider();
        reply.hijack();
        const raw = request.raw as typeof request.raw & { originalUrl?: string };
        raw.originalUrl = raw.url;
        raw.url = (raw.url ?? '').slice(OIDC_PATH.length) || '/';
        provider.callback()(raw, reply.raw);
      };
      scope.route({ method: ['GET', 'POST', 'HEAD', 'OPTIONS'], url: '/*', handler: handOver, schema: { hide: true } });

      const params = Type.Object({ uid: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }) });

      /** The interaction the provider's cookie names, or `oidc.interaction_expired`. */
      async function interactionOf(request: FastifyRequest, reply: FastifyReply, uid: string) {
        const provider = await ctx.oidc.provider();
        const details = await provider.interactionDetails(request.raw, reply.raw).catch(() => undefined);
        if (!details || details.uid !== uid) throw new AppError('oidc.interaction_expired');
        return { provider, details };
      }

      scope.get<{ Params: { uid: string } }>(
        '/interaction/:uid',
        { config: { session: true }, schema: { hide: true, params } },
        async (request, reply) => {
          const { uid } = request.params;
          const { provider, details } = await interactionOf(request, reply, uid);
          const here = `${OIDC_PATH}/interaction/${uid}`;
          const { session, user } = request.auth;
          if (!session || !user || session.stage !== 'active') {
            return reply.redirect(`/sign-in?returnTo=${encodeURIComponent(here)}`, 303);
          }
          const client = await ctx.oidc.clients.find(ctx.database.db, String(details.params.client_id));
          if (!client) throw new AppError('oidc.interaction_expired');
          const roles = await ctx.oidc.rolesIn(ctx.database.db, user.id, client.applicationId);
          if (roles.length === 0) {
            const application = await ctx.catalog.listApplications(ctx.database.db);
            const name = application.find((candidate) => candidate.id === client.applicationId)?.code ?? '';
            return reply.redirect(
              `/sign-in/not-assigned?application=${encodeURIComponent(name)}&returnTo=${encodeURIComponent(`${here}/abort`)}`,
              303,
            );
          }
          // The provider asks for a sign-in, then (for a refresh token: `prompt=consent`) a consent.
          // The sign-in is the Rolecall session's; consent is implied, since an administrator
          // registered the client for its application: the grant covers what it asked for.
          let result: InteractionResults;
          if (details.prompt.name === 'consent' && details.session?.accountId === user.id) {
            const { grantId } = await grantRequestedScopes(provider, {
              grantId: details.grantId,
              clientId: client.clientId,
              accountId: user.id,
              scope: String(details.params.scope ?? 'openid'),
            });
            result = { consent: { grantId } };
          } else {
            const verifiedAt = Date.parse(session.mfaVerifiedAt ?? session.createdAt);
            const stepUp = stepUpReason({
              now: ctx.clock.now(),
              mfaVerifiedAt: new Date(verifiedAt),
              interactionStartedAt: new Date(((details as { iat?: number }).iat ?? 0) * 1000),
              promptReasons: details.prompt.reasons,
              maxAgeSeconds: maxAgeOf(details.params.max_age),
            });
            if (stepUp) {
              // Back to the MFA step, then here again: the page goes on to `returnTo` once verified.
              await ctx.sessions.requireMfaAgain(actorOf(request), session, { reason: stepUp, clientId: client.clientId });
              return reply.redirect(`/sign-in/mfa?returnTo=${encodeURIComponent(here)}&again=1`, 303);
            }
            result = {
              login: { accountId: user.id, acr: ACR_MFA, amr: amrOf(session.mfaMethod), ts: Math.floor(verifiedAt / 1000) },
            };
          }
          reply.hijack();
          await provider.interactionFinished(request.raw, reply.raw, result, { mergeWithLastSubmission: false });
        },
      );

      // The person holds no role in the client's application and goes back to it: it is told so.
      scope.get<{ Params: { uid: string } }>(
        '/interaction/:uid/abort',
        { schema: { hide: true, params } },
        async (request, reply) => {
          const { provider } = await interactionOf(request, reply, request.params.uid);
          reply.hijack();
          await provider.interactionFinished(
            request.raw,
            reply.raw,
            { error: 'access_denied', error_description: NOT_ASSIGNED },
            { mergeWithLastSubmission: false },
          );
        },
      );
    },
    { prefix: OIDC_PATH },
  );
}
