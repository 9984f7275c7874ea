import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import type { Actor, Caller } from '../../shared/actor.js';
import { newId } from '../../shared/ids.js';
import { toTimestamp } from '../../shared/time.js';
import type { AuditEvent } from '../audit/audit.service.js';
import { certifierKindFor, CERTIFICATION_ACTION_TARGETS, itemActions, type CertificationAction } from './certification.policy.js';
import { assertCertificationMove, certificationStateOf, type CertificationState } from './certification-states.js';
import { lockAllCertifiable, type CertifierScope } from './certification.repository.js';
import type { CertificationDeps, CertificationService } from './certification.service.js';
import type { CatalogIndex, CertifierStanding } from './certifier-standing.js';
import { insertDecisions, lockAssignments, type NewDecision } from './decisions.repository.js';
import { listApproversOf } from './directory.repository.js';
import type { DueAssignment } from './due-items.repository.js';
import { expiredBefore, nextDueAfterCertification, windowEnd } from './due-dates.js';

/*
 * Certify or revoke: one row, a selection, or the whole list, in one transaction, all or nothing.
 * Each decision is recorded once per due date; a certified role moves to its next due date and a
 * revoked one is removed, both through the assignments service.
 */

export interface DecisionInput {
  outcome: CertificationAction;
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

const DEFAULT_REVOKE_REASON = 'certification revoked';

export function createCertificationDecisions(
  deps: Pick<CertificationDeps, 'config' | 'database' | 'clock' | 'audit' | 'assignments'>,
  standing: CertifierStanding,
  acknowledgement: CertificationService['acknowledgement'],
): Pick<CertificationService, 'decide'> {
  const { database, clock, audit } = deps;
  const timeZone = deps.config.timeZone;
  const windowDays = deps.config.certification.windowDays;
  const { catalogIndex, scopeOf } = standing;

  /** The item ids a decision names, checked: every one the caller's to decide now, or nothing changes. */
  async function lockNamedItems(
    trx: Transaction<DB>,
    catalog: CatalogIndex,
    scope: CertifierScope,
    ids: readonly string[],
    action: CertificationAction,
    bounds: { dueUpTo: string; overdueBefore: string },
  ): Promise<DueAssignment[]> {
    const items = await lockAssignments(trx, database.kind, ids);
    const found = new Map(items.map((item) => [item.assignment.id, item]));
    const approvers = await listApproversOf(
      trx,
      items.map((item) => item.assignment.organizationId),
      scope.approverRoleIds,
    );
    const problems = { notFound: [] as string[], self: [] as string[] };
    const refused: { assignmentId: string; state: CertificationState }[] = [];
    for (const id of new Set(ids)) {
      const item = found.get(id);
      const role = item && catalog.role(item.assignment.roleId);
      if (!item || !role) {
        problems.notFound.push(id);
        continue;
      }
      if (item.assignment.userId === scope.userId) {
        problems.self.push(id);
        continue;
      }
      const certifiedAs = certifierKindFor(
        scope,
        {
          holderId: item.assignment.userId,
          applicationId: item.assignment.applicationId,
          organizationId: item.assignment.organizationId,
          role,
        },
        approvers.get(item.assignment.organizationId) ?? [],
      );
      const state = certificationStateOf(item.assignment, bounds);
      // The rule the list's allowedActions come from.
      if (itemActions(certifiedAs, state).includes(action)) continue;
      if (!certifiedAs) problems.notFound.push(id);
      else refused.push({ assignmentId: id, state });
    }
    // Someone who may not certify an item is not told it exists.
    if (problems.notFound.length > 0) throw new AppError('resource.not_found');
    if (problems.self.length > 0) throw new AppError('certification.self', { assignmentIds: problems.self });
    // The transitions table says why the rest are refused: decided already, or not due yet.
    assertCertificationMove(refused, CERTIFICATION_ACTION_TARGETS[action]);
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
      const before = clock.now();
      const dueUpTo = toTimestamp(windowEnd(before, windowDays, timeZone));
      const overdueBefore = toTimestamp(expiredBefore(before, timeZone));
      // The whole list is chosen in SQL by the same rule: the caller's items, active, due within the window.
      const items =
        input.all === true
          ? await lockAllCertifiable(trx, database.kind, scope, dueUpTo)
          : await lockNamedItems(trx, catalog, scope, ids, input.outcome, { dueUpTo, overdueBefore });
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
          holderId: item.assignment.userId,
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
          const group = byNextDue.get(decision.nextDueAt);
          if (group) group.push(decision.assignmentId);
          else byNextDue.set(decision.nextDueAt, [decision.assignmentId]);
        }
        let updated = 0;
        for (const [nextDueAt, group] of byNextDue) {
          updated += await deps.assignments.recordCertification(trx, group, { at, nextDueAt });
        }
        if (updated !== decisions.length) throw new AppError('certification.already_decided');
      } else {
        const removed = await deps.assignments.removeManyInTransaction(
          trx,
          actor,
          items.map((item) => item.assignment),
          { kind: 'certification_revoked', reason, by: caller.id },
        );
        const missed = items.filter((item) => !removed.has(item.assignment.id)).map((item) => item.assignment.id);
        if (missed.length > 0) throw new AppError('certification.already_decided', { assignmentIds: missed });
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
        scope: { applicationId: decision.applicationId, organizationId: decision.organizationId },
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

  return { decide };
}
