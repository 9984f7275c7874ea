export const apiBase = '/api/v1';

export type QueryValue = string | number | boolean | null | undefined;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  method?: Method;
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
}

// The error the API answered with: `code` is the stable machine code (e.g.
// `role_request.already_decided`), `message` the server's translated text for people, and
// `details` what the server says about which field broke which rule.
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(status: number, code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

export function hasErrorCode(error: unknown, code: string): error is ApiError {
  return error instanceof ApiError && error.code === code;
}

export function buildApiUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null) params.set(name, String(value));
  }
  const search = params.toString();
  return `${apiBase}${path}${search ? `?${search}` : ''}`;
}

interface ErrorBody {
  code?: unknown;
  message?: unknown;
  details?: unknown;
  error?: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readError(status: number, body: unknown, fallback: string): ApiError {
  // Accept both `{ code, message }` and `{ error: { code, message } }` so the client does not
  // break on an envelope change; anything else still becomes an ApiError with the HTTP status.
  const outer = (isRecord(body) ? body : {}) as ErrorBody;
  const inner = (isRecord(outer.error) ? outer.error : outer) as ErrorBody;
  const code = typeof inner.code === 'string' ? inner.code : `http.${status}`;
  const message = typeof inner.message === 'string' ? inner.message : fallback;
  return new ApiError(status, code, message, isRecord(inner.details) ? inner.details : undefined);
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined;
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

// --- CSRF ---------------------------------------------------------------------------------
// Every state-changing request carries the session's CSRF token in `x-csrf-token`. The token
// comes from `GET /session` (which also sets the pre-sign-in cookie it belongs to) and from any
// answer that opens or replaces a session; it lives only in memory, never in storage.

let csrfToken: string | undefined;
let csrfLoading: Promise<string | undefined> | undefined;

/** What a response said about the session, with the server's clock reading when it said it. */
export interface SessionAnswerMeta {
  /** The response's `Date` header in milliseconds, when there was one. */
  serverDate: number | undefined;
  /** The browser's clock when the answer arrived. */
  receivedAt: number;
}

type SessionAnswerListener = (answer: Record<string, unknown>, meta: SessionAnswerMeta) => void;
const sessionListeners = new Set<SessionAnswerListener>();

/**
 * Called with every answer to a POST, PUT, PATCH or DELETE that carries `csrfToken` and
 * `session` (sign-in, MFA verify, confirm, refresh), so the session state follows at once.
 */
export function onSessionAnswer(listener: SessionAnswerListener): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

export function clearCsrfToken(): void {
  csrfToken = undefined;
}

function metaOf(response: Response): SessionAnswerMeta {
  const date = response.headers.get('date');
  const serverDate = date ? Date.parse(date) : Number.NaN;
  return { serverDate: Number.isNaN(serverDate) ? undefined : serverDate, receivedAt: Date.now() };
}

function noteAnswer(payload: unknown, response: Response, method: Method): void {
  if (!isRecord(payload) || typeof payload.csrfToken !== 'string') return;
  csrfToken = payload.csrfToken;
  // `GET /session` is read by the session query itself; listeners hear of the answers that
  // opened, replaced or refreshed a session.
  if (method === 'GET' || !('session' in payload)) return;
  const meta = metaOf(response);
  for (const listener of sessionListeners) listener(payload, meta);
}

function loadCsrfToken(): Promise<string | undefined> {
  csrfLoading ??= (async () => {
    try {
      const response = await fetch(buildApiUrl('/session'), {
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
      });
      const payload = await readBody(response);
      if (response.ok) noteAnswer(payload, response, 'GET');
      return csrfToken;
    } finally {
      csrfLoading = undefined;
    }
  })();
  return csrfLoading;
}

const unsafeMethods: ReadonlySet<Method> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function send(path: string, options: RequestOptions): Promise<{ response: Response; payload: unknown }> {
  const { method = 'GET', query, body, signal } = options;
  const headers: Record<string, string> = { Accept: 'application/json' };
  // The server words its error messages in the page's language, which <html lang> always holds.
  const language = document.documentElement.lang;
  if (language) headers['Accept-Language'] = language;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (unsafeMethods.has(method)) {
    const token = csrfToken ?? (await loadCsrfToken());
    if (token) headers['x-csrf-token'] = token;
  }
  const response = await fetch(buildApiUrl(path, query), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    // The session lives in an HttpOnly cookie on this origin; never send it anywhere else.
    credentials: 'same-origin',
    signal,
  });
  return { response, payload: await readBody(response) };
}

async function request(path: string, options: RequestOptions): Promise<{ response: Response; payload: unknown }> {
  let answer = await send(path, options);
  if (!answer.response.ok) {
    const error = readError(answer.response.status, answer.payload, answer.response.statusText);
    // A token that went stale (the session was replaced, ended or timed out) is fetched again
    // once, and the request retried once; a second refusal is the caller's to show.
    if (error.code !== 'auth.csrf') throw error;
    csrfToken = undefined;
    await loadCsrfToken();
    answer = await send(path, options);
    if (!answer.response.ok) throw readError(answer.response.status, answer.payload, answer.response.statusText);
  }
  noteAnswer(answer.payload, answer.response, options.method ?? 'GET');
  return answer;
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { payload } = await request(path, options);
  return payload as T;
}

/** As apiRequest, with what the response says about the server's clock. */
export async function apiRequestWithMeta<T>(
  path: string,
  options: RequestOptions = {},
): Promise<{ data: T; meta: SessionAnswerMeta }> {
  const { response, payload } = await request(path, options);
  return { data: payload as T, meta: metaOf(response) };
}

export function apiGet<T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal): Promise<T> {
  return apiRequest<T>(path, { query, signal });
}

export function apiPost<T>(path: string, body?: unknown): Promise<T> {
  return apiRequest<T>(path, { method: 'POST', body: body ?? {} });
}

export function apiPatch<T>(path: string, body: unknown): Promise<T> {
  return apiRequest<T>(path, { method: 'PATCH', body });
}

export function apiDelete(path: string): Promise<void> {
  return apiRequest<void>(path, { method: 'DELETE' });
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
