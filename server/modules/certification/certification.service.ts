import type { Transaction } from 'kysely';
import type { Database, Reader } from '../../db/database.js';
import { lockForTransaction } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { AppError, type Language } from '../../http/errors.js';
import type { Actor, Caller } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { addDays, calendarDateIn, endOfDayIn, startOfDayIn, toTimestamp } from '../../shared/time.js';
import type { AccountsService } from '../accounts/accounts.service.js';
import type { AssignmentsService } from '../assignments/assignments.service.js';
import type { AuditEvent, AuditLog } from '../audit/audit.service.js';
import type { ApplicationWithRoles, CatalogService, Role } from '../catalog/catalog.service.js';
import { certifierKindFor, certifiersOf, compareWithOnFile, evidenceScope, type CertifierKind } from './certification.policy.js';
import {
  countDecisions,
  countDue,
  findCurrentAcknowledgement,
  insertAcknowledgement,
  insertDecisions,
  listApproversOf,
  listCertifiable,
  listCertifiableOfHolder,
  listDecisions,
  listDueUpTo,
  listOrganizations,
  lockAllCertifiable,
  lockAssignments,
  markCertified,
  type AcknowledgementVersion,
  type CertifierScope,
  type DecisionRecord,
  type DueItem,
  type NewDecision,
} from './certification.repository.js';
import { toCsv } from './csv.js';
import { calendarDaysBetween, dueDayOf, expiredBefore, nextDueAfterCertification, windowEnd } from './due-dates.js';

export type { AcknowledgementVersion } from './certification.repository.js';

export type { Caller } from '../../shared/actor.js';

/** One row of "My Annual Role Certifications". */
export interface CertificationItemView {
  assignmentId: string;
  holder: { id: string; userId: string; firstName: string; lastName: string; email: string; lastSignInAt: string | null };
  application: { id: string; code: string; name: string };
  role: { id: string; code: string; name: string; kind: Role['kind'] };
  organization: { id: string; submitterId: string; legalName: string } | null;
  establishedAt: string;
  lastCertifiedAt: string | null;
  dueAt: string;
  /** The due day (YYYY-MM-DD) in the program's time zone; the role is removed when it ends. */
  dueDay: string;
  /** Calendar days from today to the due day; 0 on the due day, negative when overdue. */
  daysLeft: number;
  /** Why the caller sees it: as one of the organization's approvers, or as help desk. */
  certifiedAs: CertifierKind;
  /** Help-desk-certified roles: the person on file for that role and whether the holder matches. */
  onFile: {
    firstName: string;
    lastName: string;
    email: string;
    nameMatches: boolean;
    emailMatches: boolean;
    matches: boolean;
  } | null;
  /** Whether it can be decided now (due within the list window). */
  decidable: boolean;
}

export interface DecisionInput {
  outcome: 'certify' | 'revoke';
  acknowledged?: boolean;
  acknowledgementVersion: number;
  assignmentIds?: string[];
  all?: boolean;
  reason?: string;
}

export interface DecisionResult {
  outcome: 'certified' | 'revoked';
  count: number;
  decidedAt: string;
  acknowledgementVersion: number;
  assignmentIds: string[];
}

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
const DEFAULT_REVOKE_REASON = 'certification revoked';
export const EXPIRED_REASON = 'certification expired';

/** The catalog, indexed; read once per use case. */
export interface CatalogIndex {
  applications: ApplicationWithRoles[];
  role(id: string): Role | undefined;
  application(id: string): ApplicationWithRoles | undefined;
}

export interface CertificationService {
  acknowledgement(db: Reader): Promise<AcknowledgementVersion>;
  acknowledgementText(version: AcknowledgementVersion, language: Language): string;
  publishAcknowledgement(
    actor: Actor,
    caller: Caller,
    input: { textEn: string; textEs: string },
  ): Promise<AcknowledgementVersion>;
  /** My Annual Role Certifications: what the caller may certify, due within the window, soonest first. */
  list(
    caller: Caller,
    page: { cursor?: string; limit: number },
  ): Promise<{ items: CertificationItemView[]; nextCursor: string | null; windowDays: number }>;
  /** A holder's roles the caller may certify, whatever their due date; not found when none. */
  holderDetails(
    caller: Caller,
    holderId: string,
  ): Promise<{ holder: CertificationItemView['holder']; items: CertificationItemView[] }>;
  /** Certify or revoke one row, a selection, or the whole list: one transaction, all or nothing. */
  decide(actor: Actor, caller: Caller, input: DecisionInput): Promise<DecisionResult>;
  /** Dry run: what would be removed at the end of `day` (YYYY-MM-DD) if nobody certifies it. */
  expiring(day: string, applicationIds?: readonly string[]): Promise<ExpiringItem[]>;
  /** The dry run for help desk (their applications) and administrators. */
  expiringFor(caller: Caller, day: string): Promise<ExpiringItem[]>;
  evidenceCsv(
    caller: Caller,
    query: { application: string; organization?: string; from: string; to: string },
  ): Promise<{ filename: string; csv: string }>;
  summary(caller: Caller, query: { application: string; organization?: string }): Promise<CertificationSummary>;
  /** Internals the sweep shares. */
  catalogIndex(db: Reader): Promise<CatalogIndex>;
  certifiersFor(
    db: Reader,
    catalog: CatalogIndex,
    items: readonly DueItem[],
  ): Promise<Map<string, { kind: CertifierKind; userIds: string[] }>>;
}

