import type { Static } from 'typebox';
import type * as accountSchemas from '../../../../server/modules/accounts/accounts.schemas.js';
import type * as termsSchemas from '../../../../server/modules/terms/terms.schemas.js';
import type * as sessionSchemas from '../../../../server/modules/sessions/sessions.schemas.js';
import { apiGet, apiPost } from '../../api/client';
import type { SessionAnswer } from '../session/session-api';

/** `GET /terms/current`, in the request's language. */
export type Terms = Static<typeof termsSchemas.CurrentTerms>;

/** Sign-in step 1 and registration, as the server's schemas define their bodies. */
export type SignInInput = Static<typeof sessionSchemas.PasswordStepBody>;
export type RegistrationInput = Static<typeof accountSchemas.RegistrationBody>;

export const termsQueryKey = ['terms', 'current'] as const;

export function fetchCurrentTerms(signal?: AbortSignal): Promise<Terms> {
  return apiGet<Terms>('/terms/current', undefined, signal);
}

export function signIn(input: SignInInput): Promise<SessionAnswer> {
  return apiPost<SessionAnswer>('/sign-in', input);
}

export function register(input: RegistrationInput): Promise<{ email: string }> {
  return apiPost<{ email: string }>('/registrations', input);
}

export function verifyRegistration(token: string): Promise<{ userId: string }> {
  return apiPost<{ userId: string }>('/registrations/verify', { token });
}

export function resendVerification(email: string): Promise<void> {
  return apiPost<void>('/registrations/resend', { email });
}

export function setUpAccount(token: string, password: string): Promise<{ userId: string }> {
  return apiPost<{ userId: string }>('/account-setup', { token, password });
}

export function remindUserId(email: string): Promise<void> {
  return apiPost<void>('/recovery/user-id', { email });
}

export function requestPasswordReset(userId: string): Promise<void> {
  return apiPost<void>('/recovery/password', { userId });
}

export function resetPassword(token: string, password: string): Promise<void> {
  return apiPost<void>('/recovery/password/reset', { token, password });
}
