import type Provider from 'oidc-provider';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import type { AccountsService } from '../accounts/accounts.service.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { CatalogService } from '../catalog/catalog.service.js';
import { toTimestamp } from '../../shared/time.js';
import type { AssignmentsService } from '../assignments/assignments.service.js';
import type { OrganizationsService } from '../organizations/organizations.service.js';
import { createApplicationRoles, type ApplicationRoles } from './application-roles.js';
import { createClientsService, type ClientRecord, type ClientsService } from './clients.service.js';
import { deleteExpiredPayloads } from './oidc-payloads.repository.js';
import { buildOidcProvider } from './oidc-provider.js';
import { createSigningKeyStore, KEY_SET_RELOAD_MS, type SigningKeyStore } from './signing-keys.js';

/** Rolecall as the OpenID Connect provider of its applications. */
export interface OidcService {
  readonly clients: ClientsService;
  readonly signingKeys: SigningKeyStore;
  /** The roles a person holds now in an application, as the `roles` claim lists them. */
  readonly rolesIn: ApplicationRoles;
  /**
   * The provider, built on first use and built again when the published keys change (a rotation
   * by any process), which each process checks at most once every KEY_SET_RELOAD_MS.
   */
  provider(): Promise<Provider>;
  /**
   * The client a client credentials access token was issued to, while the token is valid (not
   * expired, not revoked, its client still registered); undefined otherwise.
   */
  clientOfToken(token: string): Promise<ClientRecord | undefined>;
}

export function createOidcService(deps: {
  config: { publicUrl: string; trustProxy: boolean; secretKey: Buffer; timeZone: string };
  database: Database;
  clock: Clock;
  audit: AuditLog;
  catalog: CatalogService;
  accounts: AccountsService;
  assignments: AssignmentsService;
  organizations: OrganizationsService;
}): OidcService {
  const clients = createClientsService(deps);
  const rolesIn = createApplicationRoles(deps);
  const signingKeys = createSigningKeyStore({ ...deps, secretKey: deps.config.secretKey });
  let current: { provider: Promise<Provider>; keyIds: string; checkedAt: number } | undefined;
  let checking: Promise<Provider> | undefined;

  async function check(): Promise<Provider> {
    const checkedAt = deps.clock.now().getTime();
    const { keys } = await signingKeys.keySet();
    const keyIds = keys.map((key) => key.kid).join(' ');
    if (current?.keyIds !== keyIds) {
      const provider = buildOidcProvider(
        { ...deps.config, database: deps.database, clock: deps.clock, clients, accounts: deps.accounts, rolesIn },
        keys,
      );
      current = { provider, keyIds, checkedAt };
    } else {
      current.checkedAt = checkedAt;
    }
    return current.provider;
  }

  const service: OidcService = {
    clients,
    signingKeys,
    rolesIn,
    async clientOfToken(token) {
      const provider = await service.provider();
      const found = await provider.ClientCredentials.find(token).catch(() => undefined);
      if (!found || found.isExpired || !found.clientId) return undefined;
      return clients.find(deps.database.db, found.clientId);
    },
    provider() {
      if (current && deps.clock.now().getTime() - current.checkedAt < KEY_SET_RELOAD_MS) return current.provider;
      checking ??= check().finally(() => {
        checking = undefined;
      });
      return checking;
    },
  };
  return service;
}

/** Removes the provider's expired codes, tokens, sessions and interactions; the number removed. */
export function createOidcCleanup(deps: { database: Database; clock: Clock }): () => Promise<{ removed: number }> {
  const BATCH = 1000;
  return async () => {
    let removed = 0;
    for (;;) {
      const now = toTimestamp(deps.clock.now());
      const batch = await deps.database.transaction((trx) => deleteExpiredPayloads(trx, now, BATCH));
      removed += batch;
      if (batch < BATCH) return { removed };
    }
  };
}
