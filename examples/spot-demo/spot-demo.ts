import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as oidc from 'openid-client';
import { homePage, notSignedInPage, refusedPage, STYLESHEET, type Holding, type SignedInPerson } from './pages.js';

/*
 * A small stand-in for SPOT: an application that keeps no accounts of its own and asks Rolecall
 * who someone is (OpenID Connect, with openid-client) and what they may do (the AuthZEN access
 * evaluation API, with a client credentials token of its back end). Sessions live in memory: a
 * real application keeps them in its own store.
 */

export interface SpotDemoOptions {
  /** Where people reach Rolecall, e.g. `http://localhost:3000`. */
  rolecallUrl: string;
  /** Where people reach this application, e.g. `http://localhost:4000`. */
  publicUrl: string;
  /** The client that signs people in: redirect URI `<publicUrl>/callback`, sign-out `<publicUrl>/signed-out`. */
  web: ClientCredentials;
  /** The back end's client, for the access evaluation API. */
  service: ClientCredentials;
}

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

/** What the application remembers of one browser. */
interface Session {
  /** Between sending the person to Rolecall and their coming back. */
  pending?: { state: string; nonce: string; verifier: string };
  person?: SignedInPerson & { idToken: string };
}

/** The action this application asks about: using SPOT for an organization, which an end user's role gives. */
const USE_SPOT = 'end_user';
const SESSION_COOKIE = 'spot_demo_session';

export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => void;

