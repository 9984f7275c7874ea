import { createHmac } from 'node:crypto';
import type { Configuration, KoaContextWithOIDC } from 'oidc-provider';
import type Provider from 'oidc-provider';
import type { Database } from '../../db/database.js';
import { AppError } from '../../http/errors.js';
import { preferredLanguage } from '../../http/language.js';
import { contentSecurityPolicyHeader } from '../../http/security.js';
import { builtStylesheets } from '../../http/web-app.js';
import { cookieNames } from '../../http/session-auth.js';
import type { Clock } from '../../shared/clock.js';
import type { Actor } from '../../shared/actor.js';
import type { AccountsService } from '../accounts/accounts.service.js';
import type { ApplicationRoles, HoldsAnyRole } from './application-roles.js';
import { clientSecretMatches, type ClientsService } from './clients.service.js';
import { grantRequestedScopes } from './grants.js';
import { providerPages } from './provider-pages.js';
import { oidcAdapterClass } from './oidc-adapter.js';
import type { SigningJwk } from './signing-keys.js';

/** Where the provider is mounted, under the server's public address. */
export const OIDC_PATH = '/oidc';

/** The `acr` of every sign-in: a password and a second factor (Rolecall signs no one in with less). */
export const ACR_MFA = 'urn:rolecall:acr:mfa';

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

/** The provider's routes that use a person's tokens: each checks that they still hold a role. */
const TOKEN_ROUTES = new Set(['token', 'userinfo']);

export interface OidcProviderDeps {
  publicUrl: string;
  /** The built web app, whose stylesheets the provider's own pages use. */
  webDir: string;
  trustProxy: boolean;
  secretKey: Buffer;
  database: Database;
  clock: Clock;
  clients: ClientsService;
  accounts: AccountsService;
  rolesIn: ApplicationRoles;
  holdsAnyRole: HoldsAnyRole;
  /** A person was signed in to a client's application: recorded for certifiers, and audited. */
  signedIn: (actor: Actor, clientId: string) => Promise<void>;
  /** Ends the Rolecall session a browser's session cookie holds, if any (single sign-out). */
  endRolecallSession: (sessionToken: string) => Promise<void>;
  /** The signed-in (active) Rolecall session a browser's session cookie holds, if any. */
  activeRolecallSession: (sessionToken: string) => Promise<{ id: string; userId: string } | undefined>;
  /** A Rolecall session signed its person in to an application under this grant. */
  grantMade: (sessionId: string, grantId: string) => Promise<void>;
}

/**
 * Builds the OpenID Connect provider (oidc-provider) over Rolecall's storage, clients and
 * accounts, signing with `keys` (the signing key first). Loaded on first use: the library and
 * its dependencies stay out of a server that no application signs in through.
 */
