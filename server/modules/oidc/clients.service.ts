import { isCallbackUrl } from '../../shared/callback-url.js';
import { randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database, Reader } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import type { Actor, Caller } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { constantTimeEqual, randomToken, sha256Hex } from '../../shared/crypto.js';
import { newId } from '../../shared/ids.js';
import { toTimestamp } from '../../shared/time.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { CatalogService } from '../catalog/catalog.service.js';
import {
  deleteClient,
  findClientByClientId,
  insertClient,
  listClientRecords,
  updateClientSecret,
  type ClientRecord,
  type ClientSettings,
} from './clients.repository.js';
import { mayManageClients } from './clients.policy.js';

export type { ClientRecord } from './clients.repository.js';

/*
 * The applications that sign people in through Rolecall or call it for themselves. Each belongs
 * to one application of the catalog, is registered by an administrator, and is confidential: its
 * secret is shown once, when it is made or replaced, and only its SHA-256 is kept (the secret is
 * 32 random bytes, so a fast hash is enough: there is nothing to guess).
 */

export interface NewClient {
  applicationCode: string;
  name: string;
  kind: ClientSettings['kind'];
  redirectUris?: readonly string[];
  postLogoutRedirectUris?: readonly string[];
  mfaMaxAgeMinutes?: number | null;
}