/** Discovers Rolecall and answers this application's pages. */
export async function createSpotDemo(options: SpotDemoOptions): Promise<RequestHandler> {
  const rolecall = new URL(options.rolecallUrl);
  // Plain http only for a Rolecall on this machine, as while trying the demo.
  const execute = rolecall.protocol === 'http:' ? [oidc.allowInsecureRequests] : [];
  const issuer = new URL('/oidc', rolecall);
  const [web, service] = await Promise.all([
    oidc.discovery(issuer, options.web.clientId, undefined, oidc.ClientSecretBasic(options.web.clientSecret), { execute }),
    oidc.discovery(issuer, options.service.clientId, undefined, oidc.ClientSecretBasic(options.service.clientSecret), {
      execute,
    }),
  ]);
  const evaluationEndpoint = await accessEvaluationEndpoint(rolecall);
  const serviceToken = cachedServiceToken(service);
  const sessions = new Map<string, Session>();
  const here = (path: string) => new URL(path, options.publicUrl).href;

  /** Asks Rolecall whether the person may use SPOT for the organization now. */
  async function mayUseSpot(person: SignedInPerson, organizationId: string): Promise<{ decision: boolean; reason: string }> {
    const response = await fetch(evaluationEndpoint, {
      method: 'POST',
      headers: { authorization: `Bearer ${await serviceToken()}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        subject: { type: 'user', id: person.sub },
        action: { name: USE_SPOT },
        resource: { type: 'organization', id: organizationId },
      }),
    });
    if (!response.ok) throw new Error(`the access evaluation API answered ${response.status}`);
    const answer = (await response.json()) as { decision: boolean; context?: { reason?: string } };
    return { decision: answer.decision, reason: answer.context?.reason ?? '' };
  }

  async function signIn(session: Session, response: ServerResponse) {
    const pending = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      verifier: oidc.randomPKCECodeVerifier(),
    };
    session.pending = pending;
    const url = oidc.buildAuthorizationUrl(web, {
      redirect_uri: here('/callback'),
      scope: 'openid profile roles',
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    redirect(response, url.href);
  }

  async function callback(session: Session, request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', options.publicUrl);
    const pending = session.pending;
    delete session.pending;
    const error = url.searchParams.get('error');
    if (error) {
      // Rolecall refused (for instance a person with no SPOT role): say so, and offer to try again.
      return html(response, 200, refusedPage(url.searchParams.get('error_description') ?? error));
    }
    if (!pending) return redirect(response, here('/'));
    const tokens = await oidc.authorizationCodeGrant(web, url, {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
    });
    const claims = tokens.claims();
    if (!claims || !tokens.id_token) throw new Error('Rolecall sent no ID token');
    const userinfo = await oidc.fetchUserInfo(web, tokens.access_token, claims.sub);
    const holdings = (userinfo.roles ?? []) as unknown as Holding[];
    session.person = {
      sub: claims.sub,
      userId: String(userinfo.preferred_username ?? ''),
      name: String(userinfo.name ?? userinfo.preferred_username ?? ''),
      holdings,
      organizationId: holdings.find((holding) => holding.organization)?.organization?.id ?? null,
      idToken: tokens.id_token,
    };
    redirect(response, here('/'));
  }

  async function home(session: Session, response: ServerResponse) {
    const person = session.person;
    if (!person) return html(response, 200, notSignedInPage({ signedOut: false }));
    const access = person.organizationId ? await mayUseSpot(person, person.organizationId) : null;
    html(response, 200, homePage(person, access));
  }

  async function switchOrganization(session: Session, request: IncomingMessage, response: ServerResponse) {
    const person = session.person;
    if (!person) return redirect(response, here('/'));
    const chosen = new URLSearchParams(await bodyOf(request)).get('organization');
    // Only an organization the person holds a role for: the page offers no other.
    if (person.holdings.some((holding) => holding.organization?.id === chosen)) person.organizationId = chosen;
    redirect(response, here('/'));
  }

  function signOut(sessionId: string, session: Session, response: ServerResponse) {
    sessions.delete(sessionId);
    if (!session.person) return redirect(response, here('/'));
    // RP-initiated logout: Rolecall asks the person to confirm, ends its session and sends them back.
    const url = oidc.buildEndSessionUrl(web, {
      id_token_hint: session.person.idToken,
      post_logout_redirect_uri: here('/signed-out'),
      state: randomBytes(16).toString('base64url'),
    });
    redirect(response, url.href);
  }

  async function route(request: IncomingMessage, response: ServerResponse) {
    const path = new URL(request.url ?? '/', options.publicUrl).pathname;
    const method = request.method ?? 'GET';
    if (method === 'GET' && path === '/style.css') {
      response.writeHead(200, { 'content-type': 'text/css; charset=utf-8' }).end(STYLESHEET);
      return;
    }
    if (method === 'GET' && path === '/signed-out') return html(response, 200, notSignedInPage({ signedOut: true }));
    const [sessionId, session] = sessionOf(request, response);
    if (method === 'GET' && path === '/') return home(session, response);
    if (method === 'GET' && path === '/sign-in') return signIn(session, response);
    if (method === 'GET' && path === '/callback') return callback(session, request, response);
    if (method === 'POST' && path === '/organization') return switchOrganization(session, request, response);
    if (method === 'POST' && path === '/sign-out') return signOut(sessionId, session, response);
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
  }

  /** The browser's session, or a new one with its cookie set on the answer. */
  function sessionOf(request: IncomingMessage, response: ServerResponse): [string, Session] {
    const presented = cookieOf(request, SESSION_COOKIE);
    const existing = presented === undefined ? undefined : sessions.get(presented);
    if (presented !== undefined && existing) return [presented, existing];
    const id = randomBytes(32).toString('base64url');
    const session: Session = {};
    sessions.set(id, session);
    const secure = options.publicUrl.startsWith('https:') ? '; Secure' : '';
    // Lax: the cookie comes back with Rolecall's redirect to the callback, never with another site's POST.
    response.setHeader('set-cookie', `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax${secure}`);
    return [id, session];
  }

  return (request, response) => {
    route(request, response).catch((error: unknown) => {
      console.error(error);
      if (!response.headersSent) html(response, 500, refusedPage('Something went wrong talking to Rolecall.'));
    });
  };
}

/** The access evaluation endpoint, from Rolecall's AuthZEN metadata. */
async function accessEvaluationEndpoint(rolecall: URL): Promise<string> {
  const response = await fetch(new URL('/.well-known/authzen-configuration', rolecall));
  if (!response.ok) throw new Error(`Rolecall's AuthZEN metadata answered ${response.status}`);
  const metadata = (await response.json()) as { access_evaluation_endpoint?: string };
  if (!metadata.access_evaluation_endpoint) throw new Error("Rolecall's AuthZEN metadata names no evaluation endpoint");
  return metadata.access_evaluation_endpoint;
}

/** The back end's client credentials token, asked for again a minute before it expires. */
function cachedServiceToken(service: oidc.Configuration): () => Promise<string> {
  let current: { token: string; renewAt: number } | undefined;
  return async () => {
    if (current && Date.now() < current.renewAt) return current.token;
    const granted = await oidc.clientCredentialsGrant(service);
    const lifetime = (granted.expires_in ?? 60) * 1000;
    current = { token: granted.access_token, renewAt: Date.now() + Math.max(lifetime - 60_000, 0) };
    return current.token;
  };
}

function cookieOf(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of request) {
    body += String(chunk);
    if (body.length > 10_000) throw new Error('request body too large');
  }
  return body;
}

function html(response: ServerResponse, status: number, page: string) {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page);
}

function redirect(response: ServerResponse, location: string) {
  response.writeHead(303, { location }).end();
}
