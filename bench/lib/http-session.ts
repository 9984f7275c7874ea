import { generate } from 'otplib';

/**
 * A signed-in browser, as the benchmarks need one: fetch() with the session cookies kept and the
 * CSRF token the server last handed out sent on every change, as the web app does. The load
 * tools then replay its cookie and token.
 */
export class HttpSession {
  private readonly cookies = new Map<string, string>();
  csrfToken: string | undefined;

  constructor(readonly baseUrl: string) {}

  /** The Cookie header this session sends. */
  get cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** Headers a request replayed by a load tool needs to pass as this session. */
  headers(): Record<string, string> {
    return {
      cookie: this.cookieHeader,
      ...(this.csrfToken ? { 'x-csrf-token': this.csrfToken } : {}),
    };
  }

  private keepCookies(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const equals = pair.indexOf('=');
      const name = pair.slice(0, equals).trim();
      const value = pair.slice(equals + 1).trim();
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /**
   * A page as a browser opens it, redirects not followed: where it sends the browser next, if
   * anywhere. (The cookies are sent on every path: the server's cookie names do not clash.)
   */
  async open(path: string): Promise<{ status: number; location: string | undefined }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      headers: { accept: 'text/html', cookie: this.cookieHeader },
      redirect: 'manual',
    });
    this.keepCookies(response);
    await response.arrayBuffer();
    return { status: response.status, location: response.headers.get('location') ?? undefined };
  }

  async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(method === 'GET' ? { cookie: this.cookieHeader } : this.headers()),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    this.keepCookies(response);
    const text = await response.text();
    const json: unknown = text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
    if (json && typeof json === 'object' && typeof (json as { csrfToken?: unknown }).csrfToken === 'string') {
      this.csrfToken = (json as { csrfToken: string }).csrfToken;
    }
    return { status: response.status, json };
  }

  /** A request that must succeed: anything else stops the benchmark with the server's answer. */
  async ok<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const { status, json } = await this.request(method, path, body);
    if (status < 200 || status >= 300) throw new Error(`${method} ${path} answered ${status}: ${JSON.stringify(json)}`);
    return json as T;
  }
}

/** A fresh session that holds the pre-sign-in CSRF cookie and token. */
export async function anonymousSession(baseUrl: string): Promise<HttpSession> {
  const session = new HttpSession(baseUrl);
  await session.ok('GET', '/api/v1/session');
  return session;
}

/**
 * Signs a generated user in through the API as a person would the first time: user ID,
 * password and the terms, then an authenticator app enrolled and confirmed. The generator makes
 * no MFA devices, so this is each benchmark persona's first sign-in.
 */
export async function signInFirstTime(baseUrl: string, userId: string, password: string): Promise<HttpSession> {
  const session = await anonymousSession(baseUrl);
  const step = await session.ok<{ session: { stage: string } }>('POST', '/api/v1/sign-in', {
    userId,
    password,
    acceptTerms: true,
  });
  if (step.session.stage !== 'enroll')
    throw new Error(`${userId}: expected to enrol an authenticator, stage ${step.session.stage}`);
  const started = await session.ok<{ factor: { id: string }; totp: { secret: string } }>('POST', '/api/v1/mfa/factors', {
    kind: 'totp',
  });
  const code = await generate({ secret: started.totp.secret });
  const confirmed = await session.ok<{ session: { stage: string } }>('POST', `/api/v1/mfa/factors/${started.factor.id}/confirm`, {
    code,
  });
  if (confirmed.session.stage !== 'active')
    throw new Error(`${userId}: not signed in after MFA, stage ${confirmed.session.stage}`);
  return session;
}
