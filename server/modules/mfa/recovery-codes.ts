import { createHmac, randomBytes } from 'node:crypto';
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

/** The code as compared: without separators or case, so "7k2q9 mxt4b" is "7K2Q9MXT4B". */
function normalized(code: string): string {
  return code.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

/**
 * The stored form of a person's codes: an HMAC under a key derived from the server's secret key,
 * salted with the person's id. Fifty random bits are few against an offline search, so the
 * database alone must not allow one: without the key no guess can be tested, and a guess tested
 * for one person says nothing of another's codes.
 */
export function recoveryCodeHasher(secretKey: Buffer): (userId: string, code: string) => string {
  const key = createHmac('sha256', secretKey).update('rolecall recovery codes').digest();
  return (userId, code) =>
    createHmac('sha256', key)
      .update(`${userId}:${normalized(code)}`)
      .digest('hex');
}

/** The form codes were stored in before they were keyed: still accepted until the person makes a new set. */
export function legacyRecoveryCodeHash(code: string): string {
  return sha256Hex(`recovery:${normalized(code)}`);
}
