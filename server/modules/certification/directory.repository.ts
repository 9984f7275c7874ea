import type { Reader } from '../../db/database.js';
import type { PersonOnFile } from '../organizations/organizations.service.js';
import { chunks } from './due-items.repository.js';

/*
 * The people and organizations around certification items, read by the hundred: each
 * organization's active approvers, its records on file, and the people to name or email.
 */

/** The active approvers and backup approvers of these organizations, by organization. */
export async function listApproversOf(
  db: Reader,
  organizationIds: readonly string[],
  approverRoleIds: readonly string[],
): Promise<Map<string, string[]>> {
  const byOrganization = new Map<string, string[]>();
  if (approverRoleIds.length === 0) return byOrganization;
  for (const part of chunks([...new Set(organizationIds)].filter((id) => id !== ''))) {
    const rows = await db
      .selectFrom('role_assignments')
      .select(['organization_id', 'user_id'])
      .where('organization_id', 'in', part)
      .where('role_id', 'in', approverRoleIds)
      .where('status', '=', 'active')
      .execute();
    for (const row of rows)
      byOrganization.set(row.organization_id, [...(byOrganization.get(row.organization_id) ?? []), row.user_id]);
  }
  return byOrganization;
}

export interface OrganizationRecord {
  id: string;
  submitterId: string;
  legalName: string;
  approverOnFile: PersonOnFile | null;
  backupApproversOnFile: PersonOnFile[];
}

function parsePerson(json: string): PersonOnFile | null {
  const value = JSON.parse(json) as Partial<PersonOnFile> | null;
  if (!value || typeof value !== 'object' || (!value.email && !value.firstName && !value.lastName)) return null;
  return { firstName: value.firstName ?? '', lastName: value.lastName ?? '', email: value.email ?? '' };
}

export async function listOrganizations(db: Reader, ids: readonly string[]): Promise<Map<string, OrganizationRecord>> {
  const found = new Map<string, OrganizationRecord>();
  for (const part of chunks([...new Set(ids)].filter((id) => id !== ''))) {
    const rows = await db
      .selectFrom('organizations')
      .select(['id', 'submitter_id', 'legal_name', 'approver_on_file_json', 'backup_approvers_on_file_json'])
      .where('id', 'in', part)
      .execute();
    for (const row of rows) {
      const backups = JSON.parse(row.backup_approvers_on_file_json) as unknown;
      found.set(row.id, {
        id: row.id,
        submitterId: row.submitter_id,
        legalName: row.legal_name,
        approverOnFile: parsePerson(row.approver_on_file_json),
        backupApproversOnFile: Array.isArray(backups)
          ? backups.map((person) => parsePerson(JSON.stringify(person))).filter((person) => person !== null)
          : [],
      });
    }
  }
  return found;
}

export interface Person {
  id: string;
  userId: string;
  firstName: string;
  lastName: string;
  email: string;
  language: 'en' | 'es';
}

export async function listPeople(db: Reader, ids: readonly string[]): Promise<Map<string, Person>> {
  const found = new Map<string, Person>();
  for (const part of chunks([...new Set(ids)])) {
    const rows = await db
      .selectFrom('users')
      .select(['id', 'user_id', 'first_name', 'last_name', 'email', 'language', 'status'])
      .where('id', 'in', part)
      .execute();
    for (const row of rows) {
      found.set(row.id, {
        id: row.id,
        userId: row.user_id,
        firstName: row.first_name,
        lastName: row.last_name,
        email: row.email,
        language: row.language === 'es' ? 'es' : 'en',
      });
    }
  }
  return found;
}
