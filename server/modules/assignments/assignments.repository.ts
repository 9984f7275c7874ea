import type { Selectable, Transaction } from 'kysely';
import type { Reader } from '../../db/database.js';
import type { DialectKind } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';

/** holder | approver | help_desk | administrator | certification_revoked | certification_expired */
export type RemovalKind =
  'holder' | 'approver' | 'help_desk' | 'administrator' | 'certification_revoked' | 'certification_expired';

export interface Assignment {
  id: string;
  userId: string;
  applicationId: string;
  roleId: string;
  /** '' for an application-wide role. */
  organizationId: string;
  status: 'active' | 'removed';
  establishedAt: string;
  lastCertifiedAt: string | null;
  certificationDueAt: string | null;
  requestId: string | null;
  removedAt: string | null;
  removedBy: string | null;
  removalKind: RemovalKind | null;
  removalReason: string | null;
  version: number;
}

/** The columns an Assignment is made of; other modules' set-based reads select these too. */
export type AssignmentRow = Omit<Selectable<DB['role_assignments']>, 'created_at' | 'updated_at'>;

export function toAssignment(row: AssignmentRow): Assignment {
  return {
    id: row.id,
    userId: row.user_id,
    applicationId: row.application_id,
    roleId: row.role_id,
    organizationId: row.organization_id,
    status: row.status as Assignment['status'],
    establishedAt: row.established_at,
    lastCertifiedAt: row.last_certified_at,
    certificationDueAt: row.certification_due_at,
    requestId: row.request_id,
    removedAt: row.removed_at,
    removedBy: row.removed_by,
    removalKind: row.removal_kind as RemovalKind | null,
    removalReason: row.removal_reason,
    version: row.version,
  };
}

