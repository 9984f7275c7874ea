import type { Transaction } from 'kysely';
import type { Config } from '../../config/config.js';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { AppError, type ErrorCode } from '../../http/errors.js';
import type { Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { addMilliseconds, toTimestamp } from '../../shared/time.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { MfaService, SignInProof } from '../mfa/mfa.service.js';
import type { Notifications } from '../notifications/notifications.service.js';
import type { OpenedSession, Session, SessionsService } from '../sessions/sessions.service.js';
import type { TermsService } from '../terms/terms.service.js';
import {
  findUserById,
  findUserByUserId,
  findUserByUserIdForUpdate,
  lockUserById,
  updateUser,
  type User,
} from './accounts.repository.js';
import { verifyAgainstDummy, verifyPassword } from './password-hashing.js';
import { isLockedAt } from './lockout.js';

export interface PasswordStepInput {
  userId: string;
  password: string;
  acceptTerms: boolean;
  termsVersion?: number;
}

/**
 * Signing in, in the order of PRODUCT.md: user ID + password + terms, then an MFA device, then a
 * fresh session. Failures are counted and audited in a transaction that commits, and the error
 * is thrown after it: a refused attempt is never rolled back out of the record.
 */
export interface SignInService {
  /** Step 1. `previousSessionId` is whatever session the browser still carried: it is ended. */
  passwordStep(actor: Actor, input: PasswordStepInput, previousSessionId?: string): Promise<OpenedSession>;
  /** Step 2: sends the code, or prepares the security-key prompt, for the chosen device. */
  challenge(session: Session, factorId: string): ReturnType<MfaService['challenge']>;
  /** Step 3: the code or key; a new session replaces the half-signed-in one. */
  verifyFactor(actor: Actor, session: Session, factorId: string, proof: SignInProof): Promise<OpenedSession>;
  verifyRecoveryCode(actor: Actor, session: Session, code: string): Promise<OpenedSession>;
  /** First sign-in: once a device is enrolled, the session becomes a signed-in one. */
  /** Ends a first sign-in once its first device, of kind `factorKind`, is confirmed. */
  completeEnrollment(actor: Actor, session: Session, factorKind: string): Promise<OpenedSession>;
}

type Outcome = { ok: true; opened: OpenedSession } | { ok: false; error: ErrorCode };

export function createSignInService(deps: {
  config: Config;
  database: Database;
  clock: Clock;
  audit: AuditLog;
  notifications: Notifications;
  sessions: SessionsService;
  terms: TermsService;
  mfa: MfaService;
}): SignInService {
  const { database, clock, audit } = deps;
  const policy = deps.config.accounts;
  const resetLink = `${deps.config.publicUrl.replace(/\/$/, '')}/forgot-password`;

  async function settle(outcome: Promise<Outcome>): Promise<OpenedSession> {
    const result = await outcome;
    if (!result.ok) throw new AppError(result.error);
    return result.opened;
  }

  /** Counts one failed attempt; the third in a row locks the user ID and tells its owner. */
  async function countFailure(trx: Transaction<DB>, actor: Actor, user: User, reason: string): Promise<boolean> {
    const now = clock.now();
    const failures = user.failedSignIns + 1;
    const locks = failures >= policy.lockoutThreshold;
    await updateUser(trx, user.id, {
      failed_sign_ins: locks ? 0 : failures,
      ...(locks ? { locked_until: toTimestamp(addMilliseconds(now, policy.lockoutMinutes * 60_000)) } : {}),
    });
    const target = { type: 'user', id: user.id };
    await audit.record(trx, actor, { action: 'sign_in.failed', target, after: { reason, consecutiveFailures: failures } });
    if (locks) {
      await audit.record(trx, actor, { action: 'account.locked', target, after: { minutes: policy.lockoutMinutes } });
      await deps.notifications.enqueueEmail(trx, {
        to: user.email,
        language: user.language,
        template: 'account.locked',
        params: { firstName: user.firstName, userId: user.userId, minutes: policy.lockoutMinutes, resetLink },
      });
      await deps.sessions.endAllForUser(trx, user.id, 'locked');
    }
    return locks;
  }

  /** The last step of every successful sign-in: the counter resets and a new session opens. */
  async function finish(
    trx: Transaction<DB>,
    actor: Actor,
    user: User,
    session: Session,
    method: string,
    /** The kind of second factor that signed the person in, when `method` does not say it. */
    factorKind: string = method,
  ): Promise<OpenedSession> {
    const now = toTimestamp(clock.now());
    await updateUser(trx, user.id, { failed_sign_ins: 0, last_sign_in_at: now });
    const opened = await deps.sessions.rotate(trx, actor, session, 'active', factorKind);
    await audit.record(
      trx,
      { ...actor, userId: user.id },
      {
        action: 'sign_in.succeeded',
        target: { type: 'user', id: user.id },
        after: { method, sessionId: opened.session.id },
      },
    );
    return opened;
  }

  async function requireStage(session: Session, stage: Session['stage']): Promise<User> {
    if (session.stage !== stage) throw new AppError('auth.required');
    const user = await findUserById(database.db, session.userId);
    if (!user) throw new AppError('auth.required');
    return user;
  }

  return {
    async passwordStep(actor, input, previousSessionId) {
      if (!input.acceptTerms) throw new AppError('sign_in.terms_required');
      // The hash is checked before the transaction, so sign-ins do not queue behind it; an unknown
      // user ID runs the same verification against a dummy hash.
      const candidate = await findUserByUserId(database.db, input.userId);
      const passwordMatches = candidate?.passwordHash
        ? await verifyPassword(candidate.passwordHash, input.password)
        : await verifyAgainstDummy(input.password);

      return settle(
        database.transaction(async (trx): Promise<Outcome> => {
          const now = clock.now();
          // Whatever session the browser carried ends: a session id is never reused across a sign-in.
          if (previousSessionId) await deps.sessions.endOne(trx, previousSessionId, 'replaced');
          const user = await findUserByUserIdForUpdate(trx, database.kind, input.userId);
          if (!user || user.id !== candidate?.id) {
            await audit.record(trx, actor, {
              action: 'sign_in.failed',
              after: { reason: 'unknown_user_id', attemptedUserId: input.userId.slice(0, 80) },
            });
            return { ok: false, error: 'sign_in.failed' };
          }
          const target = { type: 'user', id: user.id };
          if (isLockedAt(user, now)) {
            await audit.record(trx, actor, { action: 'sign_in.failed', target, after: { reason: 'locked' } });
            return { ok: false, error: 'sign_in.failed' };
          }
          if (!passwordMatches) {
            await countFailure(trx, actor, user, 'password');
            return { ok: false, error: 'sign_in.failed' };
          }
          if (user.status === 'pending_verification') {
            await audit.record(trx, actor, { action: 'sign_in.failed', target, after: { reason: 'email_unverified' } });
            return { ok: false, error: 'sign_in.email_unverified' };
          }
          if (user.status === 'disabled') {
            await audit.record(trx, actor, { action: 'sign_in.failed', target, after: { reason: 'disabled' } });
            return { ok: false, error: 'sign_in.account_disabled' };
          }
          const terms = await deps.terms.current(trx);
          if (input.termsVersion !== undefined && input.termsVersion !== terms.version) {
            return { ok: false, error: 'sign_in.terms_outdated' };
          }
          await deps.terms.recordAcceptance(trx, actor, user.id, terms);
          const stage = (await deps.mfa.hasConfirmedFactor(trx, user.id)) ? 'mfa' : 'enroll';
          const opened = await deps.sessions.open(trx, { ...actor, userId: user.id }, { userId: user.id, stage });
          await audit.record(
            trx,
            { ...actor, userId: user.id },
            { action: 'sign_in.password_accepted', target, after: { next: stage } },
          );
          return { ok: true, opened };
        }),
      );
    },

    async challenge(session, factorId) {
      const user = await requireStage(session, 'mfa');
      return deps.mfa.challenge(user, factorId, session.id);
    },

    async verifyFactor(actor, session, factorId, proof) {
      await requireStage(session, 'mfa');
      return settle(
        database.transaction(async (trx): Promise<Outcome> => {
          const user = await lockUserById(trx, database.kind, session.userId);
          if (!user) return { ok: false, error: 'auth.required' };
          if (isLockedAt(user, clock.now())) return { ok: false, error: 'sign_in.failed' };
          const factor = await deps.mfa.verifyForSignIn(trx, actor, user, factorId, proof, session.id);
          if (!factor) {
            const locked = await countFailure(trx, actor, user, 'mfa');
            return { ok: false, error: locked ? 'sign_in.failed' : proof.webauthn ? 'mfa.webauthn_failed' : 'mfa.code_invalid' };
          }
          return { ok: true, opened: await finish(trx, actor, user, session, factor.kind) };
        }),
      );
    },

    async verifyRecoveryCode(actor, session, code) {
      await requireStage(session, 'mfa');
      return settle(
        database.transaction(async (trx): Promise<Outcome> => {
          const user = await lockUserById(trx, database.kind, session.userId);
          if (!user) return { ok: false, error: 'auth.required' };
          if (isLockedAt(user, clock.now())) return { ok: false, error: 'sign_in.failed' };
          if (!(await deps.mfa.useRecoveryCode(trx, actor, user, code))) {
            const locked = await countFailure(trx, actor, user, 'recovery_code');
            return { ok: false, error: locked ? 'sign_in.failed' : 'mfa.code_invalid' };
          }
          return { ok: true, opened: await finish(trx, actor, user, session, 'recovery_code') };
        }),
      );
    },

    async completeEnrollment(actor, session, factorKind) {
      const user = await requireStage(session, 'enroll');
      return database.transaction(async (trx) => {
        if (!(await deps.mfa.hasConfirmedFactor(trx, user.id))) throw new AppError('auth.mfa_required');
        return finish(trx, actor, user, session, 'enrollment', factorKind);
      });
    },
  };
}
