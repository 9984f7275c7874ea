import type { Reader } from '../../db/database.js';
import { chunks } from './due-items.repository.js';

/*
 * The approvers around certification items, read by the hundred: each organization's active
 * approvers and backup approvers (who certifies its roles). The people themselves and the
 * organizations' records on file come from the accounts and organizations services.
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
