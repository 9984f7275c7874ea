import type { Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../../config/config.js';
import type { DB } from '../../db/schema.js';
import type { Database, Reader } from '../../db/database.js';
import { lockForTransaction } from '../../db/dialect.js';
import { AppError, type Language } from '../../http/errors.js';
import type { Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { maskEmail } from '../../shared/masking.js';
import { toTimestamp } from '../../shared/time.js';
import type { AuditEvent, AuditLog } from '../audit/audit.service.js';
import type { Notifications } from '../notifications/notifications.service.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import {
  findUserById,
  findUserByUserId,
  insertUser,
  listPeopleByIds,
  listUsersByEmail,
  lockUserById,
  normalizeEmail,
  normalizeUserId,
  searchPeople,
  updateUser,
  userIdExists,
  type Person,
  type User,
} from './accounts.repository.js';
import { isLockedAt } from './lockout.js';
import { consumeLinkToken, findPendingPayload, issueLinkToken } from './one-time-codes.js';
import { verifyPassword } from './password-hashing.js';
import { createRecoveryRequests, type RecoveryRequests } from './recovery-requests.js';
import { assertNewPasswordAllowed, assertPasswordAllowed, assertPasswordOldEnough, storePassword } from './password-rules.js';

export type { Person, User } from './accounts.repository.js';

const HOUR_MS = 3_600_000;
const EMAIL_LINK_TTL_MS = 24 * HOUR_MS;
const RESET_LINK_TTL_MS = HOUR_MS;
const SETUP_LINK_TTL_MS = 72 * HOUR_MS;

export interface RegistrationInput {
  firstName: string;
  middleName?: string;
  lastName: string;
  email: string;
  phone?: string;
  userId: string;
  password: string;
  language?: Language;
}

export interface Profile {
  id: string;
  userId: string;
  firstName: string;
  middleName: string | null;
  lastName: string;
  email: string;
  pendingEmail: string | null;
  phone: string | null;
  language: Language;
  isAdministrator: boolean;
  createdAt: string;
  lastSignInAt: string | null;
}

export interface ProfilePatch {
  firstName?: string;
  middleName?: string | null;
  lastName?: string;
  phone?: string | null;
  language?: Language;
}

export interface AccountsService {
  register(actor: Actor, input: RegistrationInput): Promise<{ email: string }>;
  verifyEmail(actor: Actor, token: string): Promise<{ userId: string }>;
  resendVerification(actor: Actor, email: string): Promise<void>;
  /** Forgot user ID: queued, so that the answer costs the same whether the address is on file. */
  remindUserId(actor: Actor, email: string): Promise<void>;
  /** Forgot password: queued, so that the answer costs the same whether the user ID exists. */
  requestPasswordReset(actor: Actor, userId: string): Promise<void>;
  /** The queue of forgot-password and forgot-user-ID requests: its sweep, and a wait for tests. */
  readonly recoveryRequests: Pick<RecoveryRequests, 'carryOut' | 'idle'>;
  resetPassword(actor: Actor, token: string, password: string): Promise<void>;
  setUpAccount(actor: Actor, token: string, password: string): Promise<{ userId: string }>;
  changePassword(
    actor: Actor,
    userId: string,
    input: { currentPassword: string; newPassword: string; keepSessionId?: string },
  ): Promise<void>;
  /** Inside a transaction, pass it: on SQLite a query outside it would wait for it forever. */
  getUser(db: Reader, id: string): Promise<User>;
  findByUserId(userId: string): Promise<User | undefined>;
  /** The same, read with `db`: inside a transaction, its own view. */
  findByUserIdIn(db: Reader, userId: string): Promise<User | undefined>;
  /**
   * People by id, for modules that name or email many at once (certification's lists, evidence
   * and sweep): one call per page, never one per row. Ids with no user are left out.
   */
  peopleByIds(db: Reader, ids: readonly string[]): Promise<Map<string, Person>>;
  /**
   * A verified, active account whose password is already chosen, flagged as demonstration data
   * (what `rolecall demo` creates; the caller audits it). Answers its id.
   */
  createDemoAccount(
    trx: Transaction<DB>,
    input: { userId: string; firstName: string; lastName: string; email: string; isAdministrator: boolean; password: string },
  ): Promise<string>;
  getProfile(id: string): Promise<Profile>;
  updateProfile(actor: Actor, id: string, patch: ProfilePatch): Promise<Profile>;
  requestEmailChange(actor: Actor, id: string, email: string): Promise<{ pendingEmail: string }>;
  confirmEmailChange(actor: Actor, id: string, token: string): Promise<Profile>;
  /**
   * People by user ID, email address or the start of their name (the help desk's search), at
   * most `limit`, the exact match first.
   */
  searchPeople(text: string, limit: number): Promise<User[]>;
  /** Whether too many failed sign-ins lock the user ID now. */
  isLocked(user: User): boolean;
  /** The help desk's unlock, in the caller's transaction, audited; refused when not locked. */
  unlock(trx: Transaction<DB>, actor: Actor, user: User, scope: AuditEvent['scope']): Promise<void>;
  /** The help desk's resend of the verification email, audited; refused once verified. */
  resendVerificationTo(trx: Transaction<DB>, actor: Actor, user: User, scope: AuditEvent['scope']): Promise<void>;
  /** `rolecall admin create`: an administrator without a password, and the link to set one. */
  createAdministrator(
    actor: Actor,
    input: { userId: string; email: string; firstName: string; lastName: string },
  ): Promise<{ link: string }>;
}

export function createAccountsService(deps: {
  config: Config;
  database: Database;
  clock: Clock;
  audit: AuditLog;
  notifications: Notifications;
  sessions: SessionsService;
  logger: Logger;
}): AccountsService {
  const { database, clock, audit, notifications } = deps;
  const policy = deps.config.accounts;
  const link = (path: string, token?: string) =>
    `${deps.config.publicUrl.replace(/\/$/, '')}${path}${token ? `?token=${encodeURIComponent(token)}` : ''}`;

  async function getUser(db: Reader, id: string): Promise<User> {
    const user = await findUserById(db, id);
    if (!user) throw new AppError('resource.not_found');
    return user;
  }

  /** A new verification link by email, the older ones left to lapse; audited. */
  async function sendVerificationAgain(trx: Transaction<DB>, actor: Actor, user: User, scope?: AuditEvent['scope']) {
    const { value } = await issueLinkToken(trx, {
      userId: user.id,
      purpose: 'email.verify',
      now: clock.now(),
      ttlMs: EMAIL_LINK_TTL_MS,
    });
    await notifications.enqueueEmail(trx, {
      to: user.email,
      language: user.language,
      template: 'account.verify_email',
      params: { firstName: user.firstName, userId: user.userId, link: link('/verify-email', value), hours: 24 },
    });
    await audit.record(trx, actor, { action: 'account.verification_resent', target: { type: 'user', id: user.id }, scope });
  }

  /** Forgot user ID, carried out: every verified account of the address, named in one email. */
  async function remindUserIdNow(trx: Transaction<DB>, actor: Actor, email: string): Promise<void> {
    const users = (await listUsersByEmail(trx, email)).filter((user) => user.emailVerifiedAt !== null);
    const first = users[0];
    if (!first) {
      await audit.record(trx, actor, { action: 'account.user_id_reminder_requested', after: { known: false } });
      return;
    }
    await notifications.enqueueEmail(trx, {
      to: first.email,
      language: first.language,
      template: 'account.user_id_reminder',
      params: { userIds: users.map((user) => user.userId), signInLink: link('/sign-in') },
    });
    for (const user of users) {
      await audit.record(trx, actor, { action: 'account.user_id_reminder_sent', target: { type: 'user', id: user.id } });
    }
  }

  /** Forgot password, carried out: a reset link to the account's address. An unknown user ID is audited too: someone probing. */
  async function sendPasswordReset(trx: Transaction<DB>, actor: Actor, userId: string): Promise<void> {
    const user = await findUserByUserId(trx, userId);
    if (!user) {
      await audit.record(trx, actor, {
        action: 'password.reset_requested',
        after: { attemptedUserId: userId.slice(0, 80), known: false },
      });
      return;
    }
    const { value } = await issueLinkToken(trx, {
      userId: user.id,
      purpose: 'password.reset',
      now: clock.now(),
      ttlMs: RESET_LINK_TTL_MS,
    });
    await notifications.enqueueEmail(trx, {
      to: user.email,
      language: user.language,
      template: 'account.password_reset',
      params: { firstName: user.firstName, userId: user.userId, link: link('/reset-password', value), minutes: 60 },
    });
    await audit.record(trx, actor, { action: 'password.reset_requested', target: { type: 'user', id: user.id } });
  }

  const recoveryRequests = createRecoveryRequests({
    database,
    clock,
    logger: deps.logger,
    handlers: { user_id: remindUserIdNow, password: sendPasswordReset },
    carryOutAfterEach: deps.config.jobs.enabled,
  });

  async function getProfile(id: string): Promise<Profile> {
    const user = await getUser(database.db, id);
    const pending = await findPendingPayload(database.db, id, 'email.change', clock.now());
    return {
      id: user.id,
      userId: user.userId,
      firstName: user.firstName,
      middleName: user.middleName,
      lastName: user.lastName,
      email: user.email,
      pendingEmail: typeof pending?.email === 'string' ? pending.email : null,
      phone: user.phone,
      language: user.language,
      isAdministrator: user.isAdministrator,
      createdAt: user.createdAt,
      lastSignInAt: user.lastSignInAt,
    };
  }

  return {
    getUser,
    getProfile,
    findByUserId: (userId) => findUserByUserId(database.db, userId),
    findByUserIdIn: (db, userId) => findUserByUserId(db, userId),
    peopleByIds: (db, ids) => listPeopleByIds(db, ids),

    async createDemoAccount(trx, input) {
      const now = clock.now();
      const at = toTimestamp(now);
      const id = newId(now);
      await insertReadyUser(trx, id, input, at);
      await updateUser(trx, id, { is_demo: 1 });
      await storePassword(trx, id, input.password, now);
      return id;
    },

    async register(actor, input) {
      // The whole form is checked before the user ID is looked up: whether a user ID is taken is
      // told only to someone who could register it, one rate-limited request at a time.
      assertNewPasswordAllowed(input.password, input);
      if (await userIdExists(database.db, input.userId)) throw new AppError('registration.user_id_taken', { field: 'userId' });
      const now = clock.now();
      const id = newId(now);
      const language = input.language ?? 'en';
      await database.transaction(async (trx) => {
        await assertPasswordAllowed(trx, policy, input.password, input);
        // Checked again under the transaction: two registrations racing for one user ID.
        await lockForTransaction(database.kind, trx, `users.user_id:${normalizeUserId(input.userId)}`);
        if (await userIdExists(trx, input.userId)) throw new AppError('registration.user_id_taken', { field: 'userId' });
        await insertUser(trx, {
          id,
          userId: input.userId,
          firstName: input.firstName.trim(),
          middleName: input.middleName?.trim() || null,
          lastName: input.lastName.trim(),
          email: input.email,
          phone: input.phone?.trim() || null,
          language,
          passwordHash: null,
          status: 'pending_verification',
          isAdministrator: false,
          emailVerifiedAt: null,
          now: toTimestamp(now),
        });
        await storePassword(trx, id, input.password, now);
        const { value } = await issueLinkToken(trx, { userId: id, purpose: 'email.verify', now, ttlMs: EMAIL_LINK_TTL_MS });
        await notifications.enqueueEmail(trx, {
          to: input.email.trim(),
          language,
          template: 'account.verify_email',
          params: {
            firstName: input.firstName.trim(),
            userId: input.userId.trim(),
            link: link('/verify-email', value),
            hours: 24,
          },
        });
        await audit.record(
          trx,
          { ...actor, userId: id },
          {
            action: 'account.registered',
            target: { type: 'user', id },
            after: {
              userId: input.userId.trim(),
              email: input.email.trim(),
              firstName: input.firstName.trim(),
              lastName: input.lastName.trim(),
            },
          },
        );
      });
      return { email: input.email.trim() };
    },

    async verifyEmail(actor, token) {
      return database.transaction(async (trx) => {
        const code = await consumeLinkToken(trx, 'email.verify', token, clock.now());
        const user = code && (await lockUserById(trx, database.kind, code.userId));
        if (!user) throw new AppError('token.invalid');
        const now = toTimestamp(clock.now());
        await updateUser(trx, user.id, {
          email_verified_at: now,
          status: user.status === 'pending_verification' ? 'active' : user.status,
          updated_at: now,
        });
        await audit.record(trx, actor, {
          action: 'account.email_verified',
          target: { type: 'user', id: user.id },
          after: { email: user.email },
        });
        return { userId: user.userId };
      });
    },

    async resendVerification(actor, email) {
      const pending = (await listUsersByEmail(database.db, email)).filter((user) => user.status === 'pending_verification');
      if (pending.length === 0) return;
      await database.transaction(async (trx) => {
        for (const user of pending) await sendVerificationAgain(trx, actor, user);
      });
    },

    async resendVerificationTo(trx, actor, user, scope) {
      if (user.status !== 'pending_verification') throw new AppError('help_desk.already_verified');
      await sendVerificationAgain(trx, actor, user, scope);
    },

    searchPeople: (text, limit) => searchPeople(database.db, database.kind, text, limit),

    isLocked: (user) => isLockedAt(user, clock.now()),

    async unlock(trx, actor, user, scope) {
      if (!isLockedAt(user, clock.now())) throw new AppError('help_desk.not_locked');
      await updateUser(trx, user.id, { failed_sign_ins: 0, locked_until: null, updated_at: toTimestamp(clock.now()) });
      await audit.record(trx, actor, {
        action: 'account.unlocked',
        target: { type: 'user', id: user.id },
        before: { lockedUntil: user.lockedUntil, failedSignIns: user.failedSignIns },
        scope,
      });
    },

    remindUserId: (actor, email) => recoveryRequests.enqueue(actor, 'user_id', email),

    requestPasswordReset: (actor, userId) => recoveryRequests.enqueue(actor, 'password', userId),

    recoveryRequests: { carryOut: () => recoveryRequests.carryOut(), idle: () => recoveryRequests.idle() },

    async resetPassword(actor, token, password) {
      await database.transaction(async (trx) => {
        const now = clock.now();
        const code = await consumeLinkToken(trx, 'password.reset', token, now);
        const user = code && (await lockUserById(trx, database.kind, code.userId));
        if (!user) throw new AppError('token.invalid');
        await assertPasswordAllowed(trx, policy, password, user);
        await storePassword(trx, user.id, password, now);
        // The link proves the mailbox: it unlocks the user ID, re-enables a dormant account and
        // verifies an address never verified.
        const reenabled = user.status === 'disabled' && user.disabledReason === 'dormant';
        const unlocked = user.lockedUntil !== null && user.lockedUntil > toTimestamp(now);
        await updateUser(trx, user.id, {
          failed_sign_ins: 0,
          locked_until: null,
          status: reenabled || user.status === 'pending_verification' ? 'active' : user.status,
          disabled_reason: reenabled ? null : user.disabledReason,
          email_verified_at: user.emailVerifiedAt ?? toTimestamp(now),
          // A dormant account re-enabled today must not be disabled again by tonight's sweep.
          ...(reenabled ? { last_sign_in_at: toTimestamp(now) } : {}),
        });
        await deps.sessions.endAllForUser(trx, user.id, 'password_reset');
        await notifications.enqueueEmail(trx, {
          to: user.email,
          language: user.language,
          template: 'account.password_changed',
          params: { firstName: user.firstName, userId: user.userId },
        });
        const target = { type: 'user', id: user.id };
        await audit.record(trx, actor, { action: 'password.reset', target });
        if (unlocked) await audit.record(trx, actor, { action: 'account.unlocked', target, after: { by: 'password_reset' } });
        if (reenabled)
          await audit.record(trx, actor, {
            action: 'account.enabled',
            target,
            before: { status: 'disabled', reason: 'dormant' },
            after: { status: 'active' },
          });
      });
    },

    async setUpAccount(actor, token, password) {
      return database.transaction(async (trx) => {
        const now = clock.now();
        const code = await consumeLinkToken(trx, 'account.setup', token, now);
        const user = code && (await lockUserById(trx, database.kind, code.userId));
        if (!user) throw new AppError('token.invalid');
        await assertPasswordAllowed(trx, policy, password, user);
        await storePassword(trx, user.id, password, now);
        await updateUser(trx, user.id, {
          status: 'active',
          email_verified_at: user.emailVerifiedAt ?? toTimestamp(now),
          failed_sign_ins: 0,
          locked_until: null,
        });
        await audit.record(trx, actor, { action: 'account.setup_completed', target: { type: 'user', id: user.id } });
        return { userId: user.userId };
      });
    },

    async changePassword(actor, userId, input) {
      const user = await getUser(database.db, userId);
      if (!user.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
        await database.transaction((trx) =>
          audit.record(trx, actor, {
            action: 'password.change_failed',
            target: { type: 'user', id: user.id },
            after: { reason: 'current_password_incorrect' },
          }),
        );
        throw new AppError('password.incorrect');
      }
      await database.transaction(async (trx) => {
        const now = clock.now();
        const current = await lockUserById(trx, database.kind, userId);
        if (!current) throw new AppError('resource.not_found');
        assertPasswordOldEnough(policy, current, now);
        await assertPasswordAllowed(trx, policy, input.newPassword, current);
        await storePassword(trx, current.id, input.newPassword, now);
        await deps.sessions.endAllForUser(trx, current.id, 'password_changed', input.keepSessionId);
        await notifications.enqueueEmail(trx, {
          to: current.email,
          language: current.language,
          template: 'account.password_changed',
          params: { firstName: current.firstName, userId: current.userId },
        });
        await audit.record(trx, actor, { action: 'password.changed', target: { type: 'user', id: current.id } });
      });
    },

    async updateProfile(actor, id, patch) {
      await database.transaction(async (trx) => {
        const user = await lockUserById(trx, database.kind, id);
        if (!user) throw new AppError('resource.not_found');
        const before: Record<string, unknown> = {};
        const after: Record<string, unknown> = {};
        const set: Record<string, string | null> = {};
        const change = (field: keyof ProfilePatch, column: string, current: string | null, next: string | null | undefined) => {
          if (next === undefined || next === current) return;
          before[field] = current;
          after[field] = next;
          set[column] = next;
        };
        change('firstName', 'first_name', user.firstName, patch.firstName?.trim());
        change(
          'middleName',
          'middle_name',
          user.middleName,
          patch.middleName === undefined ? undefined : patch.middleName?.trim() || null,
        );
        change('lastName', 'last_name', user.lastName, patch.lastName?.trim());
        change('phone', 'phone', user.phone, patch.phone === undefined ? undefined : patch.phone?.trim() || null);
        change('language', 'language', user.language, patch.language);
        if (Object.keys(set).length === 0) return;
        await updateUser(trx, id, { ...set, updated_at: toTimestamp(clock.now()) });
        await audit.record(trx, actor, { action: 'profile.updated', target: { type: 'user', id }, before, after });
      });
      return getProfile(id);
    },

    async requestEmailChange(actor, id, email) {
      const user = await getUser(database.db, id);
      const address = email.trim();
      if (normalizeEmail(address) === normalizeEmail(user.email))
        throw new AppError('request.invalid', { field: 'email', reason: 'unchanged' });
      await database.transaction(async (trx) => {
        const { value } = await issueLinkToken(trx, {
          userId: id,
          purpose: 'email.change',
          now: clock.now(),
          ttlMs: EMAIL_LINK_TTL_MS,
          payload: { email: address },
        });
        await notifications.enqueueEmail(trx, {
          to: address,
          language: user.language,
          template: 'account.email_change',
          params: { firstName: user.firstName, link: link('/profile/verify-email', value), hours: 24 },
        });
        await audit.record(trx, actor, {
          action: 'email.change_requested',
          target: { type: 'user', id },
          after: { pendingEmail: address },
        });
      });
      return { pendingEmail: address };
    },

    async confirmEmailChange(actor, id, token) {
      await database.transaction(async (trx) => {
        const code = await consumeLinkToken(trx, 'email.change', token, clock.now());
        const address = code?.payload.email;
        if (!code || code.userId !== id || typeof address !== 'string') throw new AppError('token.invalid');
        const user = await lockUserById(trx, database.kind, id);
        if (!user) throw new AppError('resource.not_found');
        const now = toTimestamp(clock.now());
        await updateUser(trx, id, {
          email: address,
          email_normalized: normalizeEmail(address),
          email_verified_at: now,
          updated_at: now,
        });
        // The previous address is told, with the new one masked: if the change was not the
        // owner's, the owner still hears of it.
        await notifications.enqueueEmail(trx, {
          to: user.email,
          language: user.language,
          template: 'account.email_changed',
          params: { firstName: user.firstName, userId: user.userId, newAddress: maskEmail(address) },
        });
        await audit.record(trx, actor, {
          action: 'email.changed',
          target: { type: 'user', id },
          before: { email: user.email },
          after: { email: address },
        });
      });
      return getProfile(id);
    },

    async createAdministrator(actor, input) {
      if (await userIdExists(database.db, input.userId)) throw new AppError('registration.user_id_taken', { field: 'userId' });
      const now = clock.now();
      const id = newId(now);
      const token = await database.transaction(async (trx) => {
        await insertReadyUser(trx, id, { ...input, isAdministrator: true }, toTimestamp(now));
        const { value } = await issueLinkToken(trx, { userId: id, purpose: 'account.setup', now, ttlMs: SETUP_LINK_TTL_MS });
        await audit.record(trx, actor, {
          action: 'account.administrator_created',
          target: { type: 'user', id },
          after: { userId: input.userId, email: input.email, isAdministrator: true },
        });
        return value;
      });
      return { link: link('/set-up', token) };
    },
  };
}

/** An active account whose email address is taken as verified, with no password yet: made by an operator, not registered. */
async function insertReadyUser(
  trx: Transaction<DB>,
  id: string,
  person: { userId: string; firstName: string; lastName: string; email: string; isAdministrator: boolean },
  at: string,
): Promise<void> {
  await insertUser(trx, {
    id,
    userId: person.userId,
    firstName: person.firstName,
    middleName: null,
    lastName: person.lastName,
    email: person.email,
    phone: null,
    language: 'en',
    passwordHash: null,
    status: 'active',
    isAdministrator: person.isAdministrator,
    emailVerifiedAt: at,
    now: at,
  });
}
