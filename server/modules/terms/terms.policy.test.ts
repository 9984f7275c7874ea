import { describe, expect, it } from 'vitest';
import { mayPublishTerms, mayReadTermsVersions } from './terms.policy.js';

describe('who publishes the terms', () => {
  it('is administrators alone', () => {
    expect(mayPublishTerms({ id: 'a', isAdministrator: true })).toBe(true);
    expect(mayPublishTerms({ id: 'b', isAdministrator: false })).toBe(false);
  });
});

describe('who reads every version of the terms', () => {
  it('is administrators alone', () => {
    expect(mayReadTermsVersions({ id: 'a', isAdministrator: true })).toBe(true);
    expect(mayReadTermsVersions({ id: 'b', isAdministrator: false })).toBe(false);
  });
});
