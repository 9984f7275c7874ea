/*
 * Bearer tokens (RFC 6750) as the APIs called by applications' back ends read them: the access
 * evaluation API and SCIM take a client credentials access token in the Authorization header.
 */

/** The token of an `Authorization: Bearer …` header, if it carries one in the RFC's syntax. */
export function bearerToken(header: string | undefined): string | undefined {
  return /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header ?? '')?.[1];
}

/** The WWW-Authenticate challenge for a request refused for its token, or for having none. */
export function bearerChallenge(token: string | undefined): string {
  return token ? 'Bearer error="invalid_token"' : 'Bearer';
}
