import { toTimestamp } from '../../shared/time.js';
import type { CertificationDeps } from './certification.service.js';
import { completionByApplication, organizationsMostOverdue, type CompletionCounts } from './completion.repository.js';
import { expiredBefore, windowEnd } from './due-dates.js';

/*
 * Certification completion now, for the program report: per application, the active certified
 * roles up to date, due within the list window and overdue; and the organizations with the most
 * overdue roles. The counts are aggregates in SQL (completion.repository.ts says which index each
 * reads). The caller decides who may see them.
 */

export type { CompletionCounts } from './completion.repository.js';

export interface CompletionReport {
  asOf: string;
  /** The list window: roles due within this many days are "due". */
  windowDays: number;
  applications: { applicationId: string; counts: CompletionCounts }[];
  /** Most overdue first, at most the limit asked for; organizations with none overdue are not listed. */
  organizations: { organizationId: string; applicationId: string; counts: CompletionCounts }[];
}

export function createCompletionReport(deps: Pick<CertificationDeps, 'config' | 'database' | 'clock'>) {
  const { database, clock, config } = deps;
  return {
    async completion(organizationLimit: number): Promise<CompletionReport> {
      const now = clock.now();
      const bounds = {
        overdueBefore: toTimestamp(expiredBefore(now, config.timeZone)),
        windowEnd: toTimestamp(windowEnd(now, config.certification.windowDays, config.timeZone)),
      };
      const [applications, organizations] = await Promise.all([
        completionByApplication(database.db, bounds),
        organizationsMostOverdue(database.db, bounds, organizationLimit),
      ]);
      return {
        asOf: toTimestamp(now),
        windowDays: config.certification.windowDays,
        applications: [...applications].map(([applicationId, counts]) => ({ applicationId, counts })),
        organizations,
      };
    },
  };
}
