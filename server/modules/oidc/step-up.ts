/*
 * When an application's sign-in needs a fresh second factor from a person already signed in to
 * Rolecall. Rolecall re-authenticates a signed-in person with their MFA device, not their
 * password: the session already proved the password, and the device proves they are at the
 * keyboard now. The time of that step is the ID token's `auth_time`.
 */

export type StepUpReason =
  /** The application asked for `prompt=login`: a sign-in during this request, whatever the session's age. */
  | 'prompt_login'
  /** The second factor is older than `max_age` (the request's, or the client's MFA limit, its default). */
  | 'max_age';

export interface StepUpFacts {
  now: Date;
  /** When the session's second factor was verified. */
  mfaVerifiedAt: Date;
  /** When the authorization request's interaction began. */
  interactionStartedAt: Date;
  /** Why the provider prompts for a sign-in (oidc-provider's prompt reasons). */
  promptReasons: readonly string[];
  /** The request's `max_age` in seconds (the client's default filled in by the provider), if any. */
  maxAgeSeconds: number | undefined;
}

/** Why the person must verify a device again before the application gets a code; null when they need not. */
export function stepUpReason(facts: StepUpFacts): StepUpReason | null {
  const verifiedAt = facts.mfaVerifiedAt.getTime();
  if (facts.promptReasons.includes('login_prompt') && verifiedAt < facts.interactionStartedAt.getTime()) {
    return 'prompt_login';
  }
  if (facts.maxAgeSeconds !== undefined && facts.now.getTime() - verifiedAt > facts.maxAgeSeconds * 1000) return 'max_age';
  return null;
}

/** The request's `max_age` as the provider kept it (a string of digits), in seconds. */
export function maxAgeOf(parameter: unknown): number | undefined {
  const text = typeof parameter === 'number' ? String(parameter) : parameter;
  return typeof text === 'string' && /^\d{1,10}$/.test(text) ? Number(text) : undefined;
}
