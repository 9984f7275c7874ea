import { sql } from 'kysely';
import type { Reader } from '../../db/database.js';
import { filterAttributes, type Condition, type FilterAttributes } from './scim-sql.js';

/*
 * The read-only SCIM view of one application: its people (everyone holding a role in it now) and
 * its groups (one per organization-scoped role per organization). Filters and paging run in SQL
 * over the accounts', organizations' and assignments' tables, which this module reads and never
 * writes (the module-boundaries test lists it).
 */

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
/** Rolecall's attributes of a group: which role in which organization it stands for. */
export const ROLE_GROUP_SCHEMA = 'urn:rolecall:params:scim:schemas:extension:2.0:RoleGroup';

/** The question every holding answers the same way: held now in this application. */
export interface HoldingScope {
  readonly applicationId: string;
  /** Roles due before this instant have expired (the sweep may not have removed them yet). */
  readonly expiredBefore: string;
}

function heldNow(alias: string, scope: HoldingScope): Condition {
  const ra = sql.table(alias);
  return sql<boolean>`${ra}.application_id = ${scope.applicationId} and ${ra}.status = 'active' and (${ra}.certification_due_at is null or ${ra}.certification_due_at >= ${scope.expiredBefore})`;
}

export interface UserRow {
  id: string;
  user_id: string;
  first_name: string;
  middle_name: string | null;
  last_name: string;
  email: string;
  email_verified_at: string | null;
  phone: string | null;
  language: string;
  status: string;
  created_at: string;
  updated_at: string;
}

export interface GroupRow {
  organization_id: string;
  role_id: string;
  role_code: string;
  role_name: string;
  legal_name: string;
  submitter_id: string;
  created_at: string;
  updated_at: string;
}

/** A group's id: the organization and the role's code, which together name it for good. */
export function groupId(organizationId: string, roleCode: string): string {
  return `${organizationId}:${roleCode}`;
}

/** The organization and role code of a group id, or undefined when it is not one. */
export function parseGroupId(id: string): { organizationId: string; roleCode: string } | undefined {
  const match = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):([A-Za-z0-9_-]{1,40})$/.exec(id);
  return match ? { organizationId: match[1]!, roleCode: match[2]! } : undefined;
}

/** What a group is called: the role's name and the organization's legal name. */
export const GROUP_NAME_SEPARATOR = ' - ';

function userAttributes(scope: HoldingScope): FilterAttributes {
  const displayName = sql<string>`u.first_name || ' ' || u.last_name`;
  return filterAttributes(
    {
      [USER_SCHEMA]: {
        id: { type: 'caseExact', column: sql.ref('u.id') },
        userName: { type: 'string', column: sql.ref('u.user_id'), lowered: sql.ref('u.user_id_normalized') },
        displayName: { type: 'string', column: displayName },
        'name.formatted': { type: 'string', column: displayName },
        'name.givenName': { type: 'string', column: sql.ref('u.first_name') },
        'name.middleName': { type: 'string', column: sql.ref('u.middle_name') },
        'name.familyName': { type: 'string', column: sql.ref('u.last_name') },
        emails: { type: 'string', column: sql.ref('u.email'), lowered: sql.ref('u.email_normalized') },
        'emails.value': { type: 'string', column: sql.ref('u.email'), lowered: sql.ref('u.email_normalized') },
        phoneNumbers: { type: 'string', column: sql.ref('u.phone') },
        'phoneNumbers.value': { type: 'string', column: sql.ref('u.phone') },
        preferredLanguage: { type: 'string', column: sql.ref('u.language') },
        active: { type: 'boolean', isTrue: sql<boolean>`u.status = 'active'` },
        'meta.created': { type: 'dateTime', column: sql.ref('u.created_at') },
        'meta.lastModified': { type: 'dateTime', column: sql.ref('u.updated_at') },
        'groups.value': {
          type: 'membership',
          contains: (value) => {
            const group = parseGroupId(value);
            if (!group) return sql<boolean>`1 = 0`;
            return sql<boolean>`exists (select 1 from role_assignments m join roles mr on mr.id = m.role_id where m.user_id = u.id and m.organization_id = ${group.organizationId} and mr.code = ${group.roleCode} and ${heldNow('m', scope)})`;
          },
        },
      },
    },
    USER_SCHEMA,
  );
}

function groupAttributes(scope: HoldingScope): FilterAttributes {
  const displayName = sql<string>`r.name || ${GROUP_NAME_SEPARATOR} || o.legal_name`;
  return filterAttributes(
    {
      [GROUP_SCHEMA]: {
        id: { type: 'caseExact', column: sql<string>`o.id || ':' || r.code` },
        displayName: { type: 'string', column: displayName },
        'members.value': {
          type: 'membership',
          contains: (value) =>
            sql<boolean>`exists (select 1 from role_assignments m where m.organization_id = o.id and m.role_id = r.id and m.user_id = ${value} and ${heldNow('m', scope)})`,
        },
        'meta.created': { type: 'dateTime', column: sql.ref('o.created_at') },
        'meta.lastModified': { type: 'dateTime', column: sql.ref('o.updated_at') },
      },
      [ROLE_GROUP_SCHEMA]: {
        roleCode: { type: 'caseExact', column: sql.ref('r.code') },
        organizationId: { type: 'caseExact', column: sql.ref('o.id') },
        organizationName: { type: 'string', column: sql.ref('o.legal_name') },
        submitterId: { type: 'string', column: sql.ref('o.submitter_id') },
      },
    },
    GROUP_SCHEMA,
  );
}

/** Builds each resource type's filterable attributes for one application's scope. */
export const scimAttributes = { users: userAttributes, groups: groupAttributes };

export interface Page {
  /** 1-based, as SCIM counts. */
  readonly startIndex: number;
  readonly count: number;
}

