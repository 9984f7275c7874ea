import { createCipheriv } from 'node:crypto';
import type { Random } from './seeded.js';

/**
 * encryptSecret() (server/shared/crypto.ts) with the IV drawn from the seed instead of the system's
 * random source: the same format (v1.iv.tag.ciphertext, AES-256-GCM, the context as associated
 * data), so the server's decryptSecret() reads it, while the same seed gives the same bytes. Only
 * for generated data: a real secret must never get a predictable IV.
 */
export function sealReproducibly(key: Buffer, plaintext: string, context: string, random: Random): string {
  const iv = random.bytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
}
