import type { Static } from 'typebox';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import { toTimestamp } from '../../shared/time.js';
import { expiredBefore } from '../certification/due-dates.js';
import { InvalidFilter, parseFilter } from './scim-filter.js';
import { filterCondition } from './scim-sql.js';
import {
  findGroup,
  findUser,
  GROUP_NAME_SEPARATOR,
  GROUP_SCHEMA,
  groupId,
  groupsOfUsers,
  listGroups,
  listUsers,
  membersOfGroups,
  parseGroupId,
  ROLE_GROUP_SCHEMA,
  scimAttributes,
  USER_SCHEMA,
  type GroupRow,
  type HoldingScope,
  type UserRow,
} from './scim.repository.js';
import type { ScimGroup, ScimUser } from './scim.schemas.js';

export const LIST_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
/** The most resources one page holds; a larger `count` is cut to it (RFC 7644 section 3.4.2.4). */
export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 100;

/** An answer SCIM describes as an error (RFC 7644 section 3.12). */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly scimType?: 'invalidFilter' | 'invalidValue' | 'tooMany' | 'invalidSyntax',
  ) {
    super(detail);
  }
}

export interface ListQuery {
  filter?: string;
  startIndex?: number;
  count?: number;
  attributes?: string;
  excludedAttributes?: string;
}

export interface ResourceQuery {
  attributes?: string;
  excludedAttributes?: string;
}

type User = Static<typeof ScimUser>;
type Group = Static<typeof ScimGroup>;

export interface ListResponse<T> {
  schemas: string[];
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  Resources: T[];
}

export interface ScimService {
  listUsers(applicationId: string, query: ListQuery): Promise<ListResponse<User>>;
  getUser(applicationId: string, id: string, query: ResourceQuery): Promise<User>;
  listGroups(applicationId: string, query: ListQuery): Promise<ListResponse<Group>>;
  getGroup(applicationId: string, id: string, query: ResourceQuery): Promise<Group>;
}

/**
 * Which top-level attributes an answer keeps, from `attributes` or `excludedAttributes` (RFC 7644
 * section 3.4.2.5). A sub-attribute keeps its whole parent; `schemas` and `id` are always kept.
 */
export function projection(query: ResourceQuery, coreSchema: string): (name: string) => boolean {
  const topLevel = (list: string) =>
    new Set(
      list
        .split(',')
        .map((name) => name.trim().toLowerCase())
        .filter((name) => name !== '')
        .map((name) => {
          const core = `${coreSchema.toLowerCase()}:`;
          if (name.startsWith(core)) return name.slice(core.length).split('.')[0]!;
          if (name.startsWith('urn:')) {
            // An extension's attribute keeps the extension's object, named by its URN.
            const extension = ROLE_GROUP_SCHEMA.toLowerCase();
            return name.startsWith(extension) ? extension : name;
          }
          return name.split('.')[0]!;
        }),
    );
  const always = (name: string) => name === 'schemas' || name === 'id';
  if (query.attributes) {
    const wanted = topLevel(query.attributes);
    return (name) => always(name) || wanted.has(name.toLowerCase());
  }
  if (query.excludedAttributes) {
    const excluded = topLevel(query.excludedAttributes);
    return (name) => always(name) || !excluded.has(name.toLowerCase());
  }
  return () => true;
}

/** The resource with only the attributes kept; every attribute but `schemas` and `id` is optional. */
function project<T extends { schemas: string[]; id: string }>(resource: T, keeps: (name: string) => boolean): T {
  return Object.fromEntries(Object.entries(resource).filter(([name, value]) => value !== undefined && keeps(name))) as T;
}

function page(query: ListQuery): { startIndex: number; count: number } {
  // Below 1 is read as 1 and a negative count as 0, as RFC 7644 section 3.4.2.4 asks.
  const startIndex = Math.max(1, Math.trunc(query.startIndex ?? 1));
  const count = Math.min(MAX_PAGE_SIZE, Math.max(0, Math.trunc(query.count ?? DEFAULT_PAGE_SIZE)));
  return { startIndex, count };
}

