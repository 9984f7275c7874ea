import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';
import type { Static } from 'typebox';
import type * as schemas from '../../../../server/modules/mfa/mfa.schemas.js';
import type * as sessionSchemas from '../../../../server/modules/sessions/sessions.schemas.js';
import { apiDelete, apiGet, apiPost } from '../../api/client';
import type { SessionAnswer } from '../session/session-api';

export type { FactorKind } from '../session/session-api';

/** The kinds a person enrols with `POST /mfa/factors` and a code (security keys have their own calls). */
export type CodeFactorKind = 'totp' | 'email' | 'sms' | 'voice';

/** An MFA device as the server describes it (typed from its schema). */
export type Factor = Static<typeof schemas.FactorSchema>;
export type FactorList = Static<typeof schemas.FactorList>;
/** A device in its owner's list, with what they may do with it now (`allowedActions`). */
export type ListedFactor = FactorList['factors'][number];

export type EnrollmentStarted = Static<typeof schemas.EnrollmentStarted>;

/** Confirming a device: the first one also brings the recovery codes, shown once. */
export type EnrollmentDone = Static<typeof schemas.EnrollmentDone>;

/** The chosen device's step: where a code went, or (a security key) the WebAuthn options. */
export type Challenge = Omit<Static<typeof sessionSchemas.ChallengeAnswer>, 'options'> & {
  options?: PublicKeyCredentialRequestOptionsJSON;
};

export const factorsQueryKey = ['mfa', 'factors'] as const;

// Sign-in, stage `mfa`

export function challenge(factorId: string): Promise<Challenge> {
  return apiPost<Challenge>('/sign-in/mfa/challenge', { factorId });
}

export function verifyCode(factorId: string, code: string): Promise<SessionAnswer> {
  return apiPost<SessionAnswer>('/sign-in/mfa/verify', { factorId, code });
}

export function verifyWebauthn(factorId: string, webauthn: AuthenticationResponseJSON): Promise<SessionAnswer> {
  return apiPost<SessionAnswer>('/sign-in/mfa/verify', { factorId, webauthn });
}

export function signInWithRecoveryCode(code: string): Promise<SessionAnswer> {
  return apiPost<SessionAnswer>('/sign-in/recovery-code', { code });
}

// Devices: stage `enroll` or signed in

export function fetchFactors(signal?: AbortSignal): Promise<FactorList> {
  return apiGet<FactorList>('/mfa/factors', undefined, signal);
}

export function startEnrollment(input: { kind: CodeFactorKind; label?: string; phone?: string }): Promise<EnrollmentStarted> {
  return apiPost<EnrollmentStarted>('/mfa/factors', input);
}

export function confirmEnrollment(factorId: string, code: string): Promise<EnrollmentDone> {
  return apiPost<EnrollmentDone>(`/mfa/factors/${encodeURIComponent(factorId)}/confirm`, { code });
}

export function webauthnRegistrationOptions(): Promise<{ options: PublicKeyCredentialCreationOptionsJSON }> {
  return apiPost<{ options: PublicKeyCredentialCreationOptionsJSON }>('/mfa/webauthn/options');
}

export function registerWebauthn(label: string | undefined, response: RegistrationResponseJSON): Promise<EnrollmentDone> {
  return apiPost<EnrollmentDone>('/mfa/webauthn', { label, response });
}

export function removeFactor(factorId: string): Promise<void> {
  return apiDelete(`/mfa/factors/${encodeURIComponent(factorId)}`);
}

export function regenerateRecoveryCodes(): Promise<{ recoveryCodes: string[] }> {
  return apiPost<{ recoveryCodes: string[] }>('/mfa/recovery-codes');
}
