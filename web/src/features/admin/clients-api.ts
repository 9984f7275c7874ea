import type { Static } from 'typebox';
import type {
  ClientSchema,
  ClientSecret as ClientSecretSchema,
  CreatedClient as CreatedClientSchema,
  NewClientBody,
} from '../../../../server/modules/oidc/clients.schemas.js';
import { apiDelete, apiGet, apiPost } from '../../api/client';

/*
 * The applications' clients as the server describes them, typed from its own schemas (type-only
 * imports: nothing of the server reaches the bundle), so a change there fails the web type check.
 */
export type Client = Static<typeof ClientSchema>;
export type ClientKind = Client['kind'];
export type NewClient = Static<typeof NewClientBody>;
/** A new client and its secret, which the server never shows again. */
export type CreatedClient = Static<typeof CreatedClientSchema>;
export type ClientSecret = Static<typeof ClientSecretSchema>;

export const clientsQueryKey = ['admin', 'clients'] as const;

export function fetchClients(signal?: AbortSignal): Promise<{ items: Client[] }> {
  return apiGet<{ items: Client[] }>('/admin/clients', undefined, signal);
}

export function registerClient(body: NewClient): Promise<CreatedClient> {
  return apiPost<CreatedClient>('/admin/clients', body);
}

/** The old secret stops working as soon as the server answers. */
export function replaceClientSecret(clientId: string): Promise<ClientSecret> {
  return apiPost<ClientSecret>(`/admin/clients/${encodeURIComponent(clientId)}/rotate-secret`);
}

/** The client's tokens stop working with it. */
export function deleteClient(clientId: string): Promise<void> {
  return apiDelete(`/admin/clients/${encodeURIComponent(clientId)}`);
}