export async function insertAssignment(trx: Transaction<DB>, assignment: Assignment, now: string): Promise<void> {
  await trx
    .insertInto('role_assignments')
    .values({
      id: assignment.id,
      user_id: assignment.userId,
      application_id: assignment.applicationId,
      role_id: assignment.roleId,
      organization_id: assignment.organizationId,
      status: assignment.status,
      established_at: assignment.establishedAt,
      last_certified_at: assignment.lastCertifiedAt,
      certification_due_at: assignment.certificationDueAt,
      request_id: assignment.requestId,
      removed_at: null,
      removed_by: null,
      removal_kind: null,
      removal_reason: null,
      version: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

/** Reads an assignment to change it: locked on PostgreSQL, serial anyway on SQLite. */
export async function lockAssignment(trx: Transaction<DB>, dialect: DialectKind, id: string): Promise<Assignment | undefined> {
  const row = await trx
    .selectFrom('role_assignments')
    .selectAll()
    .where('id', '=', id)
    .$if(dialect === 'postgres', (query) => query.forUpdate())
    .executeTakeFirst();
  return row && toAssignment(row);
}

export async function findActiveAssignment(
  db: Reader,
  userId: string,
  roleId: string,
  organizationId: string,
): Promise<Assignment | undefined> {
  const row = await db
    .selectFrom('role_assignments')
    .selectAll()
    .where('user_id', '=', userId)
    .where('role_id', '=', roleId)
    .where('organization_id', '=', organizationId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return row && toAssignment(row);
}

export async function countActiveHolders(db: Reader, roleId: string, organizationId: string): Promise<number> {
  const row = await db
    .selectFrom('role_assignments')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('organization_id', '=', organizationId)
    .where('role_id', '=', roleId)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The users holding any of these roles in an organization now. */
export async function listActiveHolderIds(db: Reader, organizationId: string, roleIds: readonly string[]): Promise<string[]> {
  if (roleIds.length === 0) return [];
  const rows = await db
    .selectFrom('role_assignments')
    .select('user_id')
    .distinct()
    .where('organization_id', '=', organizationId)
    .where('role_id', 'in', roleIds)
    .where('status', '=', 'active')
    .execute();
  return rows.map((row) => row.user_id);
}

/** Of these organizations, those where someone holds one of these roles now: one query per chunk. */
export async function listOrganizationsWithHolders(
  db: Reader,
  organizationIds: readonly string[],
  roleIds: readonly string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  if (roleIds.length === 0) return found;
  for (let start = 0; start < organizationIds.length; start += REMOVED_CHUNK) {
    const rows = await db
      .selectFrom('role_assignments')
      .select('organization_id')
      .distinct()
      .where('role_id', 'in', roleIds)
      .where('organization_id', 'in', organizationIds.slice(start, start + REMOVED_CHUNK))
      .where('status', '=', 'active')
      .execute();
    for (const row of rows) found.add(row.organization_id);
  }
  return found;
}

/** The organizations (or, with '' for app-wide roles, applications) where a user holds one of these roles. */
export async function listActiveHoldings(
  db: Reader,
  userId: string,
  roleIds: readonly string[],
): Promise<{ applicationId: string; organizationId: string }[]> {
  if (roleIds.length === 0) return [];
  // Only the columns of the (user, application, organization, role, status) index: an approver
  // of a thousand organizations is answered from the index, without reading a thousand rows.
  const rows = await db
    .selectFrom('role_assignments')
    .select(['application_id', 'organization_id'])
    .where('user_id', '=', userId)
    .where('role_id', 'in', roleIds)
    .where('status', '=', 'active')
    .execute();
  return rows.map((row) => ({ applicationId: row.application_id, organizationId: row.organization_id }));
}

/** The applications where a user holds an active role, each once. */
export async function listHeldApplicationIds(db: Reader, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('role_assignments')
    .select('application_id')
    .distinct()
    .where('user_id', '=', userId)
    .where('status', '=', 'active')
    .execute();
  return rows.map((row) => row.application_id);
}

/** A user's active assignments in one application, oldest first. */
export async function listActiveInApplication(db: Reader, userId: string, applicationId: string): Promise<Assignment[]> {
  const rows = await db
    .selectFrom('role_assignments')
    .selectAll()
    .where('user_id', '=', userId)
    .where('application_id', '=', applicationId)
    .where('status', '=', 'active')
    .orderBy('id')
    .limit(1000)
    .execute();
  return rows.map(toAssignment);
}

/** Every assignment of a user, active and removed, newest first (ids are time-ordered), a page before `before`. */
export async function listUserAssignments(db: Reader, userId: string, limit: number, before?: string): Promise<Assignment[]> {
  const rows = await db
    .selectFrom('role_assignments')
    .selectAll()
    .where('user_id', '=', userId)
    .$if(before !== undefined, (query) => query.where('id', '<', before as string))
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toAssignment);
}

/** Assignments per removal statement: two parameters each, well inside both databases' limits. */
const REMOVED_CHUNK = 500;

/**
 * Removes the assignments that are still active at the version the caller read (compare and set
 * on id and version, so a row changed since is left alone), a chunk per statement. Answers the
 * ids it removed.
 */
export async function markRemoved(
  trx: Transaction<DB>,
  assignments: readonly Pick<Assignment, 'id' | 'version'>[],
  removal: { at: string; by: string | null; kind: RemovalKind; reason: string },
): Promise<Set<string>> {
  const removed = new Set<string>();
  for (let start = 0; start < assignments.length; start += REMOVED_CHUNK) {
    const part = assignments.slice(start, start + REMOVED_CHUNK);
    const rows = await trx
      .updateTable('role_assignments')
      .set((eb) => ({
        status: 'removed',
        removed_at: removal.at,
        removed_by: removal.by,
        removal_kind: removal.kind,
        removal_reason: removal.reason,
        version: eb('version', '+', 1),
        updated_at: removal.at,
      }))
      // The plain id list is what both planners seek by in the primary key; the (id, version)
      // pairs then leave out any row changed since it was read.
      .where(
        'id',
        'in',
        part.map((assignment) => assignment.id),
      )
      .where((eb) =>
        eb(
          eb.refTuple('id', 'version'),
          'in',
          part.map((assignment) => eb.tuple(assignment.id, assignment.version)),
        ),
      )
      .where('status', '=', 'active')
      .returning('id')
      .execute();
    for (const row of rows) removed.add(row.id);
  }
  return removed;
}

/** Ids per query: SQLite's bound-parameter limit and PostgreSQL's plan sizes both like bounded lists. */
const CERTIFIED_CHUNK = 1000;

/**
 * Moves certified assignments to their next due date; answers how many were still active. A due
 * date only moves forward (the condition below), so the current due date of an active role never
 * has a decision yet: what the certification list offers to decide, its sweep can expire.
 */
export async function markCertified(
  trx: Transaction<DB>,
  ids: readonly string[],
  /** nextDueAt is null for a role nobody certifies any more: it falls due no more. */
  values: { at: string; nextDueAt: string | null },
): Promise<number> {
  let updated = 0;
  for (let start = 0; start < ids.length; start += CERTIFIED_CHUNK) {
    const result = await trx
      .updateTable('role_assignments')
      .set((eb) => ({
        last_certified_at: values.at,
        certification_due_at: values.nextDueAt,
        version: eb('version', '+', 1),
        updated_at: values.at,
      }))
      .where('id', 'in', ids.slice(start, start + CERTIFIED_CHUNK))
      .where('status', '=', 'active')
      .$if(values.nextDueAt !== null, (query) => query.where('certification_due_at', '<', values.nextDueAt!))
      .executeTakeFirst();
    updated += Number(result.numUpdatedRows);
  }
  return updated;
}

/** The roles among `ids` certified at `at` (those a certification just changed). */
export async function listCertifiedAt(db: Reader, ids: readonly string[], at: string): Promise<Assignment[]> {
  const found: Assignment[] = [];
  for (let start = 0; start < ids.length; start += CERTIFIED_CHUNK) {
    const rows = await db
      .selectFrom('role_assignments')
      .selectAll()
      .where('id', 'in', ids.slice(start, start + CERTIFIED_CHUNK))
      .where('last_certified_at', '=', at)
      .where('status', '=', 'active')
      .execute();
    found.push(...rows.map(toAssignment));
  }
  return found;
}

/** Where a page of an organization's roles starts: after this due date and id (dueAt null: among those never due). */
export interface DueOrderCursor {
  dueAt: string | null;
  id: string;
}

/**
 * The active roles among `roleIds` held in one organization, a page after `after`: soonest due
 * first, then those that never fall due, ties by id. Each half is a range of the (role_id,
 * organization_id, status, certification_due_at, id) index, read apart because the two databases
 * put NULLs at opposite ends of it.
 */
export async function listActiveInOrganization(
  db: Reader,
  options: { organizationId: string; roleIds: readonly string[]; after?: DueOrderCursor; limit: number },
): Promise<Assignment[]> {
  const { after, limit } = options;
  if (options.roleIds.length === 0) return [];
  const held = db
    .selectFrom('role_assignments')
    .selectAll()
    .where('role_id', 'in', options.roleIds)
    .where('organization_id', '=', options.organizationId)
    .where('status', '=', 'active');
  const found: Assignment[] = [];
  if (after?.dueAt !== null) {
    const afterDue = after as { dueAt: string; id: string } | undefined;
    const due = await held
      .where('certification_due_at', 'is not', null)
      .$if(afterDue !== undefined, (query) =>
        query.where((eb) => eb(eb.refTuple('certification_due_at', 'id'), '>', eb.tuple(afterDue!.dueAt, afterDue!.id))),
      )
      .orderBy('certification_due_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    found.push(...due.map(toAssignment));
  }
  if (found.length < limit) {
    const never = await held
      .where('certification_due_at', 'is', null)
      .$if(after?.dueAt === null, (query) => query.where('id', '>', after!.id))
      .orderBy('id')
      .limit(limit - found.length)
      .execute();
    found.push(...never.map(toAssignment));
  }
  return found;
}

/** The applications where each of the users holds or held a role, a row per user and application. */
export async function listApplicationIdsOfUsers(
  db: Reader,
  userIds: readonly string[],
): Promise<{ userId: string; applicationId: string }[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom('role_assignments')
    .select(['user_id', 'application_id'])
    .distinct()
    .where('user_id', 'in', [...userIds])
    .execute();
  return rows.map((row) => ({ userId: row.user_id, applicationId: row.application_id }));
}
