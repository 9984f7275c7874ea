import { sql } from 'kysely';
import type { Reader } from '../../db/database.js';

/*
 * Certification completion over the active roles that are certified (those with a due date), for
 * the program report. A role is overdue when due before `overdueBefore` (its due day has ended and
 * the sweep has not removed it yet), due when due from then up to `windowEnd` (in the list window,
 * waiting for its certifier), and up to date when due later (certified or granted within its
 * current cycle).
 *
 * Indexes:
 * - per application: role_assignments_app_due_idx (application_id, status, certification_due_at,
 *   id) holds every column read, so the counts are one pass over that index in application order,
 *   never the table;
 * - the organizations with most overdue: role_assignments_due_idx (status, certification_due_at,
 *   id) holds the overdue roles as one range at its start, the only rows read for the ranking;
 * - then those organizations' counts: role_assignments_org_due_idx (organization_id, status,
 *   certification_due_at, id), one range per organization, index only.
 */

export interface CompletionCounts {
  upToDate: number;
  due: number;
  overdue: number;
}

export interface CompletionBounds {
  overdueBefore: string;
  windowEnd: string;
}

function countsOf(row: { total: unknown; due_or_overdue: unknown; overdue: unknown }): CompletionCounts {
  const total = Number(row.total);
  const dueOrOverdue = Number(row.due_or_overdue ?? 0);
  const overdue = Number(row.overdue ?? 0);
  return { upToDate: total - dueOrOverdue, due: dueOrOverdue - overdue, overdue };
}

/** The counts of each application with certified active roles. */
export async function completionByApplication(db: Reader, bounds: CompletionBounds): Promise<Map<string, CompletionCounts>> {
  const rows = await db
    .selectFrom('role_assignments')
    .select([
      'application_id',
      (eb) => eb.fn.countAll<number>().as('total'),
      sql<number>`sum(case when certification_due_at <= ${bounds.windowEnd} then 1 else 0 end)`.as('due_or_overdue'),
      sql<number>`sum(case when certification_due_at < ${bounds.overdueBefore} then 1 else 0 end)`.as('overdue'),
    ])
    .where('status', '=', 'active')
    .where('certification_due_at', 'is not', null)
    .groupBy('application_id')
    .execute();
  return new Map(rows.map((row) => [row.application_id, countsOf(row)]));
}

/**
 * The organizations with the most overdue roles (most first, then by id), at most `limit`, with
 * their counts. Application-wide roles (no organization) are left out.
 */
export async function organizationsMostOverdue(
  db: Reader,
  bounds: CompletionBounds,
  limit: number,
): Promise<{ organizationId: string; applicationId: string; counts: CompletionCounts }[]> {
  const ranked = await db
    .selectFrom('role_assignments')
    .select(['organization_id', (eb) => eb.fn.countAll<number>().as('overdue')])
    .where('status', '=', 'active')
    .where('certification_due_at', '<', bounds.overdueBefore)
    .where('organization_id', '<>', '')
    .groupBy('organization_id')
    .orderBy('overdue', 'desc')
    .orderBy('organization_id')
    .limit(limit)
    .execute();
  if (ranked.length === 0) return [];
  const rows = await db
    .selectFrom('role_assignments')
    .select([
      'organization_id',
      'application_id',
      (eb) => eb.fn.countAll<number>().as('total'),
      sql<number>`sum(case when certification_due_at <= ${bounds.windowEnd} then 1 else 0 end)`.as('due_or_overdue'),
      sql<number>`sum(case when certification_due_at < ${bounds.overdueBefore} then 1 else 0 end)`.as('overdue'),
    ])
    .where(
      'organization_id',
      'in',
      ranked.map((row) => row.organization_id),
    )
    .where('status', '=', 'active')
    .where('certification_due_at', 'is not', null)
    .groupBy(['organization_id', 'application_id'])
    .execute();
  const byOrganization = new Map(rows.map((row) => [row.organization_id, row]));
  return ranked.flatMap((rank) => {
    const row = byOrganization.get(rank.organization_id);
    return row ? [{ organizationId: row.organization_id, applicationId: row.application_id, counts: countsOf(row) }] : [];
  });
}
