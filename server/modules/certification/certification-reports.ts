import type { Caller } from '../../shared/actor.js';
import { AppError } from '../../http/errors.js';
import { addDays, endOfDayIn, startOfDayIn, toTimestamp } from '../../shared/time.js';
import type { Role } from '../catalog/catalog.service.js';
import { evidenceScope, expiringScope } from './certification.policy.js';
import { organizationsOnFile, type CertificationDeps, type CertificationService } from './certification.service.js';
import type { CertifierStanding } from './certifier-standing.js';
import { toCsv } from '../../shared/csv.js';
import { dueDayOf, expiredBefore, windowEnd } from './due-dates.js';
import { itemNames, withHolders } from './due-items.js';
import { countDecisions, countDue, listDecisions, listDueUpTo, type DecisionRow } from './reports.repository.js';

/*
 * The certification reports: the dry run (what would be removed at the end of a day if nobody
 * certifies it), the evidence of every decision as CSV, and the dashboard counts. Each page of
 * items or decisions is one query, then one batch each for the people (accounts service) and the
 * organizations (organizations service) it names.
 */

export interface ExpiringItem {
  assignmentId: string;
  holder: { id: string; userId: string; firstName: string; lastName: string; email: string };
  application: { id: string; code: string; name: string };
  role: { id: string; code: string; name: string; kind: Role['kind'] };
  organization: { id: string; submitterId: string; legalName: string } | null;
  dueAt: string;
  dueDay: string;
}

export interface CertificationSummary {
  application: { id: string; code: string; name: string };
  organizationId: string | null;
  asOf: string;
  /** Certified in the last `periodDays` days. */
  certified: number;
  /** Active roles due within the list window (not yet overdue). */
  due: number;
  /** Past their due day and not removed yet (the sweep removes them on its next run). */
  overdue: number;
  /** Removed in the last `periodDays` days: expired and revoked. */
  removed: number;
  expired: number;
  revoked: number;
  windowDays: number;
  periodDays: number;
}

/** The look-back of the dashboard counts: one certification year. */
const SUMMARY_PERIOD_DAYS = 365;

