import type { Reader } from '../../db/database.js';
import { toAssignment, type Assignment } from './assignments.repository.js';

/*
 * The help desk staff as administrators list them: the active holdings of the applications' help
 * desk roles, which are application-wide (organization '').
 */

/** Active holdings of these application-wide roles, by application then oldest first, at most `limit`. */
export async function listActiveApplicationWideHoldings(
  db: Reader,
  roleIds: readonly string[],
  limit: number,
): Promise<Assignment[]> {
  if (roleIds.length === 0) return [];
  const rows = await db
    .selectFrom('role_assignments')
    .selectAll()
    .where('role_id', 'in', [...roleIds])
    .where('organization_id', '=', '')
    .where('status', '=', 'active')
    .orderBy('application_id')
    .orderBy('established_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toAssignment);
}
