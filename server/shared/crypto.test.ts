import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { constantTimeEqual, decryptSecret, encryptSecret, randomToken, sha256Hex } from './crypto.js';

const key = Buffer.alloc(32, 0x11);
const otherKey = Buffer.alloc(32, 0x22);

function parts(stored: string): [string, Buffer, Buffer, Buffer] {
  const [version = '', iv = '', tag = '', ciphertext = ''] = stored.split('.');
  return [version, Buffer.from(iv, 'base64url'), Buffer.from(tag, 'base64url'), Buffer.from(ciphertext, 'base64url')];
}

function join(version: string, iv: Buffer, tag: Buffer, ciphertext: Buffer): string {
  return [version, iv.toString('base64url'), tag.toString('base64url'), ciphertext.toString('base64url')].join('.');
}

function flipFirstBit(buffer: Buffer): Buffer {
  const copy = Buffer.from(buffer);
  copy[0] = copy[0]! ^ 0x01;
  return copy;
}

describe('encryptSecret and decryptSecret', () => {
  it.each([
    ['ASCII', 'JBSWY3DPEHPK3PXP'],
    ['empty', ''],
    ['unicode', 'contraseña ñandú — 密码 🔐'],
    ['long', 'x'.repeat(10_000)],
  ])('round-trip %s text', (_label, plaintext) => {
    const stored = encryptSecret(key, plaintext);
    expect(decryptSecret(key, stored)).toBe(plaintext);
  });

  it('round-trips with a context', () => {
    const stored = encryptSecret(key, '123-45-6789', 'tin:org-1');
    expect(decryptSecret(key, stored, 'tin:org-1')).toBe('123-45-6789');
  });

  it('stores "v1" and three base64url parts, with a 12-byte IV and 16-byte tag', () => {
    const stored = encryptSecret(key, 'secret');
    expect(stored).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/);
    const [, iv, tag, ciphertext] = parts(stored);
    expect(iv.length).toBe(12);
    expect(tag.length).toBe(16);
    expect(ciphertext.length).toBe(Buffer.byteLength('secret'));
  });

  it('gives a different ciphertext each time for the same plaintext', () => {
    const first = encryptSecret(key, 'JBSWY3DPEHPK3PXP');
    const second = encryptSecret(key, 'JBSWY3DPEHPK3PXP');
    expect(first).not.toBe(second);
    expect(parts(first)[1].equals(parts(second)[1])).toBe(false);
    expect(decryptSecret(key, first)).toBe(decryptSecret(key, second));
  });

  it('never contains the plaintext in any encoding', () => {
    const plaintext = 'JBSWY3DPEHPK3PXP-totp-seed';
    for (let i = 0; i < 20; i++) {
      const stored = encryptSecret(key, plaintext);
      expect(stored).not.toContain(plaintext);
      expect(stored).not.toContain(Buffer.from(plaintext).toString('base64url'));
      expect(stored).not.toContain(Buffer.from(plaintext).toString('base64'));
      expect(stored).not.toContain(Buffer.from(plaintext).toString('hex'));
    }
  });

  it('does not decrypt with a different key', () => {
    const stored = encryptSecret(key, 'secret');
    expect(() => decryptSecret(otherKey, stored)).toThrow();
  });

  it('does not decrypt in a different context', () => {
    const stored = encryptSecret(key, 'secret', 'mfa:user-1');
    expect(() => decryptSecret(key, stored, 'mfa:user-2')).toThrow();
    expect(() => decryptSecret(key, stored)).toThrow();
    expect(() => decryptSecret(key, encryptSecret(key, 'secret'), 'mfa:user-1')).toThrow();
  });

  it('rejects a tampered ciphertext', () => {
    const [version, iv, tag, ciphertext] = parts(encryptSecret(key, 'secret'));
    expect(() => decryptSecret(key, join(version, iv, tag, flipFirstBit(ciphertext)))).toThrow();
  });

  it('rejects a tampered tag or IV', () => {
    const [version, iv, tag, ciphertext] = parts(encryptSecret(key, 'secret'));
    expect(() => decryptSecret(key, join(version, iv, flipFirstBit(tag), ciphertext))).toThrow();
    expect(() => decryptSecret(key, join(version, flipFirstBit(iv), tag, ciphertext))).toThrow();
  });

  it('rejects a ciphertext that was cut short or extended', () => {
    const [version, iv, tag, ciphertext] = parts(encryptSecret(key, 'a longer secret'));
    expect(() => decryptSecret(key, join(version, iv, tag, ciphertext.subarray(0, ciphertext.length - 1)))).toThrow();
    expect(() => decryptSecret(key, join(version, iv, tag, Buffer.concat([ciphertext, Buffer.from([0])])))).toThrow();
  });

  it('rejects parts swapped between two ciphertexts', () => {
    const [version, iv, tag] = parts(encryptSecret(key, 'first'));
    const [, , , otherCiphertext] = parts(encryptSecret(key, 'other'));
    expect(() => decryptSecret(key, join(version, iv, tag, otherCiphertext))).toThrow();
  });

  it('rejects a ciphertext whose authentication tag was truncated', () => {
    const [version, iv, tag, ciphertext] = parts(encryptSecret(key, 'secret'));
    expect(() => decryptSecret(key, join(version, iv, tag.subarray(0, 4), ciphertext))).toThrow();
  });

  it.each([
    ['an empty string', ''],
    ['junk', 'not encrypted'],
    ['an unknown version', 'v2.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.AAAA'],
    ['too few parts', 'v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA'],
    ['an empty IV', 'v1..AAAAAAAAAAAAAAAAAAAAAA.AAAA'],
    ['an empty tag', 'v1.AAAAAAAAAAAAAAAA..AAAA'],
  ])('rejects %s', (_label, stored) => {
    expect(() => decryptSecret(key, stored)).toThrow();
  });

  it('rejects a key of the wrong length', () => {
    expect(() => encryptSecret(Buffer.alloc(16), 'secret')).toThrow();
    expect(() => decryptSecret(Buffer.alloc(16), encryptSecret(key, 'secret'))).toThrow();
  });
});

