import { createHmac } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { AccountPolicy } from '../../config/config.js';
import type { Database, Reader } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import type { Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { randomToken, sha256Hex } from '../../shared/crypto.js';
import { newId } from '../../shared/ids.js';
import { addMilliseconds, toTimestamp } from '../../shared/time.js';
import type { AuditLog } from '../audit/audit.service.js';
import { mayEndSession, sessionActions } from './sessions.policy.js';
import type { SessionListView } from './sessions.schemas.js';
import {
  changeSessionStage,
  endSessions,
  findSessionById,
  findSessionByTokenHash,
  insertSession,
  listOpenSessions,
  touchSession,
  type Session,
  type SessionStage,
} from './sessions.repository.js';

export type { Session, SessionStage } from './sessions.repository.js';

/** A session just opened: the cookie value and CSRF token are known only now. */
export interface OpenedSession {
  session: Session;
  token: string;
  csrfToken: string;
}

/** Half-signed-in sessions (choosing or enrolling an MFA device) lapse sooner than signed-in ones. */
const PRE_AUTH_IDLE_MS = 15 * 60_000;
/** Activity is written at most this often, so a busy page does not write on every request. */
const TOUCH_INTERVAL_MS = 60_000;

export interface SessionTimes {
  warnAt: string;
  idleExpiresAt: string;
  absoluteExpiresAt: string;
}

/**
 * Told, in the transaction that does it, when sessions end or one is replaced by another (a
 * rotation keeps the person signed in under a new id): what was tied to a session follows it.
 */
export interface SessionEndListener {
  ended(db: Reader, sessionIds: readonly string[]): Promise<void>;
  rotated(db: Reader, fromId: string, toId: string): Promise<void>;
}

export interface SessionsService {
  open(
    trx: Transaction<DB>,
    actor: Actor,
    input: { userId: string; stage: SessionStage; absoluteExpiresAt?: string; mfaMethod?: string },
  ): Promise<OpenedSession>;
  /** Replaces a session by a new one (new id, cookie and CSRF token) at another stage. */
  /**
   * Replaces a session by a new one at `stage` (a new token), keeping its absolute limit; the
   * second factor that moved it there, when one did, is recorded with the time.
   */
  rotate(trx: Transaction<DB>, actor: Actor, session: Session, stage: SessionStage, mfaMethod?: string): Promise<OpenedSession>;
  /**
   * Sends a signed-in session back to the MFA step (an application wants a fresh second factor):
   * it stays the same session, but does nothing else until the person verifies a device again,
   * and is rotated then, as at sign-in. Audited with the reason.
   */
  requireMfaAgain(actor: Actor, session: Session, reason: Readonly<Record<string, unknown>>): Promise<void>;
  /** The live session behind a cookie value, or undefined when there is none or it has lapsed. */
  resolve(token: string): Promise<Session | undefined>;
  /** Records activity: the idle timer starts again. */
  touch(session: Session): Promise<Session>;
  csrfTokenFor(token: string): string;
  times(session: Session): SessionTimes;
  end(actor: Actor, sessionId: string, reason: string): Promise<void>;
  endAllForUser(trx: Transaction<DB>, userId: string, reason: string, exceptId?: string): Promise<number>;
  endOne(trx: Transaction<DB>, sessionId: string, reason: string): Promise<number>;
  /** Adds a listener to every end and rotation of a session from now on. */
  whenEnded(listener: SessionEndListener): void;
  /** My sessions: the user's signed-in sessions, the one asking marked, each with what they may do with it. */
  listOwn(userId: string, currentSessionId: string): Promise<SessionListView>;
  /** Ends one of the user's own sessions; another user's session is not found. */
  endOwn(actor: Actor, userId: string, sessionId: string): Promise<void>;
}

export function createSessionsService(deps: {
  database: Database;
  clock: Clock;
  audit: AuditLog;
  policy: AccountPolicy;
  secretKey: Buffer;
}): SessionsService {
  const csrfKey = createHmac('sha256', deps.secretKey).update('rolecall csrf tokens').digest();
  const idleMs = deps.policy.sessionIdleMinutes * 60_000;
  const csrfTokenFor = (token: string) => createHmac('sha256', csrfKey).update(token).digest('base64url');
  const idleFor = (stage: SessionStage) => (stage === 'active' ? idleMs : PRE_AUTH_IDLE_MS);
  const listeners: SessionEndListener[] = [];

  /** Ends the open sessions that match, and tells the listeners; the number ended. */
  async function endWhere(db: Reader, filter: Parameters<typeof endSessions>[1], reason: string): Promise<number> {
    const ended = await endSessions(db, filter, toTimestamp(deps.clock.now()), reason);
    if (ended.length > 0) for (const listener of listeners) await listener.ended(db, ended);
    return ended.length;
  }

  async function open(
    trx: Transaction<DB>,
    actor: Actor,
    input: { userId: string; stage: SessionStage; absoluteExpiresAt?: string; mfaMethod?: string },
  ): Promise<OpenedSession> {
    const now = deps.clock.now();
    const token = randomToken(32);
    const csrfToken = csrfTokenFor(token);
    const session: Session = {
      id: newId(now),
      userId: input.userId,
      stage: input.stage,
      ip: actor.ip ?? null,
      userAgent: actor.userAgent ?? null,
      createdAt: toTimestamp(now),
      lastSeenAt: toTimestamp(now),
      idleExpiresAt: toTimestamp(addMilliseconds(now, idleFor(input.stage))),
      absoluteExpiresAt: input.absoluteExpiresAt ?? toTimestamp(addMilliseconds(now, deps.policy.sessionMaxHours * 3_600_000)),
      endedAt: null,
      mfaMethod: input.mfaMethod ?? null,
      mfaVerifiedAt: input.mfaMethod ? toTimestamp(now) : null,
    };
    await insertSession(trx, { ...session, tokenHash: sha256Hex(token), csrfTokenHash: sha256Hex(csrfToken) });
    return { session, token, csrfToken };
  }

  return {
    open,
    csrfTokenFor,

    async rotate(trx, actor, session, stage, mfaMethod) {
      await endSessions(trx, { id: session.id }, toTimestamp(deps.clock.now()), 'rotated');
      const opened = await open(trx, actor, {
        userId: session.userId,
        stage,
        absoluteExpiresAt: session.absoluteExpiresAt,
        mfaMethod,
      });
      for (const listener of listeners) await listener.rotated(trx, session.id, opened.session.id);
      return opened;
    },

    async requireMfaAgain(actor, session, reason) {
      await deps.database.transaction(async (trx) => {
        const idleExpiresAt = toTimestamp(addMilliseconds(deps.clock.now(), idleFor('mfa')));
        if (!(await changeSessionStage(trx, session.id, { from: 'active', to: 'mfa', idleExpiresAt }))) return;
        await deps.audit.record(trx, actor, {
          action: 'session.mfa_required',
          target: { type: 'session', id: session.id },
          after: reason,
        });
      });
    },

    async resolve(token) {
      const session = await findSessionByTokenHash(deps.database.db, sha256Hex(token));
      if (!session || session.endedAt !== null) return undefined;
      const now = toTimestamp(deps.clock.now());
      if (session.idleExpiresAt <= now || session.absoluteExpiresAt <= now) {
        const reason = session.absoluteExpiresAt <= now ? 'absolute_timeout' : 'idle_timeout';
        await deps.database.transaction((trx) => endWhere(trx, { id: session.id }, reason));
        return undefined;
      }
      return session;
    },

    async touch(session) {
      const now = deps.clock.now();
      if (now.getTime() - Date.parse(session.lastSeenAt) < TOUCH_INTERVAL_MS) return session;
      const lastSeenAt = toTimestamp(now);
      const idleExpiresAt = toTimestamp(addMilliseconds(now, idleFor(session.stage)));
      await touchSession(deps.database.db, session.id, lastSeenAt, idleExpiresAt);
      return { ...session, lastSeenAt, idleExpiresAt };
    },

    times(session) {
      const warnAt = addMilliseconds(new Date(session.lastSeenAt), deps.policy.sessionIdleWarningMinutes * 60_000);
      const idle = session.idleExpiresAt < session.absoluteExpiresAt ? session.idleExpiresAt : session.absoluteExpiresAt;
      return { warnAt: toTimestamp(warnAt), idleExpiresAt: idle, absoluteExpiresAt: session.absoluteExpiresAt };
    },

    async end(actor, sessionId, reason) {
      await deps.database.transaction(async (trx) => {
        const ended = await endWhere(trx, { id: sessionId }, reason);
        if (ended > 0) {
          await deps.audit.record(trx, actor, {
            action: 'session.ended',
            target: { type: 'session', id: sessionId },
            after: { reason },
          });
        }
      });
    },

    endAllForUser(trx, userId, reason, exceptId) {
      return endWhere(trx, { userId, exceptId }, reason);
    },

    endOne(trx, sessionId, reason) {
      return endWhere(trx, { id: sessionId }, reason);
    },

    whenEnded(listener) {
      listeners.push(listener);
    },

    async listOwn(userId, currentSessionId) {
      const sessions = await listOpenSessions(deps.database.db, userId, toTimestamp(deps.clock.now()));
      return {
        items: sessions
          .filter((item) => item.stage === 'active')
          .map((item) => ({
            id: item.id,
            current: item.id === currentSessionId,
            createdAt: item.createdAt,
            lastSeenAt: item.lastSeenAt,
            ip: item.ip,
            userAgent: item.userAgent,
            allowedActions: sessionActions(userId, item),
          })),
      };
    },

    async endOwn(actor, userId, sessionId) {
      await deps.database.transaction(async (trx) => {
        const session = await findSessionById(trx, sessionId);
        if (!session || !mayEndSession(userId, session)) throw new AppError('resource.not_found');
        await endWhere(trx, { id: sessionId }, 'signed_out_elsewhere');
        await deps.audit.record(trx, actor, {
          action: 'session.ended',
          target: { type: 'session', id: sessionId },
          after: { reason: 'signed_out_elsewhere' },
        });
      });
    },
  };
}
