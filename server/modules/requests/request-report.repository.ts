import { sql, type RawBuilder } from 'kysely';
import type { Reader } from '../../db/database.js';
import type { DialectKind } from '../../db/dialect.js';
import type { RequestStatus } from './requests.repository.js';

/*
 * The program report's reads of role requests, each one aggregate over a run of weeks given by
 * their boundaries (instants, oldest first): a request falls in week i when
 * boundaries[i] <= its time < boundaries[i + 1]. Only the rows of those weeks are read:
 * role_requests_created_idx (created_at) holds the submissions as one range, and
 * role_requests_decided_idx (decided_at, status, created_at) the decisions with their status and
 * submission time, so neither query reads the table itself.
 */

/** The week (0 = the oldest) a time falls in, as one CASE over the inner boundaries. */
function weekOf(column: 'created_at' | 'decided_at', boundaries: readonly string[]): RawBuilder<number> {
  const last = boundaries.length - 2;
  if (last <= 0) return sql<number>`0`;
  const branches = boundaries
    .slice(1, -1)
    .map((boundary, week) => sql`when ${sql.ref(column)} < ${boundary} then ${sql.lit(week)}`);
  return sql<number>`case ${sql.join(branches, sql` `)} else ${sql.lit(last)} end`;
}

/** Hours from submission to decision, as a number with its fraction. */
function hoursToDecision(dialect: DialectKind): RawBuilder<number> {
  return dialect === 'postgres'
    ? sql<number>`extract(epoch from (cast(decided_at as timestamptz) - cast(created_at as timestamptz))) / 3600.0`
    : sql<number>`(julianday(decided_at) - julianday(created_at)) * 24.0`;
}

/** Requests submitted in each week: week → count (weeks without any are absent). */
export async function countSubmittedByWeek(db: Reader, boundaries: readonly string[]): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('role_requests')
        .select(weekOf('created_at', boundaries).as('week'))
        .where('created_at', '>=', boundaries[0]!)
        .where('created_at', '<', boundaries.at(-1)!)
        .as('submitted'),
    )
    .select(['week', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('week')
    .execute();
  return new Map(rows.map((row) => [Number(row.week), Number(row.count)]));
}

/** Requests closed in each week, by the state they closed in: approved, rejected, cancelled, expired. */
export async function countClosedByWeek(
  db: Reader,
  boundaries: readonly string[],
): Promise<{ week: number; status: Exclude<RequestStatus, 'pending'>; count: number }[]> {
  const rows = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('role_requests')
        .select([weekOf('decided_at', boundaries).as('week'), 'status'])
        .where('decided_at', '>=', boundaries[0]!)
        .where('decided_at', '<', boundaries.at(-1)!)
        .as('closed'),
    )
    .select(['week', 'status', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy(['week', 'status'])
    .execute();
  return rows.map((row) => ({
    week: Number(row.week),
    status: row.status as Exclude<RequestStatus, 'pending'>,
    count: Number(row.count),
  }));
}

/** A decided request's time to decision at one rank of its week (1 = the quickest), and how many its week decided. */
export interface RankedDecisionTime {
  week: number;
  rank: number;
  decided: number;
  hours: number;
}

/**
 * For each week, the times to decision (approved or rejected) at the ranks the median and the
 * 90th percentile lie between: for n decisions and a fraction p, the position (n - 1)p + 1 and
 * the rank after it, found in SQL with integer arithmetic ((n + 1) / 2 and (9n + 1) / 10), so a
 * week of any size answers at most four rows.
 */
export async function decisionTimesAtRanks(
  db: Reader,
  dialect: DialectKind,
  boundaries: readonly string[],
): Promise<RankedDecisionTime[]> {
  const rows = await db
    .selectFrom((eb) =>
      eb
        .selectFrom((inner) =>
          inner
            .selectFrom('role_requests')
            .select([weekOf('decided_at', boundaries).as('week'), hoursToDecision(dialect).as('hours')])
            .where('decided_at', '>=', boundaries[0]!)
            .where('decided_at', '<', boundaries.at(-1)!)
            .where('status', 'in', ['approved', 'rejected'])
            .as('decided'),
        )
        .select([
          'week',
          'hours',
          // One window, so both are read from one sort of the week's times.
          sql<number>`row_number() over (partition by week order by hours)`.as('rank'),
          sql<number>`count(*) over (partition by week order by hours rows between unbounded preceding and unbounded following)`.as(
            'n',
          ),
        ])
        .as('ranked'),
    )
    .select(['week', 'rank', 'n', 'hours'])
    .where((eb) =>
      eb.or([
        eb('rank', '=', sql<number>`(n + 1) / 2`),
        eb('rank', '=', sql<number>`(n + 1) / 2 + 1`),
        eb('rank', '=', sql<number>`(9 * n + 1) / 10`),
        eb('rank', '=', sql<number>`(9 * n + 1) / 10 + 1`),
      ]),
    )
    .orderBy('week')
    .orderBy('rank')
    .execute();
  return rows.map((row) => ({
    week: Number(row.week),
    rank: Number(row.rank),
    decided: Number(row.n),
    hours: Number(row.hours),
  }));
}