/** A client as administrators see it: never its secret. */
export interface ClientView {
  clientId: string;
  applicationId: string;
  applicationCode: string;
  name: string;
  kind: ClientSettings['kind'];
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  mfaMaxAgeMinutes: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface ClientsService {
  /** Registers a client; the answer holds its secret, which is never shown again. */
  create(actor: Actor, input: NewClient): Promise<{ client: ClientView; clientSecret: string }>;
  /**
   * Registers a client whose id and secret are chosen by the caller, in the caller's transaction.
   * Only the demo does: its client's secret is published with the demo accounts' password.
   */
  registerWithCredentials(
    trx: Transaction<DB>,
    actor: Actor,
    input: NewClient,
    credentials: { clientId: string; clientSecret: string },
  ): Promise<void>;
  list(): Promise<ClientView[]>;
  /** Replaces a client's secret at once: the old one stops working. */
  rotateSecret(actor: Actor, clientId: string): Promise<{ clientSecret: string }>;
  /** Removes a client: its tokens stop working with it. */
  remove(actor: Actor, clientId: string): Promise<void>;
  /** The client as the provider needs it, or undefined. */
  find(db: Reader, clientId: string): Promise<ClientRecord | undefined>;
}

/** The same, for a person through the API: administrators only (`auth.forbidden` otherwise). */
export interface ClientsAdministration {
  create(actor: Actor, caller: Caller, input: NewClient): Promise<{ client: ClientView; clientSecret: string }>;
  list(caller: Caller): Promise<ClientView[]>;
  rotateSecret(actor: Actor, caller: Caller, clientId: string): Promise<{ clientSecret: string }>;
  remove(actor: Actor, caller: Caller, clientId: string): Promise<void>;
}

/** What an administrator may do with clients, each use asked of the policy first. */
export function clientsAdministration(clients: ClientsService): ClientsAdministration {
  const allowed = (caller: Caller) => {
    if (!mayManageClients(caller)) throw new AppError('auth.forbidden');
  };
  return {
    async create(actor, caller, input) {
      allowed(caller);
      return clients.create(actor, input);
    },
    async list(caller) {
      allowed(caller);
      return clients.list();
    },
    async rotateSecret(actor, caller, clientId) {
      allowed(caller);
      return clients.rotateSecret(actor, clientId);
    },
    async remove(actor, caller, clientId) {
      allowed(caller);
      return clients.remove(actor, clientId);
    },
  };
}

/** Whether a presented secret is the client's, compared in constant time. */
export function clientSecretMatches(client: Pick<ClientRecord, 'secretHash'>, presented: string): boolean {
  return client.secretHash !== '' && constantTimeEqual(sha256Hex(presented), client.secretHash);
}

const NAME_MAX = 100;
const MFA_MAX_AGE_LIMIT = 24 * 60;

export function createClientsService(deps: {
  database: Database;
  clock: Clock;
  audit: AuditLog;
  catalog: CatalogService;
}): ClientsService {
  const { database, clock, audit, catalog } = deps;

  /** How administrators see clients, with their applications' codes read once for them all. */
  async function views(db: Reader, clients: readonly ClientRecord[]): Promise<ClientView[]> {
    const codes = new Map((await catalog.listApplications(db)).map((application) => [application.id, application.code]));
    return clients.map((client) => view(client, codes.get(client.applicationId) ?? ''));
  }

  function view(client: ClientRecord, applicationCode: string): ClientView {
    return {
      clientId: client.clientId,
      applicationId: client.applicationId,
      applicationCode,
      name: client.name,
      kind: client.kind,
      redirectUris: client.redirectUris,
      postLogoutRedirectUris: client.postLogoutRedirectUris,
      mfaMaxAgeMinutes: client.mfaMaxAgeMinutes,
      createdAt: client.createdAt,
      updatedAt: client.updatedAt,
    };
  }

  /** Writes a new client and its audit entry in `trx`. */
  async function register(
    trx: Transaction<DB>,
    actor: Actor,
    input: NewClient,
    credentials: { clientId: string; clientSecret: string },
  ): Promise<ClientRecord> {
    const settings = validSettings(input);
    const application = (await catalog.listApplications(trx)).find(
      (candidate) => candidate.code === input.applicationCode && candidate.status === 'active',
    );
    if (!application) {
      throw new AppError('oidc_client.invalid', { field: 'applicationCode', rule: 'an active application of the catalog' });
    }
    const at = toTimestamp(clock.now());
    const client: ClientRecord = {
      id: newId(),
      clientId: credentials.clientId,
      applicationId: application.id,
      ...settings,
      secretHash: sha256Hex(credentials.clientSecret),
      createdAt: at,
      updatedAt: at,
    };
    await insertClient(trx, client);
    await audit.record(trx, actor, {
      action: 'oidc_client.created',
      target: { type: 'oidc_client', id: client.clientId },
      after: { applicationCode: application.code, ...settings },
      scope: { applicationId: application.id },
    });
    return client;
  }

  return {
    async create(actor, input) {
      const credentials = {
        // Hex: an id never starts with '-', which a command line would take for an option.
        clientId: randomBytes(16).toString('hex'),
        clientSecret: randomToken(32),
      };
      const client = await database.transaction((trx) => register(trx, actor, input, credentials));
      const [created] = await views(database.db, [client]);
      return { client: created!, clientSecret: credentials.clientSecret };
    },

    async registerWithCredentials(trx, actor, input, credentials) {
      await register(trx, actor, input, credentials);
    },

    async list() {
      return views(database.db, await listClientRecords(database.db));
    },

    async rotateSecret(actor, clientId) {
      const clientSecret = randomToken(32);
      await database.transaction(async (trx) => {
        if (!(await updateClientSecret(trx, clientId, sha256Hex(clientSecret), toTimestamp(clock.now())))) {
          throw new AppError('resource.not_found');
        }
        await audit.record(trx, actor, { action: 'oidc_client.secret_rotated', target: { type: 'oidc_client', id: clientId } });
      });
      return { clientSecret };
    },

    async remove(actor, clientId) {
      await database.transaction(async (trx) => {
        const client = await findClientByClientId(trx, clientId);
        if (!client || !(await deleteClient(trx, clientId))) throw new AppError('resource.not_found');
        await audit.record(trx, actor, {
          action: 'oidc_client.deleted',
          target: { type: 'oidc_client', id: clientId },
          before: { name: client.name, kind: client.kind, applicationId: client.applicationId },
          scope: { applicationId: client.applicationId },
        });
      });
    },

    find: (db, clientId) => findClientByClientId(db, clientId),
  };
}

/** The settings of a new client, or `oidc_client.invalid` naming the field at fault. */
function validSettings(input: NewClient): ClientSettings {
  const refuse = (field: string, rule: string): never => {
    throw new AppError('oidc_client.invalid', { field, rule });
  };
  const name = input.name.trim();
  if (name === '' || name.length > NAME_MAX) refuse('name', `1 to ${NAME_MAX} characters`);
  if (input.kind !== 'web' && input.kind !== 'service') refuse('kind', 'web or service');
  const redirectUris = [...(input.redirectUris ?? [])];
  const postLogoutRedirectUris = [...(input.postLogoutRedirectUris ?? [])];
  if (input.kind === 'web' && redirectUris.length === 0) refuse('redirectUris', 'a web client needs at least one');
  if (input.kind === 'service' && (redirectUris.length > 0 || postLogoutRedirectUris.length > 0)) {
    refuse('redirectUris', 'a service client signs no one in and has none');
  }
  for (const uri of redirectUris) if (!isCallbackUrl(uri)) refuse('redirectUris', 'absolute https addresses without a fragment');
  for (const uri of postLogoutRedirectUris) {
    if (!isCallbackUrl(uri)) refuse('postLogoutRedirectUris', 'absolute https addresses without a fragment');
  }
  const mfaMaxAgeMinutes = input.mfaMaxAgeMinutes ?? null;
  if (
    mfaMaxAgeMinutes !== null &&
    (!Number.isInteger(mfaMaxAgeMinutes) || mfaMaxAgeMinutes < 1 || mfaMaxAgeMinutes > MFA_MAX_AGE_LIMIT)
  ) {
    refuse('mfaMaxAgeMinutes', `a whole number of minutes from 1 to ${MFA_MAX_AGE_LIMIT}`);
  }
  if (input.kind === 'service' && mfaMaxAgeMinutes !== null) refuse('mfaMaxAgeMinutes', 'a service client signs no one in');
  return { name, kind: input.kind, redirectUris, postLogoutRedirectUris, mfaMaxAgeMinutes };
}