export function createScimService(deps: {
  database: Database;
  clock: Clock;
  config: { publicUrl: string; timeZone: string };
}): ScimService {
  const base = `${deps.config.publicUrl.replace(/\/$/, '')}/scim/v2`;
  const db = () => deps.database.db;

  function scopeOf(applicationId: string): HoldingScope {
    return { applicationId, expiredBefore: toTimestamp(expiredBefore(deps.clock.now(), deps.config.timeZone)) };
  }

  function condition(scope: HoldingScope, kind: keyof typeof scimAttributes, filter: string | undefined) {
    if (filter === undefined || filter.trim() === '') return undefined;
    try {
      return filterCondition(scimAttributes[kind](scope), parseFilter(filter));
    } catch (error) {
      if (error instanceof InvalidFilter) throw new ScimError(400, `The filter is not valid: ${error.message}.`, 'invalidFilter');
      throw error;
    }
  }

  function groupReference(group: GroupRow) {
    const id = groupId(group.organization_id, group.role_code);
    return { value: id, $ref: `${base}/Groups/${id}`, display: `${group.role_name}${GROUP_NAME_SEPARATOR}${group.legal_name}` };
  }

  function userResource(row: UserRow, groups: readonly GroupRow[] | undefined): User {
    const formatted = `${row.first_name} ${row.last_name}`;
    return {
      schemas: [USER_SCHEMA],
      id: row.id,
      userName: row.user_id,
      name: {
        formatted,
        givenName: row.first_name,
        ...(row.middle_name ? { middleName: row.middle_name } : {}),
        familyName: row.last_name,
      },
      displayName: formatted,
      emails: [{ value: row.email, type: 'work', primary: true }],
      phoneNumbers: row.phone ? [{ value: row.phone, type: 'work' }] : undefined,
      preferredLanguage: row.language,
      active: row.status === 'active',
      groups: groups?.map((group) => ({ ...groupReference(group), type: 'direct' })),
      meta: { resourceType: 'User', created: row.created_at, lastModified: row.updated_at, location: `${base}/Users/${row.id}` },
    };
  }

  function groupResource(row: GroupRow, members: readonly { user_id: string; user_name: string }[] | undefined): Group {
    const { value: id, display } = groupReference(row);
    return {
      schemas: [GROUP_SCHEMA, ROLE_GROUP_SCHEMA],
      id,
      displayName: display,
      members: members?.map((member) => ({
        value: member.user_id,
        $ref: `${base}/Users/${member.user_id}`,
        display: member.user_name,
        type: 'User',
      })),
      [ROLE_GROUP_SCHEMA]: {
        roleCode: row.role_code,
        organizationId: row.organization_id,
        organizationName: row.legal_name,
        submitterId: row.submitter_id,
      },
      // A group lives as long as its organization; its members change with the roles held.
      meta: { resourceType: 'Group', created: row.created_at, lastModified: row.updated_at, location: `${base}/Groups/${id}` },
    };
  }

  async function usersWithGroups(scope: HoldingScope, rows: UserRow[], keeps: (name: string) => boolean) {
    const groups = keeps('groups')
      ? await groupsOfUsers(
          db(),
          scope,
          rows.map((row) => row.id),
        )
      : undefined;
    return rows.map((row) => project(userResource(row, groups?.get(row.id)), keeps));
  }

  async function groupsWithMembers(scope: HoldingScope, rows: GroupRow[], keeps: (name: string) => boolean) {
    let members: Map<string, { user_id: string; user_name: string }[]> | undefined;
    if (keeps('members')) {
      members = new Map(rows.map((row) => [`${row.organization_id} ${row.role_id}`, []]));
      for (const member of await membersOfGroups(db(), scope, rows)) {
        members.get(`${member.organization_id} ${member.role_id}`)?.push(member);
      }
    }
    return rows.map((row) =>
      project(groupResource(row, members?.get(`${row.organization_id} ${row.role_id}`) ?? undefined), keeps),
    );
  }

  function listResponse<T>(total: number, startIndex: number, resources: T[]): ListResponse<T> {
    return {
      schemas: [LIST_RESPONSE_SCHEMA],
      totalResults: total,
      startIndex,
      itemsPerPage: resources.length,
      Resources: resources,
    };
  }

  return {
    async listUsers(applicationId, query) {
      const scope = scopeOf(applicationId);
      const where = condition(scope, 'users', query.filter);
      const keeps = projection(query, USER_SCHEMA);
      const paging = page(query);
      const { total, rows } = await listUsers(db(), scope, where, paging);
      return listResponse(total, paging.startIndex, await usersWithGroups(scope, rows, keeps));
    },

    async getUser(applicationId, id, query) {
      const scope = scopeOf(applicationId);
      const row = await findUser(db(), scope, id);
      if (!row) throw new ScimError(404, `No user ${id} holds a role in this application.`);
      const [resource] = await usersWithGroups(scope, [row], projection(query, USER_SCHEMA));
      return resource!;
    },

    async listGroups(applicationId, query) {
      const scope = scopeOf(applicationId);
      const where = condition(scope, 'groups', query.filter);
      const keeps = projection(query, GROUP_SCHEMA);
      const paging = page(query);
      const { total, rows } = await listGroups(db(), scope, where, paging);
      return listResponse(total, paging.startIndex, await groupsWithMembers(scope, rows, keeps));
    },

    async getGroup(applicationId, id, query) {
      const scope = scopeOf(applicationId);
      const parts = parseGroupId(id);
      const row = parts ? await findGroup(db(), scope, parts.organizationId, parts.roleCode) : undefined;
      if (!row) throw new ScimError(404, `There is no group ${id} in this application.`);
      const [resource] = await groupsWithMembers(scope, [row], projection(query, GROUP_SCHEMA));
      return resource!;
    },
  };
}
