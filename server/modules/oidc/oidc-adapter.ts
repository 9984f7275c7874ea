import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import { toTimestamp } from '../../shared/time.js';
import type { ClientRecord, ClientsService } from './clients.service.js';
import { consumePayload, deleteGrantPayloads, deletePayload, findPayload, upsertPayload } from './oidc-payloads.repository.js';

/** The scopes a client of each kind may ask for. */
const WEB_SCOPES = 'openid offline_access profile email roles';

/**
 * A client as oidc-provider reads its metadata. Its `client_secret` is the stored hash: the
 * provider's secret comparison is replaced to hash what the client presents (oidc-provider.ts),
 * and no algorithm keyed by the secret (HS256) is allowed, so the hash is never used as a key.
 */
export function clientMetadata(client: ClientRecord): AdapterPayload {
  const web = client.kind === 'web';
  return {
    client_id: client.clientId,
    client_secret: client.secretHash,
    client_name: client.name,
    grant_types: web ? ['authorization_code', 'refresh_token'] : ['client_credentials'],
    response_types: web ? ['code'] : [],
    redirect_uris: client.redirectUris,
    post_logout_redirect_uris: client.postLogoutRedirectUris,
    token_endpoint_auth_method: 'client_secret_basic',
    ...(web ? { scope: WEB_SCOPES } : {}),
    // A client that wants MFA within N minutes: the provider treats it as every request's max_age
    // (unless the request sets its own), and the interaction asks for a fresh second factor.
    ...(web && client.mfaMaxAgeMinutes !== null ? { default_max_age: client.mfaMaxAgeMinutes * 60 } : {}),
  };
}

/**
 * oidc-provider's storage, one adapter per model, over the `oidc_payloads` table; clients come
 * from the clients service, read-only (they are registered through Rolecall, not the provider).
 */
export function oidcAdapterClass(deps: { database: Database; clock: Clock; clients: ClientsService }) {
  const { database, clock, clients } = deps;
  const now = () => toTimestamp(clock.now());

  function withConsumed(stored: { payload: AdapterPayload; consumedAt: string | null } | undefined): AdapterPayload | undefined {
    if (!stored) return undefined;
    if (stored.consumedAt === null) return stored.payload;
    return Object.assign(stored.payload, { consumed: Math.floor(Date.parse(stored.consumedAt) / 1000) });
  }

  return class RolecallOidcAdapter implements Adapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
      if (this.model === 'Client') return;
      const expiresAt = expiresIn ? toTimestamp(new Date(clock.now().getTime() + expiresIn * 1000)) : null;
      await upsertPayload(database.db, { type: this.model, id, payload, expiresAt });
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      if (this.model === 'Client') {
        const client = await clients.find(database.db, id);
        return client && clientMetadata(client);
      }
      return withConsumed(await findPayload(database.db, this.model, { id }, now()));
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return withConsumed(await findPayload(database.db, this.model, { uid }, now()));
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return withConsumed(await findPayload(database.db, this.model, { userCode }, now()));
    }

    async consume(id: string): Promise<void> {
      await consumePayload(database.db, this.model, id, now());
    }

    async destroy(id: string): Promise<void> {
      await deletePayload(database.db, this.model, id);
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await deleteGrantPayloads(database.db, grantId);
    }
  };
}
