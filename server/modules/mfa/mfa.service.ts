import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import type { Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { decryptSecret, encryptSecret } from '../../shared/crypto.js';
import { newId } from '../../shared/ids.js';
import { maskEmail, maskPhone } from '../../shared/masking.js';
import { addMilliseconds, toTimestamp } from '../../shared/time.js';
import type { User } from '../accounts/accounts.service.js';
import {
  consumeLinkToken,
  consumeNumericCode,
  issueKnownValue,
  issueNumericCode,
  type CodePurpose,
} from '../accounts/one-time-codes.js';
import type { AuditEvent, AuditLog } from '../audit/audit.service.js';
import type { Notifications } from '../notifications/notifications.service.js';
import {
  countUnusedRecoveryCodes,
  deleteAbandonedFactors,
  deleteEveryFactor,
  deleteFactor,
  findFactor,
  insertFactor,
  listConfirmedFactors,
  markFactorConfirmed,
  recordFactorUse,
  replaceRecoveryCodes,
  useRecoveryCode,
  type Factor,
  type FactorKind,
} from './mfa.repository.js';
import { factorActions, removalRefusal, type FactorAction } from './mfa.policy.js';
import type { PhoneSender } from './phone-sender.js';
import { legacyRecoveryCodeHash, newRecoveryCode, RECOVERY_CODE_COUNT, recoveryCodeHasher } from './recovery-codes.js';
import { newTotpSecret, qrCodeDataUrl, totpUri, verifyTotp } from './totp.js';
import {
  answeredChallenge,
  authenticationOptions,
  registrationOptions,
  relyingPartyFor,
  verifyAuthentication,
  verifyRegistration,
  type StoredCredential,
} from './webauthn.js';

export type { Factor, FactorKind } from './mfa.repository.js';

export interface FactorSummary {
  id: string;
  kind: FactorKind;
  /** The name the person gave the device, or '' for none: pages then name it by its kind, in their language. */
  label: string;
  /** Where codes go, masked (a phone's last digits), or null. */
  detail: string | null;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface EnrollmentStarted {
  factor: FactorSummary;
  totp?: { secret: string; otpauthUri: string; qrCode: string };
  sentTo?: string;
}

export interface EnrollmentDone {
  factor: FactorSummary;
  /** Shown once, when the user's first factor is confirmed. */
  recoveryCodes?: string[];
}

export interface SignInProof {
  code?: string;
  webauthn?: AuthenticationResponseJSON;
}

/** Emailed, texted and spoken codes: 6 digits, 10 minutes. */
const CODE_TTL_MS = 10 * 60_000;
/** A challenge for a security key lives as long as the browser's prompt. */
const WEBAUTHN_TTL_MS = 5 * 60_000;
/** An enrolment not confirmed within a day is abandoned. */
const ABANDONED_AFTER_MS = 24 * 3_600_000;

export interface MfaService {
  /** The owner's confirmed devices, each with what they may do with it (mfa.policy.ts). */
  listFactors(
    userId: string,
  ): Promise<{ factors: (FactorSummary & { allowedActions: FactorAction[] })[]; recoveryCodesRemaining: number }>;
  startEnrollment(
    actor: Actor,
    user: User,
    input: { kind: 'totp' | 'email' | 'sms' | 'voice'; label?: string; phone?: string },
  ): Promise<EnrollmentStarted>;
  confirmEnrollment(actor: Actor, user: User, factorId: string, code: string): Promise<EnrollmentDone>;
  webauthnRegistrationOptions(user: User): Promise<PublicKeyCredentialCreationOptionsJSON>;
  registerWebauthn(
    actor: Actor,
    user: User,
    label: string | undefined,
    response: RegistrationResponseJSON,
  ): Promise<EnrollmentDone>;
  removeFactor(actor: Actor, user: User, factorId: string): Promise<void>;
  regenerateRecoveryCodes(actor: Actor, user: User): Promise<string[]>;
  /** Sign-in: sends a code, or prepares a security-key prompt, for the chosen factor. */
  /**
   * Sign-in: what the device needs to answer (a code sent, WebAuthn options), for the
   * half-signed-in session `sessionId` only: a code or challenge answered from another is refused.
   */
  challenge(
    user: User,
    factorId: string,
    sessionId: string,
  ): Promise<{ kind: FactorKind; sentTo?: string; options?: PublicKeyCredentialRequestOptionsJSON }>;
  /**
   * Sign-in: checks the proof for a factor inside the caller's transaction; the factor on success.
   * An authenticator-app code already used is refused, audited as a reuse and its owner told.
   */
  verifyForSignIn(
    trx: Transaction<DB>,
    actor: Actor,
    user: User,
    factorId: string,
    proof: SignInProof,
    sessionId: string,
  ): Promise<Factor | undefined>;
  /** Sign-in: uses up one recovery code inside the caller's transaction. */
  useRecoveryCode(trx: Transaction<DB>, actor: Actor, user: User, code: string): Promise<boolean>;
  hasConfirmedFactor(trx: Transaction<DB>, userId: string): Promise<boolean>;
  /**
   * A confirmed authenticator app with a secret known in advance: demonstration accounts share
   * one (the caller audits it). Answers the device's id.
   */
  addDemoAuthenticator(trx: Transaction<DB>, userId: string, input: { secret: string; label: string }): Promise<string>;
  confirmedFactors(userId: string): Promise<FactorSummary[]>;
  /**
   * The help desk's reset, in the caller's transaction: removes every device and recovery code
   * (the person enrols again at the next sign-in), audits it and tells the person by email.
   * Answers how many confirmed devices were removed; the caller refuses a reset of none.
   */
  resetFactors(trx: Transaction<DB>, actor: Actor, user: User, scope: AuditEvent['scope']): Promise<number>;
}

export function createMfaService(deps: {
  database: Database;
  clock: Clock;
  audit: AuditLog;
  notifications: Notifications;
  phoneSender: PhoneSender;
  /** Whether text and voice codes are offered (configuration: ROLECALL_PHONE_CODES). */
  phoneCodes: boolean;
  secretKey: Buffer;
  publicUrl: string;
}): MfaService {
  const rp = relyingPartyFor(deps.publicUrl);
  const secretContext = (userId: string) => `mfa:${userId}`;
  const summary = (factor: Factor): FactorSummary => ({
    id: factor.id,
    kind: factor.kind,
    label: factor.label,
    detail: factor.kind === 'sms' || factor.kind === 'voice' ? maskPhone(factor.phone ?? '') : null,
    createdAt: factor.createdAt,
    lastUsedAt: factor.lastUsedAt,
  });
  const credentialOf = (factor: Factor): StoredCredential => ({
    credentialId: factor.credentialId ?? '',
    publicKey: factor.publicKey ?? '',
    counter: factor.signCount ?? 0,
    transports: factor.transports,
  });

  /** Sends a code to a device; at sign-in, for the session that asked (`sessionId`) alone. */
  async function sendCode(
    trx: Transaction<DB>,
    user: User,
    factor: Factor,
    purpose: CodePurpose,
    sessionId?: string,
  ): Promise<string> {
    const { value } = await issueNumericCode(trx, {
      userId: user.id,
      purpose,
      now: deps.clock.now(),
      ttlMs: CODE_TTL_MS,
      payload: { factorId: factor.id, ...(sessionId ? { sessionId } : {}) },
    });
    const message = {
      language: user.language,
      template: 'mfa.code' as const,
      params: { code: value, minutes: CODE_TTL_MS / 60_000 },
    };
    if (factor.kind === 'email') {
      await deps.notifications.enqueueEmail(trx, { ...message, to: user.email });
      return maskEmail(user.email);
    }
    const phone = factor.phone ?? '';
    await deps.phoneSender.send(trx, {
      channel: factor.kind === 'voice' ? 'voice' : 'sms',
      to: phone,
      language: user.language,
      code: value,
      minutes: CODE_TTL_MS / 60_000,
    });
    return maskPhone(phone);
  }

  /** Uses up the code; whether it was sent to this device (and, at sign-in, for this session). */
  async function codeMatches(
    trx: Transaction<DB>,
    user: User,
    factor: Factor,
    purpose: CodePurpose,
    code: string,
    sessionId?: string,
  ): Promise<boolean> {
    const consumed = await consumeNumericCode(trx, { userId: user.id, purpose, code, now: deps.clock.now() });
    if (consumed === undefined || consumed.payload.factorId !== factor.id) return false;
    return sessionId === undefined || consumed.payload.sessionId === sessionId;
  }

  const hashRecoveryCode = recoveryCodeHasher(deps.secretKey);

  /** An authenticator-app code used a second time: audited as such, and the owner told. */
  async function codeReused(trx: Transaction<DB>, actor: Actor, user: User, factor: Factor): Promise<void> {
    await deps.audit.record(trx, actor, {
      action: 'mfa.code_reused',
      target: { type: 'user', id: user.id },
      after: { factorId: factor.id },
    });
    await deps.notifications.enqueueEmail(trx, {
      to: user.email,
      language: user.language,
      template: 'mfa.code_reused',
      params: { firstName: user.firstName, userId: user.userId, label: factor.label, kind: factor.kind },
    });
  }

  async function newRecoveryCodes(trx: Transaction<DB>, actor: Actor, user: User): Promise<string[]> {
    const now = deps.clock.now();
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => newRecoveryCode());
    await replaceRecoveryCodes(
      trx,
      user.id,
      codes.map((code) => ({ id: newId(now), hash: hashRecoveryCode(user.id, code) })),
      toTimestamp(now),
    );
    await deps.audit.record(trx, actor, {
      action: 'mfa.recovery_codes_generated',
      target: { type: 'user', id: user.id },
      after: { count: codes.length },
    });
    return codes;
  }

  /** Confirms a factor; the user's first one also gets recovery codes. */
  async function finishEnrollment(trx: Transaction<DB>, actor: Actor, user: User, factor: Factor): Promise<EnrollmentDone> {
    const firstFactor = (await listConfirmedFactors(trx, user.id)).filter((other) => other.id !== factor.id).length === 0;
    await deps.audit.record(trx, actor, {
      action: 'mfa.factor_added',
      target: { type: 'user', id: user.id },
      after: { factorId: factor.id, kind: factor.kind, label: factor.label },
    });
    await deps.notifications.enqueueEmail(trx, {
      to: user.email,
      language: user.language,
      template: 'mfa.factor_changed',
      params: { firstName: user.firstName, label: factor.label, kind: factor.kind, added: true },
    });
    const recoveryCodes = firstFactor ? await newRecoveryCodes(trx, actor, user) : undefined;
    return { factor: summary(factor), ...(recoveryCodes ? { recoveryCodes } : {}) };
  }

  return {
    async listFactors(userId) {
      const [factors, recoveryCodesRemaining] = await Promise.all([
        listConfirmedFactors(deps.database.db, userId),
        countUnusedRecoveryCodes(deps.database.db, userId),
      ]);
      return {
        factors: factors.map((factor) => ({ ...summary(factor), allowedActions: factorActions(factor, factors.length) })),
        recoveryCodesRemaining,
      };
    },

    async confirmedFactors(userId) {
      return (await listConfirmedFactors(deps.database.db, userId)).map(summary);
    },

    async resetFactors(trx, actor, user, scope) {
      const removed = await listConfirmedFactors(trx, user.id);
      await deleteEveryFactor(trx, user.id);
      if (removed.length === 0) return 0;
      await deps.audit.record(trx, actor, {
        action: 'mfa.reset',
        target: { type: 'user', id: user.id },
        before: { kinds: removed.map((factor) => factor.kind) },
        scope,
      });
      await deps.notifications.enqueueEmail(trx, {
        to: user.email,
        language: user.language,
        template: 'mfa.reset',
        params: { firstName: user.firstName, userId: user.userId },
      });
      return removed.length;
    },

    async addDemoAuthenticator(trx, userId, input) {
      const at = toTimestamp(deps.clock.now());
      const id = newId(deps.clock.now());
      await insertFactor(trx, {
        id,
        userId,
        kind: 'totp',
        label: input.label,
        secretEncrypted: encryptSecret(deps.secretKey, input.secret, secretContext(userId)),
        lastUsedStep: null,
        credentialId: null,
        publicKey: null,
        signCount: null,
        transports: [],
        phone: null,
        confirmedAt: at,
        lastUsedAt: null,
        createdAt: at,
      });
      return id;
    },

    async hasConfirmedFactor(trx, userId) {
      return (await listConfirmedFactors(trx, userId)).length > 0;
    },

    async startEnrollment(actor, user, input) {
      if ((input.kind === 'sms' || input.kind === 'voice') && !deps.phoneCodes) throw new AppError('mfa.kind_unavailable');
      if ((input.kind === 'sms' || input.kind === 'voice') && !input.phone?.trim()) throw new AppError('mfa.phone_required');
      const phone = input.kind === 'sms' || input.kind === 'voice' ? input.phone?.trim() : undefined;
      return deps.database.transaction(async (trx) => {
        const now = deps.clock.now();
        await deleteAbandonedFactors(trx, user.id, toTimestamp(addMilliseconds(now, -ABANDONED_AFTER_MS)));
        const secret = input.kind === 'totp' ? newTotpSecret() : undefined;
        const factor: Factor = {
          id: newId(now),
          userId: user.id,
          kind: input.kind,
          label: input.label?.trim() ?? '',
          secretEncrypted: secret ? encryptSecret(deps.secretKey, secret, secretContext(user.id)) : null,
          lastUsedStep: null,
          credentialId: null,
          publicKey: null,
          signCount: null,
          transports: [],
          phone: phone ?? null,
          confirmedAt: null,
          lastUsedAt: null,
          createdAt: toTimestamp(now),
        };
        await insertFactor(trx, factor);
        if (secret) {
          const otpauthUri = totpUri(secret, user.userId, 'Rolecall');
          return { factor: summary(factor), totp: { secret, otpauthUri, qrCode: await qrCodeDataUrl(otpauthUri) } };
        }
        return { factor: summary(factor), sentTo: await sendCode(trx, user, factor, 'mfa.enroll') };
      });
    },

    async confirmEnrollment(actor, user, factorId, code) {
      // A wrong code is answered after its transaction commits, so the try it used up stays used:
      // an emailed code cannot be guessed by retrying.
      const outcome = await deps.database.transaction(async (trx): Promise<EnrollmentDone | undefined> => {
        const factor = await findFactor(trx, user.id, factorId);
        if (!factor || factor.kind === 'webauthn') throw new AppError('resource.not_found');
        if (factor.confirmedAt !== null) throw new AppError('resource.conflict');
        const now = deps.clock.now();
        let step: number | undefined;
        if (factor.kind === 'totp') {
          const secret = decryptSecret(deps.secretKey, factor.secretEncrypted ?? '', secretContext(user.id));
          step = await verifyTotp(secret, code, now, null);
          if (step === undefined) return undefined;
        } else if (!(await codeMatches(trx, user, factor, 'mfa.enroll', code))) {
          return undefined;
        }
        await markFactorConfirmed(trx, factor.id, toTimestamp(now), step);
        return finishEnrollment(trx, actor, user, { ...factor, confirmedAt: toTimestamp(now) });
      });
      if (!outcome) throw new AppError('mfa.code_invalid');
      return outcome;
    },

    async webauthnRegistrationOptions(user) {
      const existing = (await listConfirmedFactors(deps.database.db, user.id)).filter((factor) => factor.kind === 'webauthn');
      const options = await registrationOptions(
        rp,
        { id: user.id, userId: user.userId, displayName: `${user.firstName} ${user.lastName}` },
        existing.map(credentialOf),
      );
      await deps.database.transaction((trx) =>
        issueKnownValue(
          trx,
          { userId: user.id, purpose: 'webauthn.register', now: deps.clock.now(), ttlMs: WEBAUTHN_TTL_MS },
          options.challenge,
        ),
      );
      return options;
    },

    async registerWebauthn(actor, user, label, response) {
      const challenge = answeredChallenge(response);
      return deps.database.transaction(async (trx) => {
        const issued = challenge ? await consumeLinkToken(trx, 'webauthn.register', challenge, deps.clock.now()) : undefined;
        if (!challenge || !issued || issued.userId !== user.id) throw new AppError('mfa.webauthn_failed');
        const credential = await verifyRegistration(rp, response, challenge);
        if (!credential) throw new AppError('mfa.webauthn_failed');
        const now = toTimestamp(deps.clock.now());
        const factor: Factor = {
          id: newId(deps.clock.now()),
          userId: user.id,
          kind: 'webauthn',
          label: label?.trim() ?? '',
          secretEncrypted: null,
          lastUsedStep: null,
          credentialId: credential.credentialId,
          publicKey: credential.publicKey,
          signCount: credential.counter,
          transports: credential.transports,
          phone: null,
          confirmedAt: now,
          lastUsedAt: null,
          createdAt: now,
        };
        await insertFactor(trx, factor);
        return finishEnrollment(trx, actor, user, factor);
      });
    },

    async removeFactor(actor, user, factorId) {
      await deps.database.transaction(async (trx) => {
        const factor = await findFactor(trx, user.id, factorId);
        if (!factor) throw new AppError('resource.not_found');
        const refusal = removalRefusal(factor, (await listConfirmedFactors(trx, user.id)).length);
        if (refusal) throw new AppError(refusal);
        await deleteFactor(trx, factor.id);
        if (factor.confirmedAt === null) return;
        await deps.audit.record(trx, actor, {
          action: 'mfa.factor_removed',
          target: { type: 'user', id: user.id },
          before: { factorId: factor.id, kind: factor.kind, label: factor.label },
        });
        await deps.notifications.enqueueEmail(trx, {
          to: user.email,
          language: user.language,
          template: 'mfa.factor_changed',
          params: { firstName: user.firstName, label: factor.label, kind: factor.kind, added: false },
        });
      });
    },

    regenerateRecoveryCodes(actor, user) {
      return deps.database.transaction((trx) => newRecoveryCodes(trx, actor, user));
    },

    async challenge(user, factorId, sessionId) {
      const factor = await findFactor(deps.database.db, user.id, factorId);
      if (!factor || factor.confirmedAt === null) throw new AppError('resource.not_found');
      if (factor.kind === 'totp') return { kind: factor.kind };
      if (factor.kind === 'webauthn') {
        const options = await authenticationOptions(rp, [credentialOf(factor)]);
        await deps.database.transaction((trx) =>
          issueKnownValue(
            trx,
            {
              userId: user.id,
              purpose: 'webauthn.authenticate',
              now: deps.clock.now(),
              ttlMs: WEBAUTHN_TTL_MS,
              payload: { sessionId },
            },
            options.challenge,
          ),
        );
        return { kind: factor.kind, options };
      }
      const sentTo = await deps.database.transaction((trx) => sendCode(trx, user, factor, 'mfa.sign_in', sessionId));
      return { kind: factor.kind, sentTo };
    },

    async verifyForSignIn(trx, actor, user, factorId, proof, sessionId) {
      const factor = await findFactor(trx, user.id, factorId);
      if (!factor || factor.confirmedAt === null) return undefined;
      const now = deps.clock.now();
      const nowText = toTimestamp(now);
      if (factor.kind === 'totp') {
        const secret = decryptSecret(deps.secretKey, factor.secretEncrypted ?? '', secretContext(user.id));
        const step = await verifyTotp(secret, proof.code ?? '', now, factor.lastUsedStep);
        if (step === undefined) {
          // Right for its time but used already: someone saw it, or replays it.
          if (factor.lastUsedStep !== null && (await verifyTotp(secret, proof.code ?? '', now, null)) !== undefined) {
            await codeReused(trx, actor, user, factor);
          }
          return undefined;
        }
        return (await recordFactorUse(trx, factor, nowText, { step })) ? factor : undefined;
      }
      if (factor.kind === 'webauthn') {
        if (!proof.webauthn) return undefined;
        const challenge = answeredChallenge(proof.webauthn);
        const issued = challenge ? await consumeLinkToken(trx, 'webauthn.authenticate', challenge, now) : undefined;
        if (!challenge || !issued || issued.userId !== user.id || issued.payload.sessionId !== sessionId) return undefined;
        const counter = await verifyAuthentication(rp, proof.webauthn, credentialOf(factor), challenge);
        if (counter === undefined) return undefined;
        await recordFactorUse(trx, factor, nowText, { signCount: counter });
        return factor;
      }
      if (!(await codeMatches(trx, user, factor, 'mfa.sign_in', proof.code ?? '', sessionId))) return undefined;
      await recordFactorUse(trx, factor, nowText, {});
      return factor;
    },

    async useRecoveryCode(trx, actor, user, code) {
      const now = toTimestamp(deps.clock.now());
      const used =
        (await useRecoveryCode(trx, user.id, hashRecoveryCode(user.id, code), now)) ||
        (await useRecoveryCode(trx, user.id, legacyRecoveryCodeHash(code), now));
      if (used) {
        await deps.audit.record(trx, actor, { action: 'mfa.recovery_code_used', target: { type: 'user', id: user.id } });
      }
      return used;
    },
  };
}
