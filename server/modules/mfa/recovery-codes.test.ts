import { describe, expect, it } from 'vitest';
import { hashRecoveryCode, newRecoveryCode, RECOVERY_CODE_COUNT } from './recovery-codes.js';

describe('recovery codes', () => {
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
    const hash = hashRecoveryCode(code);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(code.replace('-', '').toLowerCase());
    expect(hash.toUpperCase()).not.toContain(code.replace('-', ''));
  });

  it('match however they are typed: lower case, spaces or no separator', () => {
    const hash = hashRecoveryCode('7K2Q9-MXT4B');
    expect(hashRecoveryCode('7k2q9-mxt4b')).toBe(hash);
    expect(hashRecoveryCode('7K2Q9 MXT4B')).toBe(hash);
    expect(hashRecoveryCode(' 7k2q9mxt4b ')).toBe(hash);
  });

  it('do not match a different code', () => {
    expect(hashRecoveryCode('7K2Q9-MXT4C')).not.toBe(hashRecoveryCode('7K2Q9-MXT4B'));
    expect(hashRecoveryCode('')).not.toBe(hashRecoveryCode('7K2Q9-MXT4B'));
  });
});
