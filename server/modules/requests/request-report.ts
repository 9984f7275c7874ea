import type { Database } from '../../db/database.js';
import { countClosedByWeek, countSubmittedByWeek, decisionTimesAtRanks } from './request-report.repository.js';

/*
 * Role requests week by week, for the program report: how many were submitted, approved,
 * rejected, cancelled and expired, and how long decisions took (median and 90th percentile of the
 * hours from submission to approval or rejection). The caller gives the weeks and decides who may
 * see the figures; three aggregate queries answer any number of weeks.
 */

export interface RequestWeekFigures {
  /** Submitted in the week. */
  submitted: number;
  /** Approved in the week, whenever submitted. */
  approved: number;
  rejected: number;
  /** Withdrawn by the requester in the week. */
  cancelled: number;
  /** Left undecided until they expired, in the week. */
  expired: number;
  /** Approved or rejected in the week: the decisions the times are measured on. */
  decided: number;
  /** Hours from submission to decision, for decisions of the week; null without any. */
  medianHours: number | null;
  p90Hours: number | null;
}

/**
 * The value at fraction `p` of a sorted sample of `n`, linearly interpolated between the ranks
 * around position (n - 1)p + 1, as PostgreSQL's percentile_cont and spreadsheets' PERCENTILE.INC
 * compute it. `at(rank)` answers the value at a 1-based rank.
 */
export function interpolatedPercentile(n: number, p: number, at: (rank: number) => number | undefined): number | null {
  if (n === 0) return null;
  const position = (n - 1) * p + 1;
  const lower = Math.floor(position);
  const low = at(lower);
  if (low === undefined) return null;
  if (lower >= n) return low;
  const high = at(lower + 1);
  if (high === undefined) return null;
  return low + (position - lower) * (high - low);
}

/** Hours shown to a tenth. */
const tenth = (hours: number | null) => (hours === null ? null : Math.round(hours * 10) / 10);

export function createRequestReport(deps: { database: Database }) {
  const { database } = deps;
  return {
    /** The figures of each week between consecutive `boundaries` (instants, oldest first). */
    async weeklyFigures(boundaries: readonly string[]): Promise<RequestWeekFigures[]> {
      const weeks = boundaries.length - 1;
      if (weeks < 1) return [];
      const [submitted, closed, ranked] = await Promise.all([
        countSubmittedByWeek(database.db, boundaries),
        countClosedByWeek(database.db, boundaries),
        decisionTimesAtRanks(database.db, database.kind, boundaries),
      ]);
      return Array.from({ length: weeks }, (_, week) => {
        const count = (status: string) => closed.find((row) => row.week === week && row.status === status)?.count ?? 0;
        const times = ranked.filter((row) => row.week === week);
        const sample = times[0]?.decided ?? 0;
        const at = (rank: number) => times.find((row) => row.rank === rank)?.hours;
        return {
          submitted: submitted.get(week) ?? 0,
          approved: count('approved'),
          rejected: count('rejected'),
          cancelled: count('cancelled'),
          expired: count('expired'),
          decided: count('approved') + count('rejected'),
          medianHours: tenth(interpolatedPercentile(sample, 0.5, at)),
          p90Hours: tenth(interpolatedPercentile(sample, 0.9, at)),
        };
      });
    },
  };
}
