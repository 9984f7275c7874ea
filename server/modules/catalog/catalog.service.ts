import { readFileSync } from 'node:fs';
import type { Transaction } from 'kysely';
import type { Database, Reader } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import type { Actor, Caller } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { sha256Hex } from '../../shared/crypto.js';
import { newId } from '../../shared/ids.js';
import { toTimestamp } from '../../shared/time.js';
import type { AuditLog } from '../audit/audit.service.js';
import { catalogDiff, type CatalogDiff } from './catalog-diff.js';
import { parseCatalog, type ApplicationDocument, type CatalogDocument, type RolePolicy } from './catalog-document.js';
import {
  findSetting,
  insertApplication,
  insertRole,
  listApplicationRows,
  listRoleRows,
  saveSetting,
  updateApplication,
  updateRole,
  type Application,
  type Role,
} from './catalog.repository.js';
import { mayManageCatalog } from './catalog.policy.js';

export type { Application, Role } from './catalog.repository.js';

export interface ApplicationWithRoles extends Application {
  roles: Role[];
}

export interface CatalogChanges {
  applications: string[];
  created: string[];
  updated: string[];
  retired: string[];
}

export type RolePolicyPatch = Partial<Omit<RolePolicy, 'code' | 'includes'>>;

/** The settings key holding the hash of the catalog file last applied at start. */
export const FILE_HASH_SETTING = 'catalog.file_sha256';

export interface CatalogService {
  listApplications(db: Reader): Promise<ApplicationWithRoles[]>;
  /** The application with this code; read in `db` when given (a caller's transaction). */
  getApplication(code: string, db?: Reader): Promise<ApplicationWithRoles>;
  getRole(db: Reader, roleId: string): Promise<Role>;
  /** The catalog in its document form, as a catalog file would hold it. */
  document(caller: Caller): Promise<CatalogDocument>;
  /** What `apply` would change with this document, changing nothing: a refused document is refused alike. */
  preview(caller: Caller, document: unknown): Promise<CatalogDiff>;
  /** Creates and updates the applications and roles of a document; roles it leaves out stop being requestable. */
  apply(actor: Actor, caller: Caller, document: unknown): Promise<CatalogChanges>;
  /**
   * Applies a catalog file at start, when its content differs from the last one applied: a
   * restart does not undo what administrators changed through the API since.
   */
  applyFile(actor: Actor, path: string): Promise<CatalogChanges | undefined>;
  updateRole(actor: Actor, caller: Caller, roleId: string, patch: RolePolicyPatch): Promise<Role>;
}

