import { generateKeyPairSync, randomUUID, type JsonWebKey } from 'node:crypto';
import type { Database, Transaction } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { systemActor, type Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { decryptSecret, encryptSecret } from '../../shared/crypto.js';
import { toTimestamp } from '../../shared/time.js';
import type { AuditLog } from '../audit/audit.service.js';
import { insertSigningKey, listPublishedKeys, retireKeysInService } from './signing-keys.repository.js';

/*
 * The provider's signing keys: RS256 (the algorithm every OpenID client accepts), generated on
 * first start and stored encrypted with the secret key. Rotating publishes a new key at once and
 * signs with it only after PUBLISH_AHEAD_MS, so that every server process, reloading its key set
 * at most KEY_SET_RELOAD_MS apart, publishes it before a client can meet a token it signed. The
 * key it replaces stays published for RETIRED_KEY_KEPT_MS, longer than any token it signed lives.
 */

/** How long before it signs a new key is published. */
export const PUBLISH_AHEAD_MS = 5 * 60_000;
/** How often a running server reads the key set again. */
export const KEY_SET_RELOAD_MS = 60_000;
/** How long a replaced key stays published: a day, against ID tokens that live an hour. */
export const RETIRED_KEY_KEPT_MS = 24 * 60 * 60_000;

const ALGORITHM = 'RS256';

/** A private key as the provider takes it (a JWK with `kid`, `alg` and `use`). */
export type SigningJwk = JsonWebKey & { kid: string; alg: string; use: 'sig' };

export interface SigningKeyStore {
  /**
   * The keys to publish now, the one that signs first; a first key is made if there is none.
   * `signingKid` names the key that signs.
   */
  keySet(): Promise<{ keys: SigningJwk[]; signingKid: string }>;
  /**
   * Makes a new key, to sign from PUBLISH_AHEAD_MS from now; the keys it replaces stay published
   * until RETIRED_KEY_KEPT_MS after that.
   */
  rotate(actor: Actor): Promise<{ kid: string; signsFrom: string }>;
}

export function createSigningKeyStore(deps: {
  database: Database;
  clock: Clock;
  secretKey: Buffer;
  audit: AuditLog;
}): SigningKeyStore {
  const { database, clock, secretKey, audit } = deps;
  const context = (kid: string) => `oidc-signing-key:${kid}`;

  async function newKey(trx: Transaction<DB>, signsFrom: Date): Promise<string> {
    const kid = randomUUID();
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = { ...privateKey.export({ format: 'jwk' }), kid, alg: ALGORITHM, use: 'sig' };
    await insertSigningKey(trx, {
      kid,
      algorithm: ALGORITHM,
      private_jwk_encrypted: encryptSecret(secretKey, JSON.stringify(jwk), context(kid)),
      created_at: toTimestamp(clock.now()),
      signs_from: toTimestamp(signsFrom),
      retired_at: null,
    });
    return kid;
  }

  return {
    async keySet() {
      const now = toTimestamp(clock.now());
      let rows = await listPublishedKeys(database.db, now);
      if (rows.length === 0) {
        // First start. Two processes starting together may each make one: both are published,
        // and the one that sorts first signs.
        await database.transaction(async (trx) => {
          if ((await listPublishedKeys(trx, now)).length > 0) return;
          const kid = await newKey(trx, clock.now());
          await audit.record(trx, systemActor, {
            action: 'oidc.signing_key_created',
            target: { type: 'oidc_signing_key', id: kid },
          });
        });
        rows = await listPublishedKeys(database.db, now);
      }
      const signing = rows.find((row) => row.signs_from <= now) ?? rows[rows.length - 1]!;
      const keys = rows.map(
        (row) => JSON.parse(decryptSecret(secretKey, row.private_jwk_encrypted, context(row.kid))) as SigningJwk,
      );
      // The provider signs with the first key of an algorithm: the signing key leads.
      keys.sort((a, b) => Number(b.kid === signing.kid) - Number(a.kid === signing.kid));
      return { keys, signingKid: signing.kid };
    },

    async rotate(actor) {
      const signsFrom = new Date(clock.now().getTime() + PUBLISH_AHEAD_MS);
      const retiredAt = toTimestamp(new Date(signsFrom.getTime() + RETIRED_KEY_KEPT_MS));
      return database.transaction(async (trx) => {
        const retired = await retireKeysInService(trx, retiredAt);
        const kid = await newKey(trx, signsFrom);
        await audit.record(trx, actor, {
          action: 'oidc.signing_key_rotated',
          target: { type: 'oidc_signing_key', id: kid },
          after: { signsFrom: toTimestamp(signsFrom), retired, retiredAt },
        });
        return { kid, signsFrom: toTimestamp(signsFrom) };
      });
    },
  };
}
