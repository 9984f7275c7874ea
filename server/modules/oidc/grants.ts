import type { Grant, Provider } from 'oidc-provider';

/**
 * The grant of what a client asks for now: the one the person already holds with it (or a new
 * one), covering the scopes of this request, saved. No consent page is shown: an administrator
 * registered the client for its application, so what it asks for is granted.
 */
export async function grantRequestedScopes(
  provider: Provider,
  request: { grantId: string | undefined; clientId: string; accountId: string; scope: string },
): Promise<{ grant: Grant; grantId: string }> {
  const existing = request.grantId ? await provider.Grant.find(request.grantId) : undefined;
  const grant = existing ?? new provider.Grant({ clientId: request.clientId, accountId: request.accountId });
  grant.addOIDCScope(request.scope);
  return { grant, grantId: await grant.save() };
}
