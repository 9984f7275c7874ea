import { describe, expect, it } from 'vitest';
import { maxAgeOf, stepUpReason, type StepUpFacts } from './step-up.js';

const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 12, minutes));

/** A person who verified their device at 12:00, asked at 12:30 by a request that began at 12:29. */
const facts = (changes: Partial<StepUpFacts> = {}): StepUpFacts => ({
  now: at(30),
  mfaVerifiedAt: at(0),
  interactionStartedAt: at(29),
  promptReasons: ['no_session'],
  maxAgeSeconds: undefined,
  ...changes,
});

describe('a fresh second factor for an application', () => {
  it('is not asked for when the application sets no limit', () => {
    expect(stepUpReason(facts())).toBeNull();
  });

  it('is asked for when the factor is older than max_age, and not when it is within it', () => {
    expect(stepUpReason(facts({ maxAgeSeconds: 29 * 60 }))).toBe('max_age');
    expect(stepUpReason(facts({ maxAgeSeconds: 30 * 60 }))).toBeNull();
    expect(stepUpReason(facts({ maxAgeSeconds: 0, mfaVerifiedAt: at(30) }))).toBeNull();
  });

  it('is asked for at prompt=login unless the factor was verified during this request', () => {
    expect(stepUpReason(facts({ promptReasons: ['login_prompt'] }))).toBe('prompt_login');
    expect(stepUpReason(facts({ promptReasons: ['login_prompt'], mfaVerifiedAt: at(29) }))).toBeNull();
  });

  it('reads max_age as the provider keeps it, and nothing else', () => {
    expect(maxAgeOf('900')).toBe(900);
    expect(maxAgeOf(60)).toBe(60);
    expect(maxAgeOf(undefined)).toBeUndefined();
    expect(maxAgeOf('-1')).toBeUndefined();
    expect(maxAgeOf('1e3')).toBeUndefined();
  });
});