export function createCertificationReports(
  deps: Pick<CertificationDeps, 'config' | 'database' | 'clock' | 'assignments' | 'accounts' | 'organizations'>,
  standing: CertifierStanding,
): Pick<CertificationService, 'expiring' | 'expiringFor' | 'evidenceCsv' | 'summary'> {
  const { database, clock } = deps;
  const timeZone = deps.config.timeZone;
  const windowDays = deps.config.certification.windowDays;
  const { catalogIndex } = standing;
  const onFile = organizationsOnFile(deps);

  async function expiring(day: string, applicationIds?: readonly string[]): Promise<ExpiringItem[]> {
    const catalog = await catalogIndex(database.db);
    const dueUpTo = toTimestamp(endOfDayIn(day, timeZone));
    const out: ExpiringItem[] = [];
    let after: { dueAt: string; id: string } | undefined;
    for (;;) {
      const rows = await listDueUpTo(database.db, { dueUpTo, applicationIds, after, limit: 1000 });
      const page = await withHolders(deps.accounts, database.db, rows);
      const organizations = await onFile(
        database.db,
        page.map((item) => item.assignment.organizationId),
      );
      for (const item of page) {
        const role = catalog.role(item.assignment.roleId);
        const app = catalog.application(item.assignment.applicationId);
        if (!role || !app || role.certifiedBy === 'none') continue;
        const organization = organizations.get(item.assignment.organizationId);
        out.push({
          ...itemNames(item, app, role, organization),
          dueAt: item.dueAt,
          dueDay: dueDayOf(item.dueAt, timeZone),
        });
      }
      const last = rows.at(-1);
      if (rows.length < 1000 || !last) break;
      after = { dueAt: last.dueAt, id: last.assignment.id };
    }
    return out;
  }

  /** The application named by code, and which of its organizations the caller may see. */
  async function evidenceAccess(caller: Caller, applicationCode: string, organizationId: string | undefined) {
    const catalog = await catalogIndex(database.db);
    const app = catalog.applications.find((candidate) => candidate.code === applicationCode);
    if (!app) throw new AppError('resource.not_found');
    const scope = evidenceScope(
      {
        isAdministrator: caller.isAdministrator,
        helpDeskApplicationIds: await deps.assignments.helpDeskApplicationIds(database.db, caller.id),
        approverOrganizationIds: await deps.assignments.approverOrganizationIds(database.db, caller.id),
      },
      app.id,
    );
    let organizationIds: readonly string[] | undefined;
    if (scope.organizations === 'all') organizationIds = organizationId === undefined ? undefined : [organizationId];
    else if (organizationId !== undefined) {
      if (!scope.organizations.includes(organizationId)) throw new AppError('resource.not_found');
      organizationIds = [organizationId];
    } else {
      if (scope.organizations.length === 0) throw new AppError('auth.forbidden');
      organizationIds = scope.organizations;
    }
    return { catalog, app, organizationIds };
  }

  return {
    expiring,

    async expiringFor(caller, day) {
      const scope = expiringScope({
        isAdministrator: caller.isAdministrator,
        helpDeskApplicationIds: caller.isAdministrator
          ? []
          : await deps.assignments.helpDeskApplicationIds(database.db, caller.id),
      });
      if (!scope) throw new AppError('auth.forbidden');
      return scope.applications === 'all' ? expiring(day) : expiring(day, scope.applications);
    },

    async evidenceCsv(caller, query) {
      const { catalog, app, organizationIds } = await evidenceAccess(caller, query.application, query.organization);
      const from = toTimestamp(startOfDayIn(query.from, timeZone));
      const to = toTimestamp(endOfDayIn(query.to, timeZone));
      if (from > to) throw new AppError('request.invalid', { field: 'from' });
      const header = [
        'decision_id',
        'application',
        'organization_submitter_id',
        'organization_legal_name',
        'role',
        'holder_user_id',
        'holder_name',
        'certifier_user_id',
        'certifier_name',
        'decided_at',
        'acknowledgement_version',
        'outcome',
        'due_at',
        'next_due_at',
      ];
      const lines = [toCsv(header)];
      let after: DecisionRow | undefined;
      for (;;) {
        const page = await listDecisions(database.db, {
          applicationId: app.id,
          organizationIds,
          from,
          to,
          afterId: after?.id,
          afterDecidedAt: after?.decidedAt,
          limit: 2000,
        });
        const people = await deps.accounts.peopleByIds(
          database.db,
          page.flatMap((decision) =>
            decision.certifierId === null ? [decision.holderId] : [decision.holderId, decision.certifierId],
          ),
        );
        const organizations = await onFile(
          database.db,
          page.map((decision) => decision.organizationId),
        );
        for (const decision of page) {
          const holder = people.get(decision.holderId);
          // A decision whose holder is not found is left out, as the join this used to make left it out.
          if (!holder) continue;
          const certifier = decision.certifierId === null ? undefined : people.get(decision.certifierId);
          const organization = organizations.get(decision.organizationId);
          lines.push(
            toCsv([
              decision.id,
              app.code,
              organization?.submitterId ?? '',
              organization?.legalName ?? '',
              catalog.role(decision.roleId)?.name ?? decision.roleId,
              holder.userId,
              `${holder.firstName} ${holder.lastName}`,
              certifier?.userId ?? '',
              certifier ? `${certifier.firstName} ${certifier.lastName}` : '',
              decision.decidedAt,
              decision.acknowledgementVersion === null ? '' : String(decision.acknowledgementVersion),
              decision.outcome,
              decision.dueAt,
              decision.nextDueAt ?? '',
            ]),
          );
        }
        after = page.at(-1);
        if (page.length < 2000) break;
      }
      return {
        filename: `certification-evidence-${app.code}-${query.from}-to-${query.to}.csv`,
        csv: lines.join('\r\n') + '\r\n',
      };
    },

    async summary(caller, query) {
      const { app, organizationIds } = await evidenceAccess(caller, query.application, query.organization);
      const now = clock.now();
      const since = toTimestamp(addDays(now, -SUMMARY_PERIOD_DAYS));
      const overdueBefore = toTimestamp(expiredBefore(now, timeZone));
      const decisions = await countDecisions(database.db, { applicationId: app.id, organizationIds, since });
      return {
        application: { id: app.id, code: app.code, name: app.name },
        organizationId: query.organization ?? null,
        asOf: toTimestamp(now),
        certified: decisions.certified,
        due: await countDue(database.db, {
          applicationId: app.id,
          organizationIds,
          from: overdueBefore,
          upTo: toTimestamp(windowEnd(now, windowDays, timeZone)),
        }),
        overdue: await countDue(database.db, { applicationId: app.id, organizationIds, before: overdueBefore }),
        removed: decisions.expired + decisions.revoked,
        expired: decisions.expired,
        revoked: decisions.revoked,
        windowDays,
        periodDays: SUMMARY_PERIOD_DAYS,
      };
    },
  };
}
