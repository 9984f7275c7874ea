import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../../shared/crypto.js';

export const RECOVERY_CODE_COUNT = 10;

// Crockford's base32 alphabet: no I, L, O or U to misread.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A recovery code as shown: 10 characters (50 random bits) in two groups, "7K2Q9-MXT4B". */
export function newRecoveryCode(): string {
  const bytes = randomBytes(10);
  const chars = [...bytes].map((byte) => ALPHABET[byte % 32]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** The stored form: the hash of the code without separators or case, so "7k2q9 mxt4b" matches. */
export function hashRecoveryCode(code: string): string {
  return sha256Hex(`recovery:${code.toUpperCase().replace(/[^0-9A-Z]/g, '')}`);
}
