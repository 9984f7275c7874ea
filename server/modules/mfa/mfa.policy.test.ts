import { describe, expect, it } from 'vitest';
import { factorActions, removalRefusal } from './mfa.policy.js';

const confirmed = { confirmedAt: '2026-11-01T00:00:00.000Z' };
const enrolling = { confirmedAt: null };

describe('removing an MFA device', () => {
  it('keeps the last confirmed device, and offers nothing on it', () => {
    expect(removalRefusal(confirmed, 1)).toBe('mfa.last_factor');
    expect(factorActions(confirmed, 1)).toEqual([]);
  });

  it('removes any device once another confirmed one remains', () => {
    expect(removalRefusal(confirmed, 2)).toBeUndefined();
    expect(factorActions(confirmed, 3)).toEqual(['remove']);
  });

  it('always drops a device still being enrolled', () => {
    expect(removalRefusal(enrolling, 1)).toBeUndefined();
    expect(factorActions(enrolling, 0)).toEqual(['remove']);
  });
});