export function createCertificationService(deps: {
  config: {
    timeZone: string;
    publicUrl: string;
    certification: { windowDays: number };
  };
  database: Database;
  clock: Clock;
  audit: AuditLog;
  accounts: AccountsService;
  catalog: CatalogService;
  assignments: AssignmentsService;
}): CertificationService {
  const { database, clock, audit } = deps;
  const timeZone = deps.config.timeZone;
  const windowDays = deps.config.certification.windowDays;

  async function catalogIndex(db: Reader): Promise<CatalogIndex> {
    const applications = await deps.catalog.listApplications(db);
    const roles = new Map(applications.flatMap((app) => app.roles.map((role) => [role.id, role] as const)));
    const apps = new Map(applications.map((app) => [app.id, app] as const));
    return { applications, role: (id) => roles.get(id), application: (id) => apps.get(id) };
  }

  async function scopeOf(db: Reader, catalog: CatalogIndex, userId: string): Promise<CertifierScope> {
    // Sequential on purpose: inside a transaction every query shares one connection.
    const approverOrganizationIds = await deps.assignments.approverOrganizationIds(db, userId);
    const helpDeskApplicationIds = await deps.assignments.helpDeskApplicationIds(db, userId);
    const roles = catalog.applications.flatMap((app) => app.roles);
    return {
      userId,
      approverOrganizationIds,
      helpDeskApplicationIds,
      orgCertifiedRoleIds: roles.filter((role) => role.certifiedBy === 'org_approvers').map((role) => role.id),
      helpDeskCertifiedRoleIds: roles.filter((role) => role.certifiedBy === 'help_desk').map((role) => role.id),
      approverRoleIds: roles.filter((role) => role.kind === 'approver' || role.kind === 'backup_approver').map((role) => role.id),
    };
  }

  function approverRoleIdsOf(catalog: CatalogIndex): string[] {
    return catalog.applications
      .flatMap((app) => app.roles)
      .filter((role) => role.kind === 'approver' || role.kind === 'backup_approver')
      .map((role) => role.id);
  }

  async function certifiersFor(db: Reader, catalog: CatalogIndex, items: readonly DueItem[]) {
    const approvers = await listApproversOf(
      db,
      items.map((item) => item.assignment.organizationId),
      approverRoleIdsOf(catalog),
    );
    const helpDesk = new Map<string, string[]>();
    for (const applicationId of new Set(items.map((item) => item.assignment.applicationId))) {
      helpDesk.set(applicationId, await deps.assignments.helpDeskUserIds(db, applicationId));
    }
    const result = new Map<string, { kind: CertifierKind; userIds: string[] }>();
    for (const item of items) {
      const role = catalog.role(item.assignment.roleId);
      if (!role) continue;
      const found = certifiersOf(
        {
          holderId: item.holder.id,
          applicationId: item.assignment.applicationId,
          organizationId: item.assignment.organizationId,
          role,
        },
        approvers.get(item.assignment.organizationId) ?? [],
        helpDesk.get(item.assignment.applicationId) ?? [],
      );
      if (found) result.set(item.assignment.id, found);
    }
    return result;
  }

  /** Rows for the web app: catalog names, organizations and records on file, in a few queries. */
  async function views(
    db: Reader,
    catalog: CatalogIndex,
    scope: CertifierScope,
    items: readonly DueItem[],
  ): Promise<CertificationItemView[]> {
    const organizations = await listOrganizations(
      db,
      items.map((item) => item.assignment.organizationId),
    );
    const approvers = await listApproversOf(
      db,
      items.map((item) => item.assignment.organizationId),
      scope.approverRoleIds,
    );
    const now = clock.now();
    const today = calendarDateIn(now, timeZone);
    const upTo = toTimestamp(windowEnd(now, windowDays, timeZone));
    const out: CertificationItemView[] = [];
    for (const item of items) {
      const role = catalog.role(item.assignment.roleId);
      const app = catalog.application(item.assignment.applicationId);
      if (!role || !app) continue;
      const certifiedAs = certifierKindFor(
        scope,
        {
          holderId: item.holder.id,
          applicationId: app.id,
          organizationId: item.assignment.organizationId,
          role,
        },
        approvers.get(item.assignment.organizationId) ?? [],
      );
      if (!certifiedAs) continue;
      const organization = organizations.get(item.assignment.organizationId);
      const comparison =
        role.certifiedBy === 'help_desk' && organization ? compareWithOnFile(item.holder, role.kind, organization) : undefined;
      const dueDay = dueDayOf(item.dueAt, timeZone);
      out.push({
        assignmentId: item.assignment.id,
        holder: {
          id: item.holder.id,
          userId: item.holder.userId,
          firstName: item.holder.firstName,
          lastName: item.holder.lastName,
          email: item.holder.email,
          lastSignInAt: item.holder.lastSignInAt,
        },
        application: { id: app.id, code: app.code, name: app.name },
        role: { id: role.id, code: role.code, name: role.name, kind: role.kind },
        organization: organization
          ? { id: organization.id, submitterId: organization.submitterId, legalName: organization.legalName }
          : null,
        establishedAt: item.assignment.establishedAt,
        lastCertifiedAt: item.assignment.lastCertifiedAt,
        dueAt: item.dueAt,
        dueDay,
        daysLeft: calendarDaysBetween(today, dueDay),
        certifiedAs,
        onFile: comparison
          ? {
              ...comparison.person,
              nameMatches: comparison.nameMatches,
              emailMatches: comparison.emailMatches,
              matches: comparison.matches,
            }
          : null,
        decidable: item.dueAt <= upTo,
      });
    }
    return out;
  }

  async function acknowledgement(db: Reader): Promise<AcknowledgementVersion> {
    const current = await findCurrentAcknowledgement(db);
    // A migration publishes version 1, so there is always one.
    if (!current) throw new Error('No certification acknowledgement is published');
    return current;
  }

  function encodeCursor(item: DueItem): string {
    return Buffer.from(JSON.stringify([item.dueAt, item.assignment.id])).toString('base64url');
  }

  function decodeCursor(cursor: string): { dueAt: string; id: string } {
    try {
      const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
      if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') {
        return { dueAt: value[0], id: value[1] };
      }
    } catch {
      // Falls through to the error below.
    }
    throw new AppError('request.invalid', { field: 'cursor' });
  }

  /** The item ids a decision names, checked: every one the caller's to decide now, or nothing changes. */
  async function lockNamedItems(
    trx: Transaction<DB>,
    catalog: CatalogIndex,
    scope: CertifierScope,
    ids: readonly string[],
    dueUpTo: string,
  ): Promise<DueItem[]> {
    const items = await lockAssignments(trx, database.kind, ids);
    const found = new Map(items.map((item) => [item.assignment.id, item]));
    const approvers = await listApproversOf(
      trx,
      items.map((item) => item.assignment.organizationId),
      scope.approverRoleIds,
    );
    const problems = { notFound: [] as string[], self: [] as string[], decided: [] as string[], notDue: [] as string[] };
    for (const id of new Set(ids)) {
      const item = found.get(id);
      const role = item && catalog.role(item.assignment.roleId);
      if (!item || !role) {
        problems.notFound.push(id);
        continue;
      }
      if (item.holder.id === scope.userId) {
        problems.self.push(id);
        continue;
      }
      const kind = certifierKindFor(
        scope,
        {
          holderId: item.holder.id,
          applicationId: item.assignment.applicationId,
          organizationId: item.assignment.organizationId,
          role,
        },
        approvers.get(item.assignment.organizationId) ?? [],
      );
      if (!kind) problems.notFound.push(id);
      else if (item.assignment.status !== 'active') problems.decided.push(id);
      else if (item.assignment.certificationDueAt === null || item.assignment.certificationDueAt > dueUpTo)
        problems.notDue.push(id);
    }
    // Someone who may not certify an item is not told it exists.
    if (problems.notFound.length > 0) throw new AppError('resource.not_found');
    if (problems.self.length > 0) throw new AppError('certification.self', { assignmentIds: problems.self });
    if (problems.decided.length > 0) throw new AppError('certification.already_decided', { assignmentIds: problems.decided });
    if (problems.notDue.length > 0) throw new AppError('certification.not_due', { assignmentIds: problems.notDue });
    return [...found.values()];
  }

  async function decide(actor: Actor, caller: Caller, input: DecisionInput): Promise<DecisionResult> {
    if (input.acknowledged !== true) throw new AppError('certification.acknowledgement_required');
    const ids = input.assignmentIds ?? [];
    if (input.all === true && ids.length > 0) throw new AppError('request.invalid', { field: 'assignmentIds' });
    if (input.all !== true && ids.length === 0) throw new AppError('certification.nothing_selected');
    const reason = input.reason?.trim() || DEFAULT_REVOKE_REASON;

    return database.transaction(async (trx) => {
      const current = await acknowledgement(trx);
      if (input.acknowledgementVersion !== current.version) {
        throw new AppError('certification.acknowledgement_outdated', { currentVersion: current.version });
      }
      const catalog = await catalogIndex(trx);
      const scope = await scopeOf(trx, catalog, caller.id);
      const dueUpTo = toTimestamp(windowEnd(clock.now(), windowDays, timeZone));
      const items =
        input.all === true
          ? await lockAllCertifiable(trx, database.kind, scope, dueUpTo)
          : await lockNamedItems(trx, catalog, scope, ids, dueUpTo);
      // The decision's time is taken once the rows are locked: a time taken before could be
      // earlier than that of a decision which held the lock first and already moved the due date.
      const now = clock.now();
      const at = toTimestamp(now);
      const outcome = input.outcome === 'certify' ? 'certified' : 'revoked';

      const decisions: NewDecision[] = items.map((item) => {
        const role = catalog.role(item.assignment.roleId);
        const nextDue = outcome === 'certified' && role ? nextDueAfterCertification(role, now, item.dueAt) : null;
        return {
          id: newId(now),
          assignmentId: item.assignment.id,
          applicationId: item.assignment.applicationId,
          organizationId: item.assignment.organizationId,
          roleId: item.assignment.roleId,
          holderId: item.holder.id,
          certifierId: caller.id,
          outcome,
          acknowledgementVersion: current.version,
          dueAt: item.dueAt,
          nextDueAt: nextDue && toTimestamp(nextDue),
          decidedAt: at,
        };
      });
      // The unique (assignment, due date) index: a due date someone decided meanwhile (the
      // expiry sweep, another certifier) inserts nothing here, and the whole batch is refused.
      const inserted = await insertDecisions(trx, decisions);
      if (inserted.size !== decisions.length) {
        throw new AppError('certification.already_decided', {
          assignmentIds: decisions.filter((decision) => !inserted.has(decision.assignmentId)).map((d) => d.assignmentId),
        });
      }

      if (outcome === 'certified') {
        const byNextDue = new Map<string | null, string[]>();
        for (const decision of decisions) {
          byNextDue.set(decision.nextDueAt, [...(byNextDue.get(decision.nextDueAt) ?? []), decision.assignmentId]);
        }
        let updated = 0;
        for (const [nextDueAt, group] of byNextDue) updated += await markCertified(trx, group, { at, nextDueAt });
        if (updated !== decisions.length) throw new AppError('certification.already_decided');
      } else {
        for (const item of items) {
          const removed = await deps.assignments.removeInTransaction(trx, actor, item.assignment, {
            kind: 'certification_revoked',
            reason,
            by: caller.id,
          });
          if (!removed) throw new AppError('certification.already_decided', { assignmentIds: [item.assignment.id] });
        }
      }

      const events: AuditEvent[] = decisions.map((decision) => ({
        action: `certification.${outcome}`,
        target: { type: 'role_assignment', id: decision.assignmentId },
        before: { certificationDueAt: decision.dueAt },
        after: {
          decisionId: decision.id,
          holderId: decision.holderId,
          roleId: decision.roleId,
          organizationId: decision.organizationId,
          acknowledgementVersion: current.version,
          nextDueAt: decision.nextDueAt,
          ...(outcome === 'revoked' ? { reason } : {}),
        },
      }));
      await audit.recordMany(trx, actor, events);
      return {
        outcome,
        count: decisions.length,
        decidedAt: at,
        acknowledgementVersion: current.version,
        assignmentIds: decisions.map((decision) => decision.assignmentId),
      };
    });
  }

  async function expiring(day: string, applicationIds?: readonly string[]): Promise<ExpiringItem[]> {
    const catalog = await catalogIndex(database.db);
    const dueUpTo = toTimestamp(endOfDayIn(day, timeZone));
    const out: ExpiringItem[] = [];
    let after: { dueAt: string; id: string } | undefined;
    for (;;) {
      const page = await listDueUpTo(database.db, { dueUpTo, applicationIds, after, limit: 1000 });
      const organizations = await listOrganizations(
        database.db,
        page.map((item) => item.assignment.organizationId),
      );
      for (const item of page) {
        const role = catalog.role(item.assignment.roleId);
        const app = catalog.application(item.assignment.applicationId);
        if (!role || !app || role.certifiedBy === 'none') continue;
        const organization = organizations.get(item.assignment.organizationId);
        out.push({
          assignmentId: item.assignment.id,
          holder: {
            id: item.holder.id,
            userId: item.holder.userId,
            firstName: item.holder.firstName,
            lastName: item.holder.lastName,
            email: item.holder.email,
          },
          application: { id: app.id, code: app.code, name: app.name },
          role: { id: role.id, code: role.code, name: role.name, kind: role.kind },
          organization: organization
            ? { id: organization.id, submitterId: organization.submitterId, legalName: organization.legalName }
            : null,
          dueAt: item.dueAt,
          dueDay: dueDayOf(item.dueAt, timeZone),
        });
      }
      const last = page.at(-1);
      if (page.length < 1000 || !last) break;
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
    acknowledgement,
    acknowledgementText: (version, language) => (language === 'es' ? version.textEs : version.textEn),
    catalogIndex,
    certifiersFor,
    decide,
    expiring,

    async publishAcknowledgement(actor, caller, input) {
      if (!caller.isAdministrator) throw new AppError('auth.forbidden');
      const textEn = input.textEn.trim();
      const textEs = input.textEs.trim();
      if (textEn === '') throw new AppError('request.invalid', { field: 'textEn' });
      if (textEs === '') throw new AppError('request.invalid', { field: 'textEs' });
      return database.transaction(async (trx) => {
        // Two administrators publishing at once get consecutive versions.
        await lockForTransaction(database.kind, trx, 'acknowledgement_versions');
        const previous = await acknowledgement(trx);
        const now = clock.now();
        const published: AcknowledgementVersion = {
          version: previous.version + 1,
          textEn,
          textEs,
          publishedAt: toTimestamp(now),
        };
        await insertAcknowledgement(trx, newId(now), published);
        await audit.record(trx, actor, {
          action: 'certification.acknowledgement_published',
          target: { type: 'acknowledgement_version', id: String(published.version) },
          before: { version: previous.version },
          after: { version: published.version, textEn, textEs },
        });
        return published;
      });
    },

    async list(caller, page) {
      const catalog = await catalogIndex(database.db);
      const scope = await scopeOf(database.db, catalog, caller.id);
      const dueUpTo = toTimestamp(windowEnd(clock.now(), windowDays, timeZone));
      const rows = await listCertifiable(database.db, scope, {
        dueUpTo,
        after: page.cursor === undefined ? undefined : decodeCursor(page.cursor),
        limit: page.limit + 1,
      });
      const pageRows = rows.slice(0, page.limit);
      const last = pageRows.at(-1);
      return {
        items: await views(database.db, catalog, scope, pageRows),
        nextCursor: rows.length > page.limit && last ? encodeCursor(last) : null,
        windowDays,
      };
    },

    async holderDetails(caller, holderId) {
      const catalog = await catalogIndex(database.db);
      const scope = await scopeOf(database.db, catalog, caller.id);
      const items = await views(database.db, catalog, scope, await listCertifiableOfHolder(database.db, scope, holderId));
      const first = items[0];
      if (!first) throw new AppError('resource.not_found');
      return { holder: first.holder, items };
    },

    async expiringFor(caller, day) {
      if (caller.isAdministrator) return expiring(day);
      const applicationIds = await deps.assignments.helpDeskApplicationIds(database.db, caller.id);
      if (applicationIds.length === 0) throw new AppError('auth.forbidden');
      return expiring(day, applicationIds);
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
      let after: DecisionRecord | undefined;
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
        const organizations = await listOrganizations(
          database.db,
          page.map((decision) => decision.organizationId),
        );
        for (const decision of page) {
          const organization = organizations.get(decision.organizationId);
          lines.push(
            toCsv([
              decision.id,
              app.code,
              organization?.submitterId ?? '',
              organization?.legalName ?? '',
              catalog.role(decision.roleId)?.name ?? decision.roleId,
              decision.holder.userId,
              `${decision.holder.firstName} ${decision.holder.lastName}`,
              decision.certifier?.userId ?? '',
              decision.certifier ? `${decision.certifier.firstName} ${decision.certifier.lastName}` : '',
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