describe('constantTimeEqual', () => {
  it('is true for equal strings', () => {
    expect(constantTimeEqual('abc123', 'abc123')).toBe(true);
    expect(constantTimeEqual('', '')).toBe(true);
    expect(constantTimeEqual('ñandú 🔐', 'ñandú 🔐')).toBe(true);
  });

  it('is false for different strings of the same length', () => {
    expect(constantTimeEqual('abc123', 'abc124')).toBe(false);
    expect(constantTimeEqual('Abc123', 'abc123')).toBe(false);
  });

  it('is false for different lengths', () => {
    expect(constantTimeEqual('abc', 'abcdef')).toBe(false);
    expect(constantTimeEqual('', 'a')).toBe(false);
  });

  it('is false for a prefix, either way round', () => {
    const token = randomToken();
    expect(constantTimeEqual(token, token.slice(0, 10))).toBe(false);
    expect(constantTimeEqual(token.slice(0, 10), token)).toBe(false);
  });
});

describe('randomToken', () => {
  it('is 32 bytes as base64url by default', () => {
    const token = randomToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url').length).toBe(32);
  });

  it('takes another length in bytes', () => {
    expect(randomToken(16)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Buffer.from(randomToken(48), 'base64url').length).toBe(48);
  });

  it('is different 1000 times out of 1000', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => randomToken()));
    expect(tokens.size).toBe(1000);
  });

  it('uses the whole base64url alphabet', () => {
    const seen = new Set(Array.from({ length: 200 }, () => randomToken()).join(''));
    expect(seen.size).toBe(64);
  });
});

describe('sha256Hex', () => {
  it('hashes to the known digest', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex(Buffer.from('abc'))).toBe(sha256Hex('abc'));
    expect(sha256Hex(randomBytes(8))).toMatch(/^[0-9a-f]{64}$/);
  });
});
