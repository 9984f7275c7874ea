import { Type } from 'typebox';
import { Id, Timestamp } from '../../http/schema-parts.js';

/*
 * The program report: role requests week by week, times to decision, certification completion
 * and orphan organizations, for administrators. Schemas only (the web app imports their types).
 */

/** The longest run of weeks the report covers: one year. */
export const MAX_REPORT_WEEKS = 52;
export const DEFAULT_REPORT_WEEKS = 12;

export const ProgramReportQuery = Type.Object(
  {
    weeks: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_REPORT_WEEKS,
        default: DEFAULT_REPORT_WEEKS,
        description: 'How many weeks of requests, the week in progress last',
      }),
    ),
  },
  { additionalProperties: false },
);

const Count = Type.Integer({ minimum: 0 });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD, in the program time zone' });
const Hours = Type.Union([Type.Number({ minimum: 0 }), Type.Null()], {
  description: 'Hours from submission to decision, to a tenth; null when the week decided none',
});

export const ReportApplication = Type.Object({
  id: Id,
  code: Type.String(),
  name: Type.String(),
  nameEs: Type.String({ description: "The name in Spanish; '' when there is none (show the English one)" }),
});

export const RequestWeekSchema = Type.Object({
  week: Type.String({ pattern: '^\\d{4}-W\\d{2}$', description: 'The ISO 8601 week, e.g. 2026-W49' }),
  start: Day,
  end: Day,
  current: Type.Boolean({ description: 'The week in progress, counted up to now' }),
  submitted: Count,
  approved: Type.Integer({ minimum: 0, description: 'Approved in the week, whenever submitted' }),
  rejected: Count,
  cancelled: Type.Integer({ minimum: 0, description: 'Withdrawn by their requester in the week' }),
  expired: Type.Integer({ minimum: 0, description: 'Left undecided until they expired, in the week' }),
  decided: Type.Integer({ minimum: 0, description: 'Approved or rejected in the week: the times below are theirs' }),
  medianHours: Hours,
  p90Hours: Hours,
});

const CompletionCounts = {
  upToDate: Type.Integer({ minimum: 0, description: 'Certified or granted within the current cycle: due after the window' }),
  due: Type.Integer({ minimum: 0, description: 'Due within the list window, not overdue yet' }),
  overdue: Type.Integer({ minimum: 0, description: 'Past the due day and not removed yet' }),
  total: Type.Integer({ minimum: 0, description: 'Active roles that are certified: the three above' }),
};

export const ApplicationCompletion = Type.Object({ application: ReportApplication, ...CompletionCounts });

export const OrganizationCompletion = Type.Object({
  organization: Type.Object({ id: Id, submitterId: Type.String(), legalName: Type.String() }),
  application: ReportApplication,
  ...CompletionCounts,
});

export const OrphanLongest = Type.Object({
  id: Id,
  application: ReportApplication,
  submitterId: Type.String(),
  legalName: Type.String(),
  orphanedSince: Timestamp,
});

export const ProgramReportSchema = Type.Object({
  asOf: Timestamp,
  timeZone: Type.String({ description: 'The program time zone the weeks and due days are counted in' }),
  requests: Type.Array(RequestWeekSchema, { description: 'Oldest week first; the last is the week in progress' }),
  completion: Type.Object({
    windowDays: Type.Integer({ minimum: 1 }),
    applications: Type.Array(ApplicationCompletion, { description: 'Every application, by name' }),
    organizations: Type.Array(OrganizationCompletion, {
      description: 'The organizations with the most overdue roles, most first; at most 20, none without an overdue role',
    }),
  }),
  orphans: Type.Object({
    total: Count,
    applications: Type.Array(Type.Object({ application: ReportApplication, count: Count }), {
      description: 'Every application, by name',
    }),
    longest: Type.Array(OrphanLongest, { description: 'The 10 orphaned longest, longest first' }),
  }),
});
