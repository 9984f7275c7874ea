import type { Reader } from '../../db/database.js';

/** What an administrator registered for a client, beside its id, application and secret. */
export interface ClientSettings {
  name: string;
  /** `web`: a server-side application signing people in (authorization code with PKCE, refresh
   * tokens); `service`: a back end calling Rolecall for itself (client credentials). */
  kind: 'web' | 'service';
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  /** A web client that wants a fresh MFA step when the last one is older than this. */
  mfaMaxAgeMinutes: number | null;
}

export interface ClientRecord extends ClientSettings {
  id: string;
  clientId: string;
  applicationId: string;
  secretHash: string;
  createdAt: string;
  updatedAt: string;
}

function toClient(row: {
  id: string;
  client_id: string;
  application_id: string;
  metadata_json: string;
  secret_hash: string | null;
  created_at: string;
  updated_at: string;
}): ClientRecord {
  const settings = JSON.parse(row.metadata_json) as ClientSettings;
  return {
    id: row.id,
    clientId: row.client_id,
    applicationId: row.application_id,
    name: settings.name,
    kind: settings.kind,
    redirectUris: settings.redirectUris,
    postLogoutRedirectUris: settings.postLogoutRedirectUris,
    mfaMaxAgeMinutes: settings.mfaMaxAgeMinutes,
    secretHash: row.secret_hash ?? '',
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function settingsJson(client: ClientSettings): string {
  const settings: ClientSettings = {
    name: client.name,
    kind: client.kind,
    redirectUris: client.redirectUris,
    postLogoutRedirectUris: client.postLogoutRedirectUris,
    mfaMaxAgeMinutes: client.mfaMaxAgeMinutes,
  };
  return JSON.stringify(settings);
}

export async function insertClient(db: Reader, client: ClientRecord): Promise<void> {
  await db
    .insertInto('oidc_clients')
    .values({
      id: client.id,
      client_id: client.clientId,
      application_id: client.applicationId,
      metadata_json: settingsJson(client),
      secret_hash: client.secretHash,
      created_at: client.createdAt,
      updated_at: client.updatedAt,
    })
    .execute();
}

export async function findClientByClientId(db: Reader, clientId: string): Promise<ClientRecord | undefined> {
  const row = await db.selectFrom('oidc_clients').selectAll().where('client_id', '=', clientId).executeTakeFirst();
  return row && toClient(row);
}

export async function listClientRecords(db: Reader): Promise<ClientRecord[]> {
  const rows = await db.selectFrom('oidc_clients').selectAll().orderBy('created_at').orderBy('client_id').execute();
  return rows.map(toClient);
}

export async function updateClientSecret(db: Reader, clientId: string, secretHash: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('oidc_clients')
    .set({ secret_hash: secretHash, updated_at: at })
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteClient(db: Reader, clientId: string): Promise<boolean> {
  const result = await db.deleteFrom('oidc_clients').where('client_id', '=', clientId).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
