export const apiBase = '/api/v1';

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
}

// The error the API answered with: `code` is the stable machine code (e.g.
// `role_request.already_decided`), `message` the server's translated text for people.
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
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
  error?: unknown;
}

function readError(status: number, body: unknown, fallback: string): ApiError {
  // Accept both `{ code, message }` and `{ error: { code, message } }` so the client does not
  // break on an envelope change; anything else still becomes an ApiError with the HTTP status.
  const outer = (typeof body === 'object' && body !== null ? body : {}) as ErrorBody;
  const inner = (typeof outer.error === 'object' && outer.error !== null ? outer.error : outer) as ErrorBody;
  const code = typeof inner.code === 'string' ? inner.code : `http.${status}`;
  const message = typeof inner.message === 'string' ? inner.message : fallback;
  return new ApiError(status, code, message);
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

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', query, body, signal } = options;
  const headers: Record<string, string> = { Accept: 'application/json' };
  // The server words its error messages in the page's language, which <html lang> always holds.
  const language = document.documentElement.lang;
  if (language) headers['Accept-Language'] = language;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(buildApiUrl(path, query), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    // The session lives in an HttpOnly cookie on this origin; never send it anywhere else.
    credentials: 'same-origin',
    signal,
  });
  const payload = await readBody(response);
  if (!response.ok) throw readError(response.status, payload, response.statusText);
  return payload as T;
}

export function apiGet<T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal): Promise<T> {
  return apiRequest<T>(path, { query, signal });
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
