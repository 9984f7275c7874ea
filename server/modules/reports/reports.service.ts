import type { Static } from 'typebox';
import type { Database } from '../../db/database.js';
import { AppError } from '../../http/errors.js';
import type { Caller } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { toTimestamp } from '../../shared/time.js';
import type { CatalogService } from '../catalog/catalog.service.js';
import type { CertificationService } from '../certification/certification.service.js';
import type { OrganizationsService } from '../organizations/organizations.service.js';
import type { RequestsService } from '../requests/requests.service.js';
import { reportWeeks } from './report-weeks.js';
import { mayReadProgramReport } from './reports.policy.js';
import type { ProgramReportSchema, ReportApplication } from './reports.schemas.js';

/*
 * The reports module: read-only views across modules, for administrators. It owns no table; each
 * figure comes from the service of the module whose data it is, computed there in SQL:
 * - role requests week by week and times to decision: the requests service (weeklyFigures);
 * - certification completion per application and the organizations most overdue: the
 *   certification service (completion), over the roles it reads for its lists and sweep;
 * - orphan organizations: the organizations service (orphanCounts, and orphans, the list the help
 *   desk pages through at /help-desk/orphans).
 * The catalog names the applications, and the organizations service the organizations listed.
 */

export type ProgramReport = Static<typeof ProgramReportSchema>;
type ApplicationRef = Static<typeof ReportApplication>;

/** How many organizations the completion ranking and the orphans list show. */
const ORGANIZATIONS_LISTED = 20;
const ORPHANS_LISTED = 10;

export interface ReportsService {
  /** The program report over `weeks` weeks (the week in progress last); administrators only. */
  programReport(caller: Caller, query: { weeks: number }): Promise<ProgramReport>;
}

export function createReportsService(deps: {
  config: { timeZone: string };
  database: Database;
  clock: Clock;
  catalog: Pick<CatalogService, 'listApplications'>;
  requests: Pick<RequestsService, 'weeklyFigures'>;
  certification: Pick<CertificationService, 'completion'>;
  organizations: Pick<OrganizationsService, 'orphanCounts' | 'orphans' | 'byIds'>;
}): ReportsService {
  const { database, clock, config } = deps;

  return {
    async programReport(caller, query) {
      if (!mayReadProgramReport(caller)) throw new AppError('auth.forbidden');
      const now = clock.now();
      const { weeks, boundaries } = reportWeeks(now, query.weeks, config.timeZone);
      const applications = (await deps.catalog.listApplications(database.db))
        .map((app): ApplicationRef => ({ id: app.id, code: app.code, name: app.name, nameEs: app.nameEs }))
        .sort((a, b) => a.name.localeCompare(b.name, 'en') || a.code.localeCompare(b.code, 'en'));
      const applicationOf = (id: string): ApplicationRef =>
        applications.find((app) => app.id === id) ?? { id, code: '', name: '', nameEs: '' };

      const [figures, completion, orphanCounts, longest] = await Promise.all([
        deps.requests.weeklyFigures(boundaries),
        deps.certification.completion(ORGANIZATIONS_LISTED),
        deps.organizations.orphanCounts(),
        deps.organizations.orphans(
          applications.map((app) => app.id),
          { limit: ORPHANS_LISTED },
        ),
      ]);
      const organizations = await deps.organizations.byIds(
        database.db,
        completion.organizations.map((row) => row.organizationId),
      );
      const withTotal = (counts: { upToDate: number; due: number; overdue: number }) => ({
        upToDate: counts.upToDate,
        due: counts.due,
        overdue: counts.overdue,
        total: counts.upToDate + counts.due + counts.overdue,
      });
      const zero = { upToDate: 0, due: 0, overdue: 0 };

      return {
        asOf: toTimestamp(now),
        timeZone: config.timeZone,
        requests: weeks.map((week, index) => ({ ...week, ...figures[index]! })),
        completion: {
          windowDays: completion.windowDays,
          applications: applications.map((application) => ({
            application,
            ...withTotal(completion.applications.find((row) => row.applicationId === application.id)?.counts ?? zero),
          })),
          organizations: completion.organizations.map((row) => {
            const organization = organizations.get(row.organizationId);
            return {
              organization: {
                id: row.organizationId,
                submitterId: organization?.submitterId ?? '',
                legalName: organization?.legalName ?? '',
              },
              application: applicationOf(row.applicationId),
              ...withTotal(row.counts),
            };
          }),
        },
        orphans: {
          total: [...orphanCounts.values()].reduce((sum, count) => sum + count, 0),
          applications: applications.map((application) => ({ application, count: orphanCounts.get(application.id) ?? 0 })),
          longest: longest.map((organization) => ({
            id: organization.id,
            application: applicationOf(organization.applicationId),
            submitterId: organization.submitterId,
            legalName: organization.legalName,
            orphanedSince: organization.orphanedSince ?? '',
          })),
        },
      };
    },
  };
}