/** How many match, and the page's rows unless the page is empty or past the end. */
async function pageOf<Row>(
  page: Page,
  count: () => Promise<{ total: number | string }>,
  rows: (limit: number, offset: number) => Promise<Row[]>,
): Promise<{ total: number; rows: Row[] }> {
  const total = Number((await count()).total);
  if (page.count === 0 || page.startIndex > total) return { total, rows: [] };
  return { total, rows: await rows(page.count, page.startIndex - 1) };
}

function userQuery(db: Reader, scope: HoldingScope, filter: Condition | undefined) {
  let query = db
    .selectFrom('users as u')
    .where(sql<boolean>`exists (select 1 from role_assignments ra where ra.user_id = u.id and ${heldNow('ra', scope)})`);
  if (filter) query = query.where(filter);
  return query;
}

const USER_COLUMNS = [
  'u.id',
  'u.user_id',
  'u.first_name',
  'u.middle_name',
  'u.last_name',
  'u.email',
  'u.email_verified_at',
  'u.phone',
  'u.language',
  'u.status',
  'u.created_at',
  'u.updated_at',
] as const;

/** One page of the application's people matching the filter, and how many match in all. */
export async function listUsers(
  db: Reader,
  scope: HoldingScope,
  filter: Condition | undefined,
  page: Page,
): Promise<{ total: number; rows: UserRow[] }> {
  return pageOf(
    page,
    () =>
      userQuery(db, scope, filter)
        .select((eb) => eb.fn.countAll<number | string>().as('total'))
        .executeTakeFirstOrThrow(),
    (limit, offset) => userQuery(db, scope, filter).select(USER_COLUMNS).orderBy('u.id').limit(limit).offset(offset).execute(),
  );
}

export async function findUser(db: Reader, scope: HoldingScope, id: string): Promise<UserRow | undefined> {
  return userQuery(db, scope, sql<boolean>`u.id = ${id}`)
    .select(USER_COLUMNS)
    .executeTakeFirst();
}

/** The groups each of these people is in now, by person. */
export async function groupsOfUsers(
  db: Reader,
  scope: HoldingScope,
  userIds: readonly string[],
): Promise<Map<string, GroupRow[]>> {
  const byUser = new Map<string, GroupRow[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return byUser;
  const rows = await db
    .selectFrom('role_assignments as ra')
    .innerJoin('roles as r', 'r.id', 'ra.role_id')
    .innerJoin('organizations as o', 'o.id', 'ra.organization_id')
    .select([
      'ra.user_id',
      'o.id as organization_id',
      'r.id as role_id',
      'r.code as role_code',
      'r.name as role_name',
      'o.legal_name',
      'o.submitter_id',
      'o.created_at',
      'o.updated_at',
    ])
    .where('ra.user_id', 'in', userIds)
    .where(heldNow('ra', scope))
    .orderBy('o.id')
    .orderBy('r.code')
    .execute();
  for (const { user_id, ...group } of rows) byUser.get(user_id)?.push(group);
  return byUser;
}

function groupQuery(db: Reader, scope: HoldingScope, filter: Condition | undefined) {
  let query = db
    .selectFrom('organizations as o')
    .innerJoin('roles as r', (join) => join.onRef('r.application_id', '=', 'o.application_id').on('r.scope', '=', 'organization'))
    .where('o.application_id', '=', scope.applicationId);
  if (filter) query = query.where(filter);
  return query;
}

const GROUP_COLUMNS = [
  'o.id as organization_id',
  'r.id as role_id',
  'r.code as role_code',
  'r.name as role_name',
  'o.legal_name',
  'o.submitter_id',
  'o.created_at',
  'o.updated_at',
] as const;

/** One page of the application's groups matching the filter, and how many match in all. */
export async function listGroups(
  db: Reader,
  scope: HoldingScope,
  filter: Condition | undefined,
  page: Page,
): Promise<{ total: number; rows: GroupRow[] }> {
  return pageOf(
    page,
    () =>
      groupQuery(db, scope, filter)
        .select((eb) => eb.fn.countAll<number | string>().as('total'))
        .executeTakeFirstOrThrow(),
    (limit, offset) =>
      groupQuery(db, scope, filter).select(GROUP_COLUMNS).orderBy('o.id').orderBy('r.code').limit(limit).offset(offset).execute(),
  );
}

export async function findGroup(
  db: Reader,
  scope: HoldingScope,
  organizationId: string,
  roleCode: string,
): Promise<GroupRow | undefined> {
  return groupQuery(db, scope, sql<boolean>`o.id = ${organizationId} and r.code = ${roleCode}`)
    .select(GROUP_COLUMNS)
    .executeTakeFirst();
}

export interface MemberRow {
  organization_id: string;
  role_id: string;
  user_id: string;
  user_name: string;
}

/** The people holding each of these groups' roles now, in user ID order. */
export async function membersOfGroups(
  db: Reader,
  scope: HoldingScope,
  groups: readonly Pick<GroupRow, 'organization_id' | 'role_id'>[],
): Promise<MemberRow[]> {
  if (groups.length === 0) return [];
  const organizationIds = [...new Set(groups.map((group) => group.organization_id))];
  const roleIds = [...new Set(groups.map((group) => group.role_id))];
  return db
    .selectFrom('role_assignments as ra')
    .innerJoin('users as u', 'u.id', 'ra.user_id')
    .select(['ra.organization_id', 'ra.role_id', 'u.id as user_id', 'u.user_id as user_name'])
    .where('ra.organization_id', 'in', organizationIds)
    .where('ra.role_id', 'in', roleIds)
    .where(heldNow('ra', scope))
    .orderBy('u.user_id_normalized')
    .execute();
}
