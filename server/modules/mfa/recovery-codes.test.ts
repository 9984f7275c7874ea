import { describe, expect, it } from 'vitest';
import { legacyRecoveryCodeHash, newRecoveryCode, RECOVERY_CODE_COUNT, recoveryCodeHasher } from './recovery-codes.js';

describe('recovery codes', () => {
  const hash = recoveryCodeHasher(Buffer.alloc(32, 7));

  it('come ten to a set', () => {
    expect(RECOVERY_CODE_COUNT).toBe(10);
  });

  it('are two groups of five Crockford base32 characters, without I, L, O or U', () => {
    for (let i = 0; i < 500; i += 1) {
      const code = newRecoveryCode();
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    }
  });

  it('are random: a thousand codes do not repeat and use the whole alphabet', () => {
    const codes = Array.from({ length: 1000 }, () => newRecoveryCode());
    expect(new Set(codes).size).toBe(1000);
    const used = new Set(codes.join('').replace(/-/g, ''));
    expect(used.size).toBe(32);
  });

  it('are stored as a hash that is not the code', () => {
    const code = newRecoveryCode();
    const stored = hash('user-1', code);
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toContain(code.replace('-', '').toLowerCase());
    expect(stored.toUpperCase()).not.toContain(code.replace('-', ''));
  });

  it('are keyed and salted: another server key or another person gives another hash, and neither is the plain SHA-256', () => {
    const code = '7K2Q9-MXT4B';
    expect(hash('user-1', code)).not.toBe(hash('user-2', code));
    expect(hash('user-1', code)).not.toBe(recoveryCodeHasher(Buffer.alloc(32, 8))('user-1', code));
    expect(hash('user-1', code)).not.toBe(legacyRecoveryCodeHash(code));
  });

  it('match however they are typed: lower case, spaces or no separator', () => {
    const stored = hash('user-1', '7K2Q9-MXT4B');
    expect(hash('user-1', '7k2q9-mxt4b')).toBe(stored);
    expect(hash('user-1', '7K2Q9 MXT4B')).toBe(stored);
    expect(hash('user-1', ' 7k2q9mxt4b ')).toBe(stored);
    expect(legacyRecoveryCodeHash(' 7k2q9 mxt4b')).toBe(legacyRecoveryCodeHash('7K2Q9-MXT4B'));
  });

  it('do not match a different code', () => {
    expect(hash('user-1', '7K2Q9-MXT4C')).not.toBe(hash('user-1', '7K2Q9-MXT4B'));
    expect(hash('user-1', '')).not.toBe(hash('user-1', '7K2Q9-MXT4B'));
  });
});
