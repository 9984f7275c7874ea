import { describe, expect, it } from 'vitest';
import { mayEndSession, sessionActions } from './sessions.policy.js';

describe('ending a session', () => {
  it('is for its own user while it is open', () => {
    expect(mayEndSession('me', { userId: 'me', endedAt: null })).toBe(true);
    expect(sessionActions('me', { userId: 'me', endedAt: null })).toEqual(['end']);
  });

  it('is never for someone else, nor for a session already ended', () => {
    expect(mayEndSession('me', { userId: 'someone', endedAt: null })).toBe(false);
    expect(sessionActions('me', { userId: 'me', endedAt: '2026-11-30T12:00:00.000Z' })).toEqual([]);
  });
});
