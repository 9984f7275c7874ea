import type { Static } from 'typebox';
import type * as schemas from '../../../../server/modules/reports/reports.schemas.js';
import { apiGet } from '../../api/client';

/*
 * The program report as the server describes it, typed from its own schemas (type-only imports:
 * nothing of the server reaches the bundle).
 */
export type ProgramReport = Static<typeof schemas.ProgramReportSchema>;
export type RequestWeek = Static<typeof schemas.RequestWeekSchema>;
export type ApplicationCompletion = Static<typeof schemas.ApplicationCompletion>;
export type OrganizationCompletion = Static<typeof schemas.OrganizationCompletion>;
export type OrphanLongest = Static<typeof schemas.OrphanLongest>;
export type ReportApplication = Static<typeof schemas.ReportApplication>;
type Query = Static<typeof schemas.ProgramReportQuery>;

/** The runs of weeks offered; the server takes any whole number from 1 to 52. */
export const weekChoices = [4, 8, 12, 26, 52] as const satisfies readonly NonNullable<Query['weeks']>[];
export const defaultWeeks = 12;

export const programReportKey = (weeks: number) => ['program-report', weeks] as const;

export function fetchProgramReport(weeks: number, signal?: AbortSignal): Promise<ProgramReport> {
  return apiGet<ProgramReport>('/admin/program-report', { weeks } satisfies Query, signal);
}