export async function buildOidcProvider(deps: OidcProviderDeps, keys: readonly SigningJwk[]): Promise<Provider> {
  const { default: ProviderClass } = await import('oidc-provider');
  const pages = providerPages(builtStylesheets(deps.webDir));
  const sessionCookie = cookieNames(deps.publicUrl).session;
  const configuration: Configuration = {
    adapter: oidcAdapterClass(deps),
    jwks: { keys: keys.map((key) => ({ ...key })) },
    // The provider's cookies are signed with a key of their own, derived from the secret key.
    cookies: {
      keys: [createHmac('sha256', deps.secretKey).update('oidc-provider cookies').digest('base64url')],
    },
    findAccount: async (ctx, sub) => {
      const user = await deps.accounts.getUser(deps.database.db, sub).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'resource.not_found') return undefined;
        throw error;
      });
      if (!user || user.status !== 'active') return undefined;
      const clientId = ctx.oidc.client?.clientId;
      // A person is a user of a client's application only while holding a role in it: without
      // one (removed, or past its due day) a refresh is refused and userinfo refuses the token.
      // (At the authorization endpoint loadExistingGrant applies the same rule.)
      if (clientId && TOKEN_ROUTES.has(String(ctx.oidc.route))) {
        const registered = await deps.clients.find(deps.database.db, clientId);
        if (!registered || !(await deps.holdsAnyRole(deps.database.db, user.id, registered.applicationId))) return undefined;
      }
      return {
        accountId: user.id,
        claims: async (use, scope) => {
          // The roles go to userinfo only: an ID token issued with an access token carries the
          // openid claims alone (conformIdTokenClaims), so reading them for it would be wasted.
          const wantsRoles = use === 'userinfo' && scope.split(' ').includes('roles');
          const client = clientId && wantsRoles ? await deps.clients.find(deps.database.db, clientId) : undefined;
          return {
            sub: user.id,
            preferred_username: user.userId,
            given_name: user.firstName,
            family_name: user.lastName,
            name: `${user.firstName} ${user.lastName}`,
            locale: user.language,
            email: user.email,
            email_verified: user.emailVerifiedAt !== null,
            ...(client ? { roles: await deps.rolesIn(deps.database.db, user.id, client.applicationId) } : {}),
          };
        },
      };
    },
    // Every ID token says how and when the person signed in: an application can see the second
    // factor (amr) and refuse a sign-in older than it accepts (auth_time).
    claims: {
      sid: null,
      openid: ['sub', 'acr', 'amr', 'auth_time'],
      profile: ['preferred_username', 'given_name', 'family_name', 'name', 'locale'],
      email: ['email', 'email_verified'],
      roles: ['roles'],
    },
    acrValues: [ACR_MFA],
    // A client is registered by an administrator for its own application: people are not asked
    // to consent to it, and the grant covers what it asked for of what it may ask.
    loadExistingGrant: async (ctx) => {
      const { client, session } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      // The provider's session counts only while the browser's Rolecall session does: signed out
      // of Rolecall, timed out or signed in as someone else, the person goes through the
      // interaction, which asks them to sign in to Rolecall again.
      const token = ctx.cookies.get(sessionCookie, { signed: false });
      const rolecall = token ? await deps.activeRolecallSession(token) : undefined;
      if (!rolecall || rolecall.userId !== session.accountId) return undefined;
      // A person signed in before comes back with no page shown: without a role in the
      // application now there is no grant, so the provider asks for an interaction, which tells
      // them (and the application) that they are not assigned.
      const registered = await deps.clients.find(deps.database.db, client.clientId);
      if (!registered || !(await deps.holdsAnyRole(deps.database.db, session.accountId, registered.applicationId))) {
        return undefined;
      }
      const { grant, grantId } = await grantRequestedScopes(ctx.oidc.provider, {
        grantId: ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId),
        clientId: client.clientId,
        accountId: session.accountId,
        scope: String(ctx.oidc.params?.scope ?? ''),
      });
      await deps.grantMade(rolecall.id, grantId);
      return grant;
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
      introspection: {
        enabled: true,
        // A back end may ask about its own application's tokens (its web client's, say), never
        // another application's: those answer `active: false`, as a token it does not know would.
        allowedPolicy: async (_ctx, client, token) => {
          if (token.clientId === client.clientId) return true;
          if (!token.clientId) return false;
          const [caller, issuedTo] = await Promise.all([
            deps.clients.find(deps.database.db, client.clientId),
            deps.clients.find(deps.database.db, token.clientId),
          ]);
          return caller !== undefined && caller.applicationId === issuedTo?.applicationId;
        },
      },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          // Either answer sends the person back to the application: its sign-out addresses' sites
          // join the policy's form-action, or the browser would stop at the confirmation.
          const origins = (ctx.oidc.client?.postLogoutRedirectUris ?? []).map((uri) => new URL(uri).origin);
          ctx.set(
            'content-security-policy',
            contentSecurityPolicyHeader({ httpsOnly: deps.publicUrl.startsWith('https:'), formActionOrigins: origins }),
          );
          ctx.type = 'text/html; charset=utf-8';
          ctx.body = pages.logoutPage(preferredLanguage(ctx.get('accept-language')), form);
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.type = 'text/html; charset=utf-8';
          ctx.body = pages.signedOutPage(preferredLanguage(ctx.get('accept-language')));
        },
      },
      userinfo: { enabled: true },
    },
    interactions: {
      url: (_ctx: KoaContextWithOIDC, interaction) => `${OIDC_PATH}/interaction/${interaction.uid}`,
    },
    // An error the provider cannot send back to the application: a page for a person's browser,
    // the protocol's JSON for anything else.
    renderError: async (ctx, out) => {
      if (ctx.accepts('json', 'html') === 'html') {
        ctx.type = 'text/html; charset=utf-8';
        ctx.body = pages.errorPage(preferredLanguage(ctx.get('accept-language')), out);
        return;
      }
      ctx.type = 'application/json; charset=utf-8';
      ctx.body = JSON.stringify(out);
    },
  };
  const provider = new ProviderClass(`${deps.publicUrl.replace(/\/$/, '')}${OIDC_PATH}`, configuration);
  provider.proxy = deps.trustProxy;
  // Each sign-in to an application is recorded once the application is sent its code. It runs
  // beside the answer: a failure to record is reported, and never fails the sign-in.
  provider.on('authorization.success', (ctx: KoaContextWithOIDC) => {
    const accountId = ctx.oidc.session?.accountId;
    const clientId = ctx.oidc.client?.clientId;
    if (!accountId || !clientId) return;
    const actor: Actor = { kind: 'user', userId: accountId, ip: ctx.ip, userAgent: ctx.get('user-agent') };
    void deps.signedIn(actor, clientId).catch((error: unknown) => ctx.app.emit('error', error, ctx));
  });
  // Signing out of an application through Rolecall signs the person out of Rolecall too.
  provider.on('end_session.success', (ctx: KoaContextWithOIDC) => {
    const token = ctx.cookies.get(sessionCookie, { signed: false });
    if (!token) return;
    ctx.cookies.set(sessionCookie, null, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      signed: false,
      secure: deps.publicUrl.startsWith('https://'),
    });
    void deps.endRolecallSession(token).catch((error: unknown) => ctx.app.emit('error', error, ctx));
  });
  // Only the secret's hash is stored: the presented secret is hashed and compared.
  provider.Client.prototype.compareClientSecret = function compare(this: { clientSecret?: string }, presented: string) {
    return Promise.resolve(clientSecretMatches({ secretHash: this.clientSecret ?? '' }, presented));
  };
  return provider;
}
