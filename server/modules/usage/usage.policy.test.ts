import { describe, expect, it } from 'vitest';
import { usageOf } from './usage.policy.js';

describe('whether a role looks unused', () => {
  const now = new Date('2026-12-01T12:00:00.000Z');

  it('flags a role never signed in to', () => {
    expect(usageOf(null, now, 90)).toEqual({ lastSignInAt: null, daysSince: null, flag: 'never_used', unusedDays: 90 });
  });

  it('flags one unused for the whole period, from its first day on', () => {
    expect(usageOf('2026-09-02T12:00:00.000Z', now, 90)).toEqual({
      lastSignInAt: '2026-09-02T12:00:00.000Z',
      daysSince: 90,
      flag: 'unused',
      unusedDays: 90,
    });
    expect(usageOf('2026-09-02T12:00:00.001Z', now, 90).flag).toBeNull();
    expect(usageOf('2026-11-30T08:00:00.000Z', now, 90)).toMatchObject({ daysSince: 1, flag: null });
    expect(usageOf('2026-11-30T08:00:00.000Z', now, 1).flag).toBe('unused');
  });
});
