import type { Static } from 'typebox';
import type * as schemas from '../../../../server/modules/sessions/sessions.schemas.js';
import { apiDelete, apiPost, apiRequestWithMeta, type SessionAnswerMeta } from '../../api/client';

/*
 * The session as the server describes it, typed from the server's own schemas: a change there
 * that this app does not follow fails the web type check.
 */
export type SessionUser = Static<typeof schemas.SessionUser>;
/** The operator's choices that change what pages show, the same for everyone. */
export type SiteSettings = Static<typeof schemas.SiteSettings>;
/** A device the user can finish signing in with (stage `mfa`). */
export type SessionFactor = Static<typeof schemas.FactorChoice>;
/** At stage `active`: what the person may do beyond their own account, from the roles held now. */
export type SessionCapabilities = Static<typeof schemas.SessionCapabilities>;
export type Session = Static<typeof schemas.SessionInfo>;
/** `GET /session`, `POST /session/refresh`, sign-in and MFA answers. */
export type SessionAnswer = Static<typeof schemas.SessionState>;
export type SessionStage = Session['stage'];
export type FactorKind = SessionFactor['kind'];
export type Language = SessionUser['language'];

/** Until the server has answered: nothing optional is shown. */
export const siteBeforeAnswer: SiteSettings = { governmentBanner: false, mailViewer: false, phoneCodes: false };

/**
 * The session as the web app keeps it: the server's answer, plus how far the server's clock is
 * from this browser's, so timers set here fire when the server's timestamps say.
 */
export interface SessionState {
  session: Session | null;
  serverOffsetMs: number;
  site: SiteSettings;
}

export const sessionQueryKey = ['session'] as const;

/** Used only when the server's clock cannot be read from its answers (see estimateServerOffset). */
const assumedIdleMs = 30 * 60_000;

/**
 * How far ahead of this browser the server's clock runs. The `Date` header tells it to the
 * second when the server keeps real time. When that reading cannot be right for this session
 * (outside the session's own lifetime: the server runs on another clock), the previous estimate
 * is kept, brought within the session's lifetime; with none, the last activity is taken as now.
 */
export function estimateServerOffset(session: Session | null, meta: SessionAnswerMeta, previous?: number): number {
  const fromHeader = meta.serverDate === undefined ? undefined : meta.serverDate - meta.receivedAt;
  if (!session) return fromHeader ?? previous ?? 0;
  const earliest = Date.parse(session.createdAt) - 2000 - meta.receivedAt;
  const latest = Date.parse(session.idleExpiresAt) - meta.receivedAt;
  if (fromHeader !== undefined && fromHeader >= earliest && fromHeader <= latest) return fromHeader;
  if (previous !== undefined) return Math.min(Math.max(previous, earliest), latest);
  return Math.max(earliest + 2000, latest - assumedIdleMs);
}

export function toSessionState(answer: SessionAnswer, meta: SessionAnswerMeta, previous?: SessionState): SessionState {
  return {
    session: answer.session,
    serverOffsetMs: estimateServerOffset(answer.session, meta, previous?.serverOffsetMs),
    site: answer.site ?? previous?.site ?? siteBeforeAnswer,
  };
}

export async function fetchSession(previous?: SessionState, signal?: AbortSignal): Promise<SessionState> {
  const { data, meta } = await apiRequestWithMeta<SessionAnswer>('/session', { signal });
  return toSessionState(data, meta, previous);
}

export function refreshSession(): Promise<SessionAnswer> {
  return apiPost<SessionAnswer>('/session/refresh');
}

export function signOut(): Promise<void> {
  return apiDelete('/session');
}

/** The server's "now", in milliseconds, as this browser estimates it. */
export function serverNow(state: SessionState): number {
  return Date.now() + state.serverOffsetMs;
}
