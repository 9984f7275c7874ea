import type { Reader } from '../../db/database.js';
import type { DecisionOutcome, NewDecision } from './decisions.repository.js';
import { dueOrderPage, itemsQuery, toItem, type DueAssignment, type ItemRow } from './due-items.repository.js';

/*
 * The reports' reads: the dry run (what falls due up to a day), the evidence (decisions in a date
 * range), and the dashboard counts (decisions by outcome, roles due and overdue).
 */

/** Active items due up to `dueUpTo`, in the given applications (all when undefined), a page at a time. */
export async function listDueUpTo(
  db: Reader,
  options: {
    dueUpTo: string;
    applicationIds: readonly string[] | undefined;
    after?: { dueAt: string; id: string };
    limit: number;
  },
): Promise<DueAssignment[]> {
  if (options.applicationIds && options.applicationIds.length === 0) return [];
  const matching = itemsQuery(db)
    .where('ra.status', '=', 'active')
    .where('ra.certification_due_at', 'is not', null)
    .where('ra.certification_due_at', '<=', options.dueUpTo)
    .$if(options.applicationIds !== undefined, (query) =>
      query.where('ra.application_id', 'in', options.applicationIds as string[]),
    );
  const rows = await dueOrderPage(matching, options.after, options.limit).execute();
  return rows.map((row) => toItem(row as ItemRow));
}
/** A decision as stored; the holder and certifier are ids (certification-reports.ts names them). */
export type DecisionRow = NewDecision;

/** Decisions of one application (and organizations, when given) decided in [from, to], oldest first, a page at a time. */
export async function listDecisions(
  db: Reader,
  options: {
    applicationId: string;
    organizationIds: readonly string[] | undefined;
    from: string;
    to: string;
    afterId?: string;
    afterDecidedAt?: string;
    limit: number;
  },
): Promise<DecisionRow[]> {
  if (options.organizationIds && options.organizationIds.length === 0) return [];
  const rows = await db
    .selectFrom('certification_decisions as d')
    .select([
      'd.id',
      'd.assignment_id',
      'd.application_id',
      'd.organization_id',
      'd.role_id',
      'd.holder_id',
      'd.certifier_id',
      'd.outcome',
      'd.acknowledgement_version',
      'd.due_at',
      'd.next_due_at',
      'd.decided_at',
    ])
    .where('d.application_id', '=', options.applicationId)
    .$if(options.organizationIds !== undefined, (query) =>
      query.where('d.organization_id', 'in', options.organizationIds as string[]),
    )
    .where('d.decided_at', '>=', options.from)
    .where('d.decided_at', '<=', options.to)
    .$if(options.afterId !== undefined, (query) =>
      query.where((eb) =>
        eb(eb.refTuple('d.decided_at', 'd.id'), '>', eb.tuple(options.afterDecidedAt as string, options.afterId as string)),
      ),
    )
    .orderBy('d.decided_at')
    .orderBy('d.id')
    .limit(options.limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    assignmentId: row.assignment_id,
    applicationId: row.application_id,
    organizationId: row.organization_id,
    roleId: row.role_id,
    holderId: row.holder_id,
    certifierId: row.certifier_id,
    outcome: row.outcome as DecisionOutcome,
    acknowledgementVersion: row.acknowledgement_version,
    dueAt: row.due_at,
    nextDueAt: row.next_due_at,
    decidedAt: row.decided_at,
  }));
}

/** Counts of decisions by outcome since `since`, for one application (and organizations). */
export async function countDecisions(
  db: Reader,
  options: { applicationId: string; organizationIds: readonly string[] | undefined; since: string },
): Promise<Record<DecisionOutcome, number>> {
  const counts: Record<DecisionOutcome, number> = { certified: 0, revoked: 0, expired: 0 };
  if (options.organizationIds && options.organizationIds.length === 0) return counts;
  const rows = await db
    .selectFrom('certification_decisions')
    .select(['outcome', (eb) => eb.fn.countAll<number>().as('count')])
    .where('application_id', '=', options.applicationId)
    .$if(options.organizationIds !== undefined, (query) =>
      query.where('organization_id', 'in', options.organizationIds as string[]),
    )
    .where('decided_at', '>=', options.since)
    .groupBy('outcome')
    .execute();
  for (const row of rows) if (row.outcome in counts) counts[row.outcome as DecisionOutcome] = Number(row.count);
  return counts;
}

/** Active items of one application (and organizations) due in [from, upTo]; `from` undefined: no lower bound. */
export async function countDue(
  db: Reader,
  options: {
    applicationId: string;
    organizationIds: readonly string[] | undefined;
    from?: string;
    before?: string;
    upTo?: string;
  },
): Promise<number> {
  if (options.organizationIds && options.organizationIds.length === 0) return 0;
  const row = await db
    .selectFrom('role_assignments')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('application_id', '=', options.applicationId)
    .where('status', '=', 'active')
    .where('certification_due_at', 'is not', null)
    .$if(options.organizationIds !== undefined, (query) =>
      query.where('organization_id', 'in', options.organizationIds as string[]),
    )
    .$if(options.from !== undefined, (query) => query.where('certification_due_at', '>=', options.from as string))
    .$if(options.before !== undefined, (query) => query.where('certification_due_at', '<', options.before as string))
    .$if(options.upTo !== undefined, (query) => query.where('certification_due_at', '<=', options.upTo as string))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