export function createCatalogService(deps: { database: Database; clock: Clock; audit: AuditLog }): CatalogService {
  const { database, clock, audit } = deps;

  async function listApplications(db: Reader): Promise<ApplicationWithRoles[]> {
    const [apps, roles] = await Promise.all([listApplicationRows(db), listRoleRows(db)]);
    return apps.map((app) => ({ ...app, roles: roles.filter((role) => role.applicationId === app.id) }));
  }

  async function applyDocument(trx: Transaction<DB>, actor: Actor, catalog: CatalogDocument): Promise<CatalogChanges> {
    const now = toTimestamp(clock.now());
    const existing = await listApplications(trx);
    const changes: CatalogChanges = { applications: [], created: [], updated: [], retired: [] };
    for (const doc of catalog.applications) {
      const current = existing.find((app) => app.code === doc.code);
      const app: Application = {
        id: current?.id ?? newId(clock.now()),
        code: doc.code,
        name: doc.name,
        description: doc.description ?? '',
        nameEs: doc.nameEs ?? '',
        descriptionEs: doc.descriptionEs ?? '',
        helpDeskEmail: doc.helpDeskEmail ?? null,
        status: 'active',
      };
      if (current) await updateApplication(trx, app, now);
      else await insertApplication(trx, app, now);
      changes.applications.push(doc.code);

      // Roles first without their included role, then the inclusions once every id exists.
      const ids = new Map<string, string>();
      for (const policy of doc.roles) {
        const before = current?.roles.find((role) => role.code === policy.code);
        const role = toRole(policy, app.id, before?.id ?? newId(clock.now()), before?.includesRoleId ?? null);
        ids.set(policy.code, role.id);
        if (!before) {
          await insertRole(trx, { ...role, includesRoleId: null }, now);
          changes.created.push(`${doc.code}/${policy.code}`);
        } else if (differs(before, role, ['includesRoleId'])) {
          await updateRole(trx, role, now);
          changes.updated.push(`${doc.code}/${policy.code}`);
        }
      }
      for (const policy of doc.roles) {
        const id = ids.get(policy.code) as string;
        const includesRoleId = policy.includes === null ? null : (ids.get(policy.includes) ?? null);
        const before = current?.roles.find((role) => role.code === policy.code);
        if (before?.includesRoleId === includesRoleId || (!before && includesRoleId === null)) continue;
        await updateRole(trx, { ...toRole(policy, app.id, id, includesRoleId) }, now);
        const name = `${doc.code}/${policy.code}`;
        if (!changes.created.includes(name) && !changes.updated.includes(name)) changes.updated.push(name);
      }
      for (const role of current?.roles ?? []) {
        if (ids.has(role.code) || !role.requestable) continue;
        await updateRole(trx, { ...role, requestable: false }, now);
        changes.retired.push(`${doc.code}/${role.code}`);
      }
    }
    await audit.record(trx, actor, { action: 'catalog.applied', target: { type: 'catalog', id: 'catalog' }, after: changes });
    return changes;
  }

  return {
    listApplications,

    async getApplication(code, db = database.db) {
      const app = (await listApplications(db)).find((candidate) => candidate.code === code);
      if (!app) throw new AppError('resource.not_found');
      return app;
    },

    async getRole(db, roleId) {
      const role = (await listRoleRows(db)).find((candidate) => candidate.id === roleId);
      if (!role) throw new AppError('resource.not_found');
      return role;
    },

    async document(caller) {
      if (!mayManageCatalog(caller)) throw new AppError('auth.forbidden');
      return { applications: (await listApplications(database.db)).map(toDocument) };
    },

    async preview(caller, document) {
      if (!mayManageCatalog(caller)) throw new AppError('auth.forbidden');
      const catalog = parseCatalog(document);
      return catalogDiff((await listApplications(database.db)).map(toDocument), catalog);
    },

    async apply(actor, caller, document) {
      if (!mayManageCatalog(caller)) throw new AppError('auth.forbidden');
      const catalog = parseCatalog(document);
      return database.transaction((trx) => applyDocument(trx, actor, catalog));
    },

    async applyFile(actor, path) {
      const text = readFileSync(path, 'utf8');
      const hash = sha256Hex(text);
      const catalog = parseCatalog(JSON.parse(text) as unknown);
      return database.transaction(async (trx) => {
        if ((await findSetting(trx, FILE_HASH_SETTING)) === JSON.stringify(hash)) return undefined;
        const changes = await applyDocument(trx, actor, catalog);
        await saveSetting(trx, FILE_HASH_SETTING, JSON.stringify(hash), toTimestamp(clock.now()), null);
        return changes;
      });
    },

    async updateRole(actor, caller, roleId, patch) {
      if (!mayManageCatalog(caller)) throw new AppError('auth.forbidden');
      return database.transaction(async (trx) => {
        const apps = await listApplications(trx);
        const app = apps.find((candidate) => candidate.roles.some((role) => role.id === roleId));
        const before = app?.roles.find((role) => role.id === roleId);
        if (!app || !before) throw new AppError('resource.not_found');
        const after: Role = { ...before, ...definedOnly(patch) };
        // The whole application must still make sense with the change.
        parseCatalog({
          applications: [
            {
              code: app.code,
              name: app.name,
              roles: app.roles.map((role) => toPolicy(role.id === roleId ? after : role, app.roles)),
            },
          ],
        });
        await updateRole(trx, after, toTimestamp(clock.now()));
        await audit.record(trx, actor, {
          action: 'catalog.role_updated',
          target: { type: 'role', id: roleId },
          before: toPolicy(before, app.roles),
          after: toPolicy(after, app.roles),
        });
        return after;
      });
    },
  };
}

/** A role of the catalog document as stored: its policy, its id and the id of the role it includes. */
export function toRole(policy: RolePolicy, applicationId: string, id: string, includesRoleId: string | null): Role {
  return {
    id,
    applicationId,
    code: policy.code,
    name: policy.name,
    description: policy.description ?? '',
    nameEs: policy.nameEs ?? '',
    descriptionEs: policy.descriptionEs ?? '',
    kind: policy.kind,
    scope: policy.scope,
    approvedBy: policy.approvedBy,
    certifiedBy: policy.certifiedBy,
    maxActivePerOrg: policy.maxActivePerOrg,
    requestExpiryDays: policy.requestExpiryDays,
    certificationPeriodDays: policy.certificationPeriodDays,
    includesRoleId,
    requestable: policy.requestable,
    sortOrder: policy.sortOrder,
  };
}

/** An application and its roles as a catalog document holds them. */
function toDocument(app: ApplicationWithRoles): ApplicationDocument {
  return {
    code: app.code,
    name: app.name,
    description: app.description,
    ...(app.nameEs ? { nameEs: app.nameEs } : {}),
    ...(app.descriptionEs ? { descriptionEs: app.descriptionEs } : {}),
    helpDeskEmail: app.helpDeskEmail,
    roles: app.roles.map((role) => toPolicy(role, app.roles)),
  };
}

function toPolicy(role: Role, siblings: Role[]): RolePolicy {
  return {
    code: role.code,
    name: role.name,
    description: role.description,
    ...(role.nameEs ? { nameEs: role.nameEs } : {}),
    ...(role.descriptionEs ? { descriptionEs: role.descriptionEs } : {}),
    kind: role.kind,
    scope: role.scope,
    approvedBy: role.approvedBy,
    certifiedBy: role.certifiedBy,
    maxActivePerOrg: role.maxActivePerOrg,
    requestExpiryDays: role.requestExpiryDays,
    certificationPeriodDays: role.certificationPeriodDays,
    includes: siblings.find((sibling) => sibling.id === role.includesRoleId)?.code ?? null,
    requestable: role.requestable,
    sortOrder: role.sortOrder,
  };
}

function differs(a: Role, b: Role, ignore: (keyof Role)[]): boolean {
  return (Object.keys(a) as (keyof Role)[]).some((key) => !ignore.includes(key) && a[key] !== b[key]);
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}
