import type { Transaction } from 'kysely';
import type { Static } from 'typebox';
import type { Database, Reader } from '../../db/database.js';
import { lockForTransaction } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import type { Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { groupIds } from '../../shared/id-lookup.js';
import { isId, newId } from '../../shared/ids.js';
import { keysetBatchPage, type KeysetPage } from '../../shared/keyset.js';
import { localizedName } from '../../shared/localized.js';
import { toTimestamp } from '../../shared/time.js';
import type { AccountsService, User } from '../accounts/accounts.service.js';
import type { UsageService } from '../usage/usage.service.js';
import type { WebhooksService } from '../webhooks/webhooks.service.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { CatalogService, Role } from '../catalog/catalog.service.js';
import type { Notifications } from '../notifications/notifications.service.js';
import { organizationRef, type OrganizationsService } from '../organizations/organizations.service.js';
import {
  countActiveHolders,
  findActiveAssignment,
  insertAssignment,
  listActiveHolderIds,
  listActiveHoldings,
  listOrganizationsWithHolders,
  listActiveInApplication,
  listApplicationIdsOfUsers,
  listHeldApplicationIds,
  listUserAssignments,
  lockAssignment,
  listCertifiedAt,
  markCertified,
  markRemoved,
  type Assignment,
  type RemovalKind,
} from './assignments.repository.js';
import { assignmentActions, mayAssignHelpDesk, removalKindFor, type RemoverStanding } from './assignments.policy.js';
import type { AssignmentViewSchema } from './assignments.schemas.js';
import { createOrganizationEndUsers, type OrganizationEndUsers } from './organization-end-users.js';
import { createHelpDeskStaff, type HelpDeskStaff } from './help-desk-staff.js';

export type { Assignment, AssignmentRow, RemovalKind } from './assignments.repository.js';
export { toAssignment } from './assignments.repository.js';

/** A role as Manage My Roles shows it, with what its holder may do with it now. */
export type AssignmentView = Static<typeof AssignmentViewSchema>;

const APPROVER_KINDS: readonly Role['kind'][] = ['approver', 'backup_approver'];

export interface AssignmentsService extends OrganizationEndUsers, HelpDeskStaff {
  /** Gives a role inside the caller's transaction (an approved request, an administrator's grant). */
  grant(
    trx: Transaction<DB>,
    actor: Actor,
    input: { userId: string; role: Role; organizationId: string; requestId: string | null },
  ): Promise<Assignment>;
  /** Removes a role, by whoever may (see assignments.policy.ts); everyone else is told it does not exist. */
  remove(actor: Actor, remover: User, assignmentId: string, reason: string): Promise<void>;
  /** Removes many roles inside the caller's transaction, set-based (see removeManyInTransaction). */
  removeManyInTransaction(
    trx: Transaction<DB>,
    actor: Actor,
    assignments: readonly Assignment[],
    removal: { kind: RemovalKind; reason: string; by: string | null },
  ): Promise<Set<string>>;
  /** Removes a role inside the caller's transaction, for sweeps and decisions that already checked. */
  removeInTransaction(
    trx: Transaction<DB>,
    actor: Actor,
    assignment: Assignment,
    removal: { kind: RemovalKind; reason: string; by: string | null },
  ): Promise<boolean>;
  /**
   * Records a certification inside the caller's transaction (the certification module decided
   * and audited it): the active roles among `ids` are certified at `values.at` and fall due next
   * at `values.nextDueAt` (null: no more), only ever moving a due date forward. Answers how many
   * were changed.
   */
  recordCertification(
    trx: Transaction<DB>,
    ids: readonly string[],
    values: { at: string; nextDueAt: string | null },
  ): Promise<number>;
  /** Manage My Roles: the roles `holder` holds and those removed, with what they may do with each. */
  /** Manage My Roles: the holder's roles, held and removed, newest first, a page before the cursor. */
  listForUser(holder: User, page: { before?: string; limit: number }): Promise<KeysetPage<AssignmentView>>;
  /** The help desk console: a person's roles (active and removed) in `applicationIds`, with what `viewer` may do. */
  listForHelpDesk(viewer: User, holderId: string, applicationIds: readonly string[]): Promise<AssignmentView[]>;
  /** For each of the users, the applications where they hold or held any role. */
  applicationIdsOfUsers(db: Reader, userIds: readonly string[]): Promise<Map<string, Set<string>>>;
  helpDeskApplicationIds(db: Reader, userId: string): Promise<string[]>;
  /** The organizations where the user is an active approver or backup approver. */
  approverOrganizationIds(db: Reader, userId: string): Promise<string[]>;
  /** The active approvers and backup approvers of an organization. */
  organizationApproverIds(db: Reader, organizationId: string): Promise<string[]>;
  /** Whether a user holds a role in an organization now. */
  holds(db: Reader, userId: string, roleId: string, organizationId: string): Promise<boolean>;
  /**
   * A user's active roles in one application (at most 1,000), oldest first, whether or not
   * their certification is past due: the caller decides what an expired one is worth.
   */
  activeInApplication(db: Reader, userId: string, applicationId: string): Promise<Assignment[]>;
  /** The applications where a user holds an active role: those told when the account changes. */
  heldApplicationIds(db: Reader, userId: string): Promise<string[]>;
  /** The help desk staff of an application. */
  helpDeskUserIds(db: Reader, applicationId: string): Promise<string[]>;
  /** Administrators make help desk staff: the application-wide help desk role of an application. */
  assignHelpDesk(actor: Actor, administrator: User, input: { userId: string; applicationCode: string }): Promise<Assignment>;
}

/** What every role event tells an application: whose role, which, and where. */
function roleEventData(assignment: Assignment, roleCode: string) {
  return {
    assignmentId: assignment.id,
    userId: assignment.userId,
    role: roleCode,
    organizationId: assignment.organizationId === '' ? null : assignment.organizationId,
  };
}

export function createAssignmentsService(deps: {
  database: Database;
  clock: Clock;
  audit: AuditLog;
  notifications: Notifications;
  catalog: CatalogService;
  organizations: OrganizationsService;
  accounts: AccountsService;
  /**
   * When a new assignment first falls due: the certification module's rule, given here so that
   * assignments do not depend on certification (which depends on assignments).
   */
  firstDueAt: (role: Role, establishedAt: Date) => Date | null;
  /** Applications are told of roles granted, removed and certified (webhooks). */
  webhooks: Pick<WebhooksService, 'emit' | 'subscribedApplicationIds'>;
  /** When each holder last used an application, shown to the organization's approvers. */
  usage?: Pick<UsageService, 'lastSignIns'>;
}): AssignmentsService {
  const { database, clock, audit } = deps;

  async function rolesOfKind(db: Reader, kinds: readonly Role['kind'][]): Promise<Role[]> {
    const apps = await deps.catalog.listApplications(db);
    return apps.flatMap((app) => app.roles).filter((role) => kinds.includes(role.kind));
  }

  async function organizationApproverIds(db: Reader, organizationId: string): Promise<string[]> {
    const roles = await rolesOfKind(db, APPROVER_KINDS);
    return listActiveHolderIds(
      db,
      organizationId,
      roles.map((role) => role.id),
    );
  }

  async function helpDeskApplicationIds(db: Reader, userId: string): Promise<string[]> {
    const roles = await rolesOfKind(db, ['help_desk']);
    return (
      await listActiveHoldings(
        db,
        userId,
        roles.map((role) => role.id),
      )
    ).map((holding) => holding.applicationId);
  }

  async function approverOrganizationIds(db: Reader, userId: string): Promise<string[]> {
    const roles = await rolesOfKind(db, APPROVER_KINDS);
    return (
      await listActiveHoldings(
        db,
        userId,
        roles.map((role) => role.id),
      )
    ).map((holding) => holding.organizationId);
  }

  /** Where `user` stands towards roles others hold, from the roles they hold now (assignments.policy.ts). */
  async function removerStanding(db: Reader, user: User): Promise<RemoverStanding> {
    const [helpDesk, approverOf] = await Promise.all([helpDeskApplicationIds(db, user.id), approverOrganizationIds(db, user.id)]);
    return {
      userId: user.id,
      isAdministrator: user.isAdministrator,
      helpDeskApplicationIds: helpDesk,
      approverOrganizationIds: approverOf,
    };
  }

  /** Roles as Manage My Roles and the consoles show them, each with what `standing` may do with it. */
  async function assignmentViews(assignments: readonly Assignment[], standing: RemoverStanding): Promise<AssignmentView[]> {
    const apps = await deps.catalog.listApplications(database.db);
    const organizations = await deps.organizations.byIds(
      database.db,
      assignments.map((assignment) => assignment.organizationId),
    );
    const views: AssignmentView[] = [];
    for (const assignment of assignments) {
      const app = apps.find((candidate) => candidate.id === assignment.applicationId);
      const role = app?.roles.find((candidate) => candidate.id === assignment.roleId);
      if (!app || !role) continue;
      const organization = organizations.get(assignment.organizationId);
      views.push({
        id: assignment.id,
        application: { id: app.id, code: app.code, name: app.name },
        role: { id: role.id, code: role.code, name: role.name, kind: role.kind },
        organization: organization ? organizationRef(organization) : null,
        status: assignment.status,
        establishedAt: assignment.establishedAt,
        lastCertifiedAt: assignment.lastCertifiedAt,
        certificationDueAt: assignment.certificationDueAt,
        removedAt: assignment.removedAt,
        removalKind: assignment.removalKind,
        removalReason: assignment.removalReason,
        allowedActions: assignmentActions(standing, assignment, role),
      });
    }
    return views;
  }

  async function grant(
    trx: Transaction<DB>,
    actor: Actor,
    input: { userId: string; role: Role; organizationId: string; requestId: string | null },
  ): Promise<Assignment> {
    const { role } = input;
    const organizationId = role.scope === 'application' ? '' : input.organizationId;
    if (role.scope === 'organization' && organizationId === '')
      throw new AppError('request.invalid', { field: 'organizationId' });
    // Holders of one role in one organization are counted one grant at a time.
    await lockForTransaction(database.kind, trx, `holders:${role.id}:${organizationId}`);
    if (await findActiveAssignment(trx, input.userId, role.id, organizationId)) throw new AppError('assignment.already_held');
    if (role.maxActivePerOrg !== null && (await countActiveHolders(trx, role.id, organizationId)) >= role.maxActivePerOrg) {
      throw new AppError('assignment.limit_reached', { limit: role.maxActivePerOrg });
    }
    const now = clock.now();
    const dueAt = deps.firstDueAt(role, now);
    const assignment: Assignment = {
      id: newId(now),
      userId: input.userId,
      applicationId: role.applicationId,
      roleId: role.id,
      organizationId,
      status: 'active',
      establishedAt: toTimestamp(now),
      lastCertifiedAt: null,
      certificationDueAt: dueAt && toTimestamp(dueAt),
      requestId: input.requestId,
      removedAt: null,
      removedBy: null,
      removalKind: null,
      removalReason: null,
      version: 1,
    };
    await insertAssignment(trx, assignment, toTimestamp(now));
    await audit.record(trx, actor, {
      action: 'role.granted',
      target: { type: 'role_assignment', id: assignment.id },
      after: {
        userId: input.userId,
        roleId: role.id,
        organizationId,
        requestId: input.requestId,
        certificationDueAt: assignment.certificationDueAt,
      },
      scope: { applicationId: role.applicationId, organizationId },
    });
    if (APPROVER_KINDS.includes(role.kind)) await deps.organizations.setOrphaned(trx, organizationId, false);
    await deps.webhooks.emit(trx, [
      {
        type: 'role.granted',
        applicationId: role.applicationId,
        data: { ...roleEventData(assignment, role.code), certificationDueAt: assignment.certificationDueAt },
      },
    ]);
    return assignment;
  }

  /**
   * Removes many roles at once, set-based: one compare-and-set statement per chunk, then for each
   * role removed one audit entry and one email to its holder, written in the same transaction; an
   * organization left without an approver is flagged orphaned. Answers the ids removed (a role
   * that changed since it was read is left alone).
   */
  async function removeManyInTransaction(
    trx: Transaction<DB>,
    actor: Actor,
    assignments: readonly Assignment[],
    removal: { kind: RemovalKind; reason: string; by: string | null },
  ): Promise<Set<string>> {
    const at = toTimestamp(clock.now());
    const removedIds = await markRemoved(trx, assignments, { at, ...removal });
    const removed = assignments.filter((assignment) => removedIds.has(assignment.id));
    if (removed.length === 0) return removedIds;
    const apps = await deps.catalog.listApplications(trx);
    const applicationById = new Map(apps.map((app) => [app.id, app]));
    const roleById = new Map(apps.flatMap((app) => app.roles).map((role) => [role.id, role]));
    await audit.recordMany(
      trx,
      actor,
      removed.map((assignment) => ({
        action: 'role.removed',
        target: { type: 'role_assignment', id: assignment.id },
        before: { status: 'active' },
        after: {
          status: 'removed',
          kind: removal.kind,
          reason: removal.reason,
          userId: assignment.userId,
          roleId: assignment.roleId,
          organizationId: assignment.organizationId,
        },
        scope: { applicationId: assignment.applicationId, organizationId: assignment.organizationId },
      })),
    );
    const [holders, organizations] = await Promise.all([
      deps.accounts.peopleByIds(
        trx,
        removed.map((assignment) => assignment.userId),
      ),
      deps.organizations.onFileByIds(
        trx,
        removed.map((assignment) => assignment.organizationId),
      ),
    ]);
    await deps.notifications.enqueueEmails(
      trx,
      removed.flatMap((assignment) => {
        const holder = holders.get(assignment.userId);
        const role = roleById.get(assignment.roleId);
        const application = applicationById.get(assignment.applicationId);
        if (!holder || !role) return [];
        return [
          {
            to: holder.email,
            language: holder.language,
            template: 'role.removed' as const,
            params: {
              firstName: holder.firstName,
              roleName: localizedName(role),
              applicationName: application ? localizedName(application) : '',
              organizationName: organizations.get(assignment.organizationId)?.legalName ?? '',
              reason: removal.reason,
            },
          },
        ];
      }),
    );
    await deps.webhooks.emit(
      trx,
      removed.flatMap((assignment) => {
        const data = {
          ...roleEventData(assignment, roleById.get(assignment.roleId)?.code ?? ''),
          kind: removal.kind,
          reason: removal.reason,
        };
        const removedEvent = { type: 'role.removed' as const, applicationId: assignment.applicationId, data };
        return removal.kind === 'certification_expired'
          ? [removedEvent, { type: 'certification.expired' as const, applicationId: assignment.applicationId, data }]
          : [removedEvent];
      }),
    );
    const approverOrganizations = new Set(
      removed
        .filter((assignment) => APPROVER_KINDS.includes(roleById.get(assignment.roleId)?.kind ?? 'end_user'))
        .map((assignment) => assignment.organizationId),
    );
    if (approverOrganizations.size > 0) {
      const approverRoleIds = [...roleById.values()].filter((role) => APPROVER_KINDS.includes(role.kind)).map((role) => role.id);
      const stillApproved = await listOrganizationsWithHolders(trx, [...approverOrganizations], approverRoleIds);
      await deps.organizations.markOrphaned(
        trx,
        [...approverOrganizations].filter((organizationId) => !stillApproved.has(organizationId)),
      );
    }
    return removedIds;
  }

  async function removeInTransaction(
    trx: Transaction<DB>,
    actor: Actor,
    assignment: Assignment,
    removal: { kind: RemovalKind; reason: string; by: string | null },
  ): Promise<boolean> {
    return (await removeManyInTransaction(trx, actor, [assignment], removal)).has(assignment.id);
  }

  return {
    ...createOrganizationEndUsers({ ...deps, removerStanding: (viewer) => removerStanding(database.db, viewer) }),
    ...createHelpDeskStaff({ ...deps, removerStanding: (viewer) => removerStanding(database.db, viewer) }),
    grant,
    removeInTransaction,
    removeManyInTransaction,
    helpDeskApplicationIds,
    organizationApproverIds,
    approverOrganizationIds,
    async recordCertification(trx, ids, values) {
      const changed = await markCertified(trx, ids, values);
      const subscribed = await deps.webhooks.subscribedApplicationIds(trx);
      if (changed > 0 && subscribed.size > 0) {
        const certified = (await listCertifiedAt(trx, ids, values.at)).filter((assignment) =>
          subscribed.has(assignment.applicationId),
        );
        const roleById = new Map(
          (await deps.catalog.listApplications(trx)).flatMap((app) => app.roles).map((role) => [role.id, role]),
        );
        await deps.webhooks.emit(
          trx,
          certified.map((assignment) => ({
            type: 'role.certified',
            applicationId: assignment.applicationId,
            data: {
              ...roleEventData(assignment, roleById.get(assignment.roleId)?.code ?? ''),
              certifiedAt: values.at,
              certificationDueAt: values.nextDueAt,
            },
          })),
        );
      }
      return changed;
    },

    activeInApplication: (db, userId, applicationId) => listActiveInApplication(db, userId, applicationId),
    heldApplicationIds: (db, userId) => listHeldApplicationIds(db, userId),

    async holds(db, userId, roleId, organizationId) {
      return (await findActiveAssignment(db, userId, roleId, organizationId)) !== undefined;
    },

    async helpDeskUserIds(db, applicationId) {
      const roles = (await rolesOfKind(db, ['help_desk'])).filter((role) => role.applicationId === applicationId);
      return listActiveHolderIds(
        db,
        '',
        roles.map((role) => role.id),
      );
    },

    async remove(actor, remover, assignmentId, reason) {
      if (reason.trim() === '') throw new AppError('assignment.reason_required');
      await database.transaction(async (trx) => {
        const assignment = await lockAssignment(trx, database.kind, assignmentId);
        if (!assignment || assignment.status !== 'active') throw new AppError('resource.not_found');
        const role = await deps.catalog.getRole(trx, assignment.roleId);
        const kind = removalKindFor(await removerStanding(trx, remover), assignment, role);
        // Someone with no standing over this role does not learn that it exists.
        if (!kind) throw new AppError('resource.not_found');
        await removeInTransaction(trx, actor, assignment, { kind, reason: reason.trim(), by: remover.id });
      });
    },

    async listForUser(holder, page) {
      if (page.before !== undefined && !isId(page.before)) throw new AppError('request.invalid', { field: 'cursor' });
      const [assignments, standing] = await Promise.all([
        listUserAssignments(database.db, holder.id, page.limit + 1, page.before),
        removerStanding(database.db, holder),
      ]);
      return keysetBatchPage(assignments, page.limit, (shown) => assignmentViews(shown, standing));
    },

    async listForHelpDesk(viewer, holderId, applicationIds) {
      const [assignments, standing] = await Promise.all([
        listUserAssignments(database.db, holderId, 500),
        removerStanding(database.db, viewer),
      ]);
      return assignmentViews(
        assignments.filter((assignment) => applicationIds.includes(assignment.applicationId)),
        standing,
      );
    },

    async applicationIdsOfUsers(db, userIds) {
      const rows = await listApplicationIdsOfUsers(db, userIds);
      return groupIds(rows.map((row) => [row.userId, row.applicationId] as const));
    },

    async assignHelpDesk(actor, administrator, input) {
      if (!mayAssignHelpDesk(administrator)) throw new AppError('auth.forbidden');
      const app = await deps.catalog.getApplication(input.applicationCode);
      const role = app.roles.find((candidate) => candidate.kind === 'help_desk');
      if (!role) throw new AppError('resource.not_found');
      const user = await deps.accounts.findByUserId(input.userId);
      if (!user) throw new AppError('resource.not_found');
      return database.transaction((trx) => grant(trx, actor, { userId: user.id, role, organizationId: '', requestId: null }));
    },
  };
}
