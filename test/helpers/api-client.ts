import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/**
 * A browser-like client for app.inject(): it keeps cookies between requests and sends the CSRF
 * token the server last handed out, as the web app does.
 */
export class ApiClient {
  private readonly cookies = new Map<string, string>();
  csrfToken: string | undefined;

  constructor(
    private readonly app: FastifyInstance,
    private readonly headers: Record<string, string> = {},
  ) {}

  /** Reads the session (setting the pre-session CSRF cookie) so state-changing calls carry a token. */
  async start(): Promise<this> {
    await this.request('GET', '/api/v1/session');
    return this;
  }

  get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.request('GET', url, undefined, headers);
  }

  post(url: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.request('POST', url, body ?? {}, headers);
  }

  put(url: string, body: unknown): Promise<LightMyRequestResponse> {
    return this.request('PUT', url, body);
  }

  patch(url: string, body: unknown): Promise<LightMyRequestResponse> {
    return this.request('PATCH', url, body);
  }

  delete(url: string): Promise<LightMyRequestResponse> {
    return this.request('DELETE', url);
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  forgetCookie(name: string): void {
    this.cookies.delete(name);
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  async request(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await this.app.inject({
      method,
      url,
      headers: {
        ...this.headers,
        ...(cookie ? { cookie } : {}),
        ...(method !== 'GET' && this.csrfToken ? { 'x-csrf-token': this.csrfToken } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    for (const set of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = set.maxAge === 0 || (set.expires !== undefined && set.expires.getTime() <= Date.now()) || set.value === '';
      if (expired) this.cookies.delete(set.name);
      else this.cookies.set(set.name, set.value);
    }
    // JSON answers (not JSON Lines, an export) may carry a new CSRF token.
    if (/\bjson\b/.test(String(response.headers['content-type'] ?? '')) && response.body) {
      const parsed = response.json() as { csrfToken?: unknown };
      if (parsed && typeof parsed.csrfToken === 'string') this.csrfToken = parsed.csrfToken;
    }
    return response;
  }
}
