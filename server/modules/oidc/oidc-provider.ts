import { createHmac } from 'node:crypto';
import type { Configuration, KoaContextWithOIDC } from 'oidc-provider';
import type Provider from 'oidc-provider';
import type { Database } from '../../db/database.js';
import { AppError } from '../../http/errors.js';
import type { Clock } from '../../shared/clock.js';
import type { AccountsService } from '../accounts/accounts.service.js';
import { clientSecretMatches, type ClientsService } from './clients.service.js';
import { oidcAdapterClass } from './oidc-adapter.js';
import type { SigningJwk } from './signing-keys.js';

/** Where the provider is mounted, under the server's public address. */
export const OIDC_PATH = '/oidc';

/** How long each of the provider's artifacts lives, in seconds. */
export const OIDC_TTL = {
  AccessToken: 60 * 60,
  AuthorizationCode: 60,
  ClientCredentials: 10 * 60,
  IdToken: 60 * 60,
  Interaction: 60 * 60,
  Grant: 30 * 24 * 60 * 60,
  RefreshToken: 30 * 24 * 60 * 60,
  Session: 12 * 60 * 60,
} as const;

export interface OidcProviderDeps {
  publicUrl: string;
  trustProxy: boolean;
  secretKey: Buffer;
  database: Database;
  clock: Clock;
  clients: ClientsService;
  accounts: AccountsService;
}

/**
 * Builds the OpenID Connect provider (oidc-provider) over Rolecall's storage, clients and
 * accounts, signing with `keys` (the signing key first). Loaded on first use: the library and
 * its dependencies stay out of a server that no application signs in through.
 */
export async function buildOidcProvider(deps: OidcProviderDeps, keys: readonly SigningJwk[]): Promise<Provider> {
  const { default: ProviderClass } = await import('oidc-provider');
  const configuration: Configuration = {
    adapter: oidcAdapterClass(deps),
    jwks: { keys: keys.map((key) => ({ ...key })) },
    // The provider's cookies are signed with a key of their own, derived from the secret key.
    cookies: {
      keys: [createHmac('sha256', deps.secretKey).update('oidc-provider cookies').digest('base64url')],
    },
    findAccount: async (_ctx, sub) => {
      const user = await deps.accounts.getUser(deps.database.db, sub).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'resource.not_found') return undefined;
        throw error;
      });
      if (!user || user.status !== 'active') return undefined;
      return {
        accountId: user.id,
        claims: async () => ({
          sub: user.id,
          preferred_username: user.userId,
          given_name: user.firstName,
          family_name: user.lastName,
          name: `${user.firstName} ${user.lastName}`,
          locale: user.language,
          email: user.email,
          email_verified: user.emailVerifiedAt !== null,
        }),
      };
    },
    claims: {
      openid: ['sub'],
      profile: ['preferred_username', 'given_name', 'family_name', 'name', 'locale'],
      email: ['email', 'email_verified'],
    },
    scopes: ['openid', 'offline_access', 'profile', 'email', 'roles'],
    responseTypes: ['code'],
    // Every client authenticates with its secret over HTTP Basic; no method keyed by the secret
    // itself (client_secret_jwt), since only its hash is kept.
    clientAuthMethods: ['client_secret_basic'],
    pkce: { required: () => true },
    rotateRefreshToken: true,
    ttl: { ...OIDC_TTL },
    enabledJWA: {
      idTokenSigningAlgValues: ['RS256'],
      userinfoSigningAlgValues: ['RS256'],
      introspectionSigningAlgValues: ['RS256'],
      authorizationSigningAlgValues: ['RS256'],
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      userinfo: { enabled: true },
    },
    interactions: {
      url: (_ctx: KoaContextWithOIDC, interaction) => `${OIDC_PATH}/interaction/${interaction.uid}`,
    },
    renderError: async (ctx, out) => {
      ctx.type = 'application/json; charset=utf-8';
      ctx.body = JSON.stringify(out);
    },
  };
  const provider = new ProviderClass(`${deps.publicUrl.replace(/\/$/, '')}${OIDC_PATH}`, configuration);
  provider.proxy = deps.trustProxy;
  // Only the secret's hash is stored: the presented secret is hashed and compared.
  provider.Client.prototype.compareClientSecret = function compare(this: { clientSecret?: string }, presented: string) {
    return Promise.resolve(clientSecretMatches({ secretHash: this.clientSecret ?? '' }, presented));
  };
  return provider;
}
