import type Provider from 'oidc-provider';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import type { AccountsService } from '../accounts/accounts.service.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { CatalogService } from '../catalog/catalog.service.js';
import { toTimestamp } from '../../shared/time.js';
import type { AssignmentsService } from '../assignments/assignments.service.js';
import type { OrganizationsService } from '../organizations/organizations.service.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import type { UsageService } from '../usage/usage.service.js';
import { createApplicationRoles, createHoldsAnyRole, type ApplicationRoles } from './application-roles.js';
import {
  clientsAdministration,
  createClientsService,
  type ClientRecord,
  type ClientsAdministration,
  type ClientsService,
} from './clients.service.js';
import { deleteExpiredPayloads } from './oidc-payloads.repository.js';
import {
  deleteStaleSessionGrants,
  linkGrantToSession,
  moveSessionGrants,
  revokeSessionGrants,
} from './oidc-session-grants.repository.js';
import { buildOidcProvider, OIDC_TTL } from './oidc-provider.js';
import { createSigningKeyStore, KEY_SET_RELOAD_MS, type SigningKeyStore } from './signing-keys.js';

/** Rolecall as the OpenID Connect provider of its applications. */
export interface OidcService {
  readonly clients: ClientsService;
  /** The clients as administrators manage them through the API. */
  readonly administration: ClientsAdministration;
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
  config: { publicUrl: string; trustProxy: boolean; secretKey: Buffer; timeZone: string; webDir: string };
  database: Database;
  clock: Clock;
  audit: AuditLog;
  catalog: CatalogService;
  accounts: AccountsService;
  assignments: AssignmentsService;
  organizations: OrganizationsService;
  sessions: SessionsService;
  usage: UsageService;
}): OidcService {
  const tokens = new TokenClients();
  const registered = createClientsService(deps);
  // A removed client's tokens stop at once in this process (others forget them within TOKEN_KEPT_MS).
  const clients: ClientsService = {
    ...registered,
    async remove(actor, clientId) {
      await registered.remove(actor, clientId);
      tokens.forgetClient(clientId);
    },
  };
  // An application's grants last only as long as the Rolecall session that made them.
  deps.sessions.whenEnded({
    ended: async (db, sessionIds) => void (await revokeSessionGrants(db, sessionIds)),
    rotated: (db, fromId, toId) => moveSessionGrants(db, fromId, toId),
  });
  const rolesIn = createApplicationRoles(deps);
  const holdsAnyRole = createHoldsAnyRole(deps);
  const signingKeys = createSigningKeyStore({ ...deps, secretKey: deps.config.secretKey });
  let current: { provider: Promise<Provider>; keyIds: string; checkedAt: number } | undefined;
  let checking: Promise<Provider> | undefined;

  async function check(): Promise<Provider> {
    const checkedAt = deps.clock.now().getTime();
    const { keys } = await signingKeys.keySet();
    const keyIds = keys.map((key) => key.kid).join(' ');
    if (current?.keyIds !== keyIds) {
      const provider = buildOidcProvider(
        {
          ...deps.config,
          database: deps.database,
          clock: deps.clock,
          clients,
          accounts: deps.accounts,
          rolesIn,
          holdsAnyRole,
          signedIn: async (actor, clientId) => {
            const client = await clients.find(deps.database.db, clientId);
            if (client && actor.userId) await deps.usage.recordSignIn(actor, actor.userId, client.applicationId);
          },
          endRolecallSession: async (token) => {
            const session = await deps.sessions.resolve(token);
            if (session) await deps.sessions.end({ kind: 'user', userId: session.userId }, session.id, 'signed_out');
          },
          activeRolecallSession: async (token) => {
            const session = await deps.sessions.resolve(token);
            return session?.stage === 'active' ? session : undefined;
          },
          grantMade: (sessionId, grantId) =>
            linkGrantToSession(deps.database.db, { sessionId, grantId, at: toTimestamp(deps.clock.now()) }),
        },
        keys,
      );
      void provider.then((built) =>
        built.on('client_credentials.destroyed', (token: { jti: string }) => tokens.forgetToken(token.jti)),
      );
      current = { provider, keyIds, checkedAt };
    } else {
      current.checkedAt = checkedAt;
    }
    return current.provider;
  }

  const service: OidcService = {
    clients,
    administration: clientsAdministration(clients),
    signingKeys,
    rolesIn,
    async clientOfToken(token) {
      const kept = tokens.get(token);
      if (kept) return kept;
      const provider = await service.provider();
      const found = await provider.ClientCredentials.find(token).catch(() => undefined);
      if (!found || found.isExpired || !found.clientId) return undefined;
      const client = await clients.find(deps.database.db, found.clientId);
      if (client) tokens.keep(token, client, (found.exp ?? 0) * 1000);
      return client;
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

/** How long a process trusts a client credentials token it has looked up, without looking again. */
export const TOKEN_KEPT_MS = 30_000;
const TOKENS_KEPT = 10_000;

/**
 * The clients of recently seen client credentials tokens. The access evaluation API is asked
 * thousands of times a second with the same few tokens; looking each one up costs two statements
 * and the provider's token model. A token is trusted for TOKEN_KEPT_MS at most (never past its
 * expiry); revoking it or removing its client takes effect at once in the process that did it,
 * and within TOKEN_KEPT_MS in the others.
 */
class TokenClients {
  private readonly kept = new Map<string, { client: ClientRecord; until: number }>();

  get(token: string): ClientRecord | undefined {
    const entry = this.kept.get(token);
    if (!entry) return undefined;
    if (entry.until > Date.now()) return entry.client;
    this.kept.delete(token);
    return undefined;
  }

  keep(token: string, client: ClientRecord, expiresAtMs: number): void {
    const until = Math.min(Date.now() + TOKEN_KEPT_MS, expiresAtMs);
    if (until <= Date.now()) return;
    if (this.kept.size >= TOKENS_KEPT) this.kept.delete(this.kept.keys().next().value as string);
    this.kept.set(token, { client, until });
  }

  forgetToken(token: string): void {
    this.kept.delete(token);
  }

  forgetClient(clientId: string): void {
    for (const [token, entry] of this.kept) if (entry.client.clientId === clientId) this.kept.delete(token);
  }
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
      if (batch < BATCH) break;
    }
    const staleBefore = toTimestamp(new Date(deps.clock.now().getTime() - OIDC_TTL.Grant * 1000));
    await deps.database.transaction((trx) => deleteStaleSessionGrants(trx, staleBefore));
    return { removed };
  };
}
