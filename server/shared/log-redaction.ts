/**
 * What a log line may say about a request URL. Links that people open from emails carry their
 * credential in the query string (set-up, password reset and verification tokens), and a log is
 * read by more people than those links are meant for.
 */

export const REDACTED = '[redacted]';

/** Query parameters that name a credential, whatever their value. */
const CREDENTIAL_NAME =
  /token|code|secret|password|passwd|key|signature|sig$|ticket|otp|nonce|assertion|credential|auth|session|cookie|csrf/i;

/** A value that looks like a random secret (long base64url or hex), whatever its parameter's name. */
const SECRET_LIKE = /^[A-Za-z0-9_\-+/=.~%]{20,}$/;

/** `url` (a path with an optional query string) with every credential-like query value replaced. */
export function redactUrl(url: string): string {
  const mark = url.indexOf('?');
  if (mark === -1) return url;
  const path = url.slice(0, mark);
  const query = url.slice(mark + 1);
  if (query === '') return url;
  const parts = query.split('&').map((part) => {
    const equals = part.indexOf('=');
    if (equals === -1) return SECRET_LIKE.test(part) ? REDACTED : part;
    const name = part.slice(0, equals);
    const value = part.slice(equals + 1);
    return CREDENTIAL_NAME.test(safeDecode(name)) || SECRET_LIKE.test(value) ? `${name}=${REDACTED}` : part;
  });
  return `${path}?${parts.join('&')}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The request as a log line shows it (Fastify's request object): method, redacted URL, host, client address. */
export function serializeRequest(request: {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  id?: string;
}): Record<string, unknown> {
  return { method: request.method, url: redactUrl(request.url ?? ''), host: request.host, remoteAddress: request.ip };
}
