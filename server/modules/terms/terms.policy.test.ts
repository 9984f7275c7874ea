import { describe, expect, it } from 'vitest';
import { mayPublishTerms } from './terms.policy.js';

describe('who publishes the terms', () => {
  it('is administrators alone', () => {
    expect(mayPublishTerms({ id: 'a', isAdministrator: true })).toBe(true);
    expect(mayPublishTerms({ id: 'b', isAdministrator: false })).toBe(false);
  });
});
