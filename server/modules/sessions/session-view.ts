import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { anonymousCsrfToken, setSessionCookie } from '../../http/session-auth.js';
import type { User } from '../accounts/accounts.service.js';
import type { OpenedSession, Session } from './sessions.service.js';
import type { SessionInfo, SessionState } from './sessions.schemas.js';

/** What the web app knows about its session: the CSRF token to send, and the session if any. */
export async function sessionState(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): Promise<SessionState> {
  const { session, user, token } = request.auth;
  if (!session || !user || !token)
    return { csrfToken: anonymousCsrfToken(request, reply, ctx), session: null, site: siteSettings(ctx) };
  return { csrfToken: ctx.sessions.csrfTokenFor(token), session: await describe(ctx, session, user), site: siteSettings(ctx) };
}

function siteSettings(ctx: AppContext): SessionState['site'] {
  return {
    governmentBanner: ctx.config.governmentBanner,
    mailViewer: ctx.config.mailViewer,
    phoneCodes: ctx.config.phoneCodes,
  };
}

/** Sets the cookie of a session just opened and answers its state. */
export async function openedSessionState(
  ctx: AppContext,
  reply: FastifyReply,
  opened: OpenedSession,
  user: User,
): Promise<SessionState> {
  setSessionCookie(reply, ctx, opened);
  return { csrfToken: opened.csrfToken, session: await describe(ctx, opened.session, user), site: siteSettings(ctx) };
}

async function describe(ctx: AppContext, session: Session, user: User): Promise<NonNullable<SessionState['session']>> {
  const times = ctx.sessions.times(session);
  const factors =
    session.stage === 'mfa'
      ? (await ctx.mfa.confirmedFactors(user.id)).map(({ id, kind, label, detail }) => ({ id, kind, label, detail }))
      : undefined;
  return {
    id: session.id,
    stage: session.stage,
    user: {
      id: user.id,
      userId: user.userId,
      firstName: user.firstName,
      lastName: user.lastName,
      language: user.language,
      isAdministrator: user.isAdministrator,
    },
    ...(factors ? { factors } : {}),
    ...(session.stage === 'active' ? { capabilities: await capabilitiesOf(ctx, user) } : {}),
    createdAt: session.createdAt,
    ...times,
  };
}

/**
 * What the signed-in person may do beyond their own account, read from the roles they hold now,
 * so the web app shows only the tiles that lead somewhere for them. The server still checks
 * every action; this only decides what is offered.
 */
async function capabilitiesOf(ctx: AppContext, user: User): Promise<NonNullable<SessionInfo['capabilities']>> {
  const [approverOf, helpDeskOf] = await Promise.all([
    ctx.assignments.approverOrganizationIds(ctx.database.db, user.id),
    ctx.assignments.helpDeskApplicationIds(ctx.database.db, user.id),
  ]);
  const helpDesk = helpDeskOf.length > 0;
  return { approvesRequests: approverOf.length > 0 || helpDesk, helpDesk, approverOfOrganizations: approverOf.length > 0 };
}
