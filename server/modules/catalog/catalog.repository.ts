import type { Transaction } from 'kysely';
import type { Reader } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import type { RolePolicy } from './catalog-document.js';

export interface Role {
  id: string;
  applicationId: string;
  code: string;
  name: string;
  description: string;
  /** The Spanish texts; '' where there is none (the English one is shown). */
  nameEs: string;
  descriptionEs: string;
  kind: RolePolicy['kind'];
  scope: RolePolicy['scope'];
  approvedBy: RolePolicy['approvedBy'];
  certifiedBy: RolePolicy['certifiedBy'];
  maxActivePerOrg: number | null;
  requestExpiryDays: number;
  certificationPeriodDays: number;
  includesRoleId: string | null;
  requestable: boolean;
  sortOrder: number;
}

export interface Application {
  id: string;
  code: string;
  name: string;
  description: string;
  /** The Spanish texts; '' where there is none (the English one is shown). */
  nameEs: string;
  descriptionEs: string;
  helpDeskEmail: string | null;
  status: string;
}

export async function listApplicationRows(db: Reader): Promise<Application[]> {
  const rows = await db.selectFrom('applications').selectAll().orderBy('code').execute();
  return rows.map((row) => ({
    id: row.id,
    code: row.code,
    name: row.name,
    description: row.description,
    nameEs: row.name_es,
    descriptionEs: row.description_es,
    helpDeskEmail: row.help_desk_email,
    status: row.status,
  }));
}

export async function listRoleRows(db: Reader, applicationId?: string): Promise<Role[]> {
  const rows = await db
    .selectFrom('roles')
    .selectAll()
    .$if(applicationId !== undefined, (query) => query.where('application_id', '=', applicationId as string))
    .orderBy('application_id')
    .orderBy('sort_order')
    .orderBy('code')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    applicationId: row.application_id,
    code: row.code,
    name: row.name,
    description: row.description,
    nameEs: row.name_es,
    descriptionEs: row.description_es,
    kind: row.kind as Role['kind'],
    scope: row.scope as Role['scope'],
    approvedBy: row.approved_by as Role['approvedBy'],
    certifiedBy: row.certified_by as Role['certifiedBy'],
    maxActivePerOrg: row.max_active_per_org,
    requestExpiryDays: row.request_expiry_days,
    certificationPeriodDays: row.certification_period_days,
    includesRoleId: row.includes_role_id,
    requestable: row.requestable === 1,
    sortOrder: row.sort_order,
  }));
}

export async function insertApplication(trx: Transaction<DB>, app: Application, now: string): Promise<void> {
  await trx
    .insertInto('applications')
    .values({
      id: app.id,
      code: app.code,
      name: app.name,
      description: app.description,
      name_es: app.nameEs,
      description_es: app.descriptionEs,
      help_desk_email: app.helpDeskEmail,
      status: app.status,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

export async function updateApplication(trx: Transaction<DB>, app: Application, now: string): Promise<void> {
  await trx
    .updateTable('applications')
    .set({
      name: app.name,
      description: app.description,
      name_es: app.nameEs,
      description_es: app.descriptionEs,
      help_desk_email: app.helpDeskEmail,
      status: app.status,
      updated_at: now,
    })
    .where('id', '=', app.id)
    .execute();
}

function roleColumns(role: Role) {
  return {
    code: role.code,
    name: role.name,
    description: role.description,
    name_es: role.nameEs,
    description_es: role.descriptionEs,
    kind: role.kind,
    scope: role.scope,
    approved_by: role.approvedBy,
    certified_by: role.certifiedBy,
    max_active_per_org: role.maxActivePerOrg,
    request_expiry_days: role.requestExpiryDays,
    certification_period_days: role.certificationPeriodDays,
    includes_role_id: role.includesRoleId,
    requestable: role.requestable ? 1 : 0,
    sort_order: role.sortOrder,
  };
}

export async function insertRole(trx: Transaction<DB>, role: Role, now: string): Promise<void> {
  await trx
    .insertInto('roles')
    .values({ id: role.id, application_id: role.applicationId, ...roleColumns(role), created_at: now, updated_at: now })
    .execute();
}

export async function updateRole(trx: Transaction<DB>, role: Role, now: string): Promise<void> {
  await trx
    .updateTable('roles')
    .set({ ...roleColumns(role), updated_at: now })
    .where('id', '=', role.id)
    .execute();
}

export async function findSetting(db: Reader, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('settings').select('value_json').where('key', '=', key).executeTakeFirst();
  return row?.value_json;
}

export async function saveSetting(
  trx: Transaction<DB>,
  key: string,
  valueJson: string,
  now: string,
  by: string | null,
): Promise<void> {
  const existing = await findSetting(trx, key);
  if (existing === undefined) {
    await trx.insertInto('settings').values({ key, value_json: valueJson, updated_at: now, updated_by: by }).execute();
  } else {
    await trx
      .updateTable('settings')
      .set({ value_json: valueJson, updated_at: now, updated_by: by })
      .where('key', '=', key)
      .execute();
  }
}
