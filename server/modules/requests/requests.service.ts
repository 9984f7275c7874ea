import type { Transaction } from 'kysely';
import type { Static } from 'typebox';
import { nextCounterValue } from '../../db/counters.js';
import type { Database, Reader } from '../../db/database.js';
import { lockForTransaction } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import type { Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { groupIds } from '../../shared/id-lookup.js';
import { isId, newId } from '../../shared/ids.js';
import { localizedName } from '../../shared/localized.js';
import { keysetBatchPage, type KeysetPage } from '../../shared/keyset.js';
import { addDays, toTimestamp } from '../../shared/time.js';
import type { AccountsService, User } from '../accounts/accounts.service.js';
import type { AssignmentsService } from '../assignments/assignments.service.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { ApplicationWithRoles, CatalogService, Role } from '../catalog/catalog.service.js';
import type { Notifications } from '../notifications/notifications.service.js';
import { organizationRef, type Organization, type OrganizationsService } from '../organizations/organizations.service.js';
import { mayReadRequest, refusalOf, requestActions, type RequestAction, type RequestStanding } from './requests.policy.js';
import type { RequestViewSchema } from './requests.schemas.js';
import { createRequestReport, type RequestWeekFigures } from './request-report.js';
import {
  closeRequest,
  findPendingRequest,
  findRequest,
  insertRequest,
  listDecidable,
  listRequestedApplicationIds,
  listRequestsOf,
  lockRequest,
  type RoleRequest,
  type RoutedTo,
} from './requests.repository.js';

export type { RoleRequest, RequestStatus } from './requests.repository.js';

export interface SubmitInput {
  roleId: string;
  /** An existing, active organization. */
  organizationId?: string;
  /** For an approver: the organization to create, from an approved new-organization form. */
  newOrganization?: { submitterId: string; legalName: string };
  reason: string;
}

/** A role request as its answers show it, with what the caller may do with it now. */
export type RequestView = Static<typeof RequestViewSchema>;

export interface RequestsService {
  submit(actor: Actor, requester: User, input: SubmitInput): Promise<RequestView>;
  /** Pending Approvals: what this user may decide, oldest first, a page at a time; of one organization if named. */
  listPendingApprovals(
    user: User,
    page: { after?: string; limit: number; organizationId?: string },
  ): Promise<KeysetPage<RequestView>>;
  get(user: User, requestId: string): Promise<RequestView>;
  decide(
    actor: Actor,
    user: User,
    requestId: string,
    input: { decision: 'approve' | 'reject'; comment?: string },
  ): Promise<RequestView>;
  cancel(actor: Actor, user: User, requestId: string): Promise<RequestView>;
  /**
   * The requester's own requests, newest first, a page before a cursor: every state (or one
   * `status`), each with its decision date and the decider's comment, never who decided.
   */
  listMine(
    user: User,
    page: { before?: string; status?: RoleRequest['status']; limit: number },
  ): Promise<KeysetPage<RequestView>>;
  /** The help desk console: a person's pending requests in `applicationIds`, with what `viewer` may do. */
  pendingForHelpDesk(viewer: User, requesterId: string, applicationIds: readonly string[]): Promise<RequestView[]>;
  /** For each of the users, the applications where they asked for any role. */
  applicationIdsOfRequesters(db: Reader, userIds: readonly string[]): Promise<Map<string, Set<string>>>;
  /**
   * The program report's figures of each week between consecutive `boundaries` (instants, oldest
   * first): submitted, closed by state, and the times to decision. The caller decides who sees them.
   */
  weeklyFigures(boundaries: readonly string[]): Promise<RequestWeekFigures[]>;
  /** Emails everyone who may decide a request (a reminder when `reminderDays` is given). */
  notifyDeciders(trx: Transaction<DB>, request: RoleRequest, reminderDays?: number): Promise<void>;
  /** Who decides a request now, for emails and authorization. */
  deciderIds(trx: Transaction<DB>, request: RoleRequest): Promise<string[]>;
  /** The request as answers show it; `viewer` null (the system, as in emails) lists no actions. */
  view(db: Reader, request: RoleRequest, viewer: RequestStanding | null): Promise<RequestView>;
}

export function createRequestsService(deps: {
  config: { publicUrl: string };
  database: Database;
  clock: Clock;
  audit: AuditLog;
  notifications: Notifications;
  accounts: AccountsService;
  catalog: CatalogService;
  organizations: OrganizationsService;
  assignments: AssignmentsService;
}): RequestsService {
  const { database, clock, audit } = deps;
  const approvalsLink = `${deps.config.publicUrl.replace(/\/$/, '')}/approvals`;

  async function applicationOf(db: Reader, applicationId: string): Promise<ApplicationWithRoles> {
    const app = (await deps.catalog.listApplications(db)).find((candidate) => candidate.id === applicationId);
    if (!app) throw new AppError('resource.not_found');
    return app;
  }

  /**
   * Requests as answers show them, a page at a time: the catalog read once, and the organizations
   * and requesters each in one batch, so a page costs the same few queries whatever its length.
   */
  async function views(db: Reader, requests: readonly RoleRequest[], viewer: RequestStanding | null): Promise<RequestView[]> {
    if (requests.length === 0) return [];
    const [apps, organizations, requesters] = await Promise.all([
      deps.catalog.listApplications(db),
      deps.organizations.byIds(
        db,
        requests.map((request) => request.organizationId),
      ),
      deps.accounts.peopleByIds(
        db,
        requests.map((request) => request.requesterId),
      ),
    ]);
    return requests.map((request) => {
      const app = apps.find((candidate) => candidate.id === request.applicationId);
      const role = app?.roles.find((candidate) => candidate.id === request.roleId);
      const requester = requesters.get(request.requesterId);
      if (!app || !role || !requester) throw new AppError('resource.not_found');
      const organization = organizations.get(request.organizationId);
      return {
        id: request.id,
        trackingNumber: request.trackingNumber,
        status: request.status,
        routedTo: request.routedTo,
        application: { id: app.id, code: app.code, name: app.name, nameEs: app.nameEs },
        role: { id: role.id, code: role.code, name: role.name, nameEs: role.nameEs, kind: role.kind },
        // Not a spread with more properties after it: V8 builds those slowly, once per row here.
        organization: organization
          ? Object.assign(organizationRef(organization), { orphaned: organization.orphanedSince !== null })
          : null,
        requester: {
          id: requester.id,
          userId: requester.userId,
          firstName: requester.firstName,
          lastName: requester.lastName,
          email: requester.email,
        },
        reason: request.reason,
        createdAt: request.createdAt,
        expiresAt: request.expiresAt,
        decidedAt: request.decidedAt,
        decisionComment: request.decisionComment,
        allowedActions: viewer ? requestActions(viewer, request) : [],
      };
    });
  }

  async function view(db: Reader, request: RoleRequest, viewer: RequestStanding | null): Promise<RequestView> {
    const [shown] = await views(db, [request], viewer);
    return shown!;
  }

  async function deciderIds(trx: Transaction<DB>, request: RoleRequest): Promise<string[]> {
    const ids =
      request.routedTo === 'org_approvers'
        ? await deps.assignments.organizationApproverIds(trx, request.organizationId)
        : await deps.assignments.helpDeskUserIds(trx, request.applicationId);
    return ids.filter((id) => id !== request.requesterId);
  }

  /** The organization a request names, checked for this role and requester. */
  async function organizationFor(
    trx: Transaction<DB>,
    requester: User,
    role: Role,
    input: SubmitInput,
  ): Promise<Organization | undefined> {
    if (role.scope === 'application') return undefined;
    const isApproverRole = role.kind === 'approver' || role.kind === 'backup_approver';
    if (input.newOrganization) {
      if (!isApproverRole) throw new AppError('role_request.organization_required');
      return deps.organizations.findForCreation(trx, {
        applicationId: role.applicationId,
        submitterId: input.newOrganization.submitterId,
        legalName: input.newOrganization.legalName,
        requesterEmail: requester.email,
      });
    }
    if (!input.organizationId) throw new AppError('role_request.organization_required');
    const organization = await deps.organizations.getOrganization(trx, input.organizationId).catch(() => undefined);
    if (!organization || organization.applicationId !== role.applicationId || organization.status !== 'active') {
      throw new AppError('role_request.organization_not_found');
    }
    return organization;
  }

  async function routeFor(trx: Transaction<DB>, role: Role, organization: Organization | undefined): Promise<RoutedTo> {
    if (role.approvedBy === 'help_desk' || !organization) return 'help_desk';
    if (organization.status !== 'active') return 'help_desk';
    // An orphan organization's requests go to the help desk until it has an approver again.
    const approvers = await deps.assignments.organizationApproverIds(trx, organization.id);
    if (approvers.length === 0) {
      await deps.organizations.setOrphaned(trx, organization.id, true);
      return 'help_desk';
    }
    return 'org_approvers';
  }

  async function notifyDeciders(trx: Transaction<DB>, request: RoleRequest, reminderDays?: number): Promise<void> {
    const details = await view(trx, request, null);
    const params = {
      requesterName: `${details.requester.firstName} ${details.requester.lastName} (${details.requester.userId})`,
      trackingNumber: request.trackingNumber,
      roleName: localizedName(details.role),
      applicationName: localizedName(details.application),
      organizationName: details.organization?.legalName ?? '',
      reason: request.reason,
      link: approvalsLink,
      ...(reminderDays ? { reminderDays } : {}),
    };
    for (const id of await deciderIds(trx, request)) {
      const decider = await deps.accounts.getUser(trx, id);
      await deps.notifications.enqueueEmail(trx, {
        to: decider.email,
        language: decider.language,
        template: 'role_request.awaiting_decision',
        params,
      });
    }
    const app = await applicationOf(trx, request.applicationId);
    if (request.routedTo === 'help_desk' && app.helpDeskEmail) {
      await deps.notifications.enqueueEmail(trx, {
        to: app.helpDeskEmail,
        language: 'en',
        template: 'role_request.awaiting_decision',
        params,
      });
    }
  }

  /** Where `user` stands towards role requests, from the roles they hold now. */
  async function standingOf(db: Reader, user: User): Promise<RequestStanding> {
    const [approverOrganizationIds, helpDeskApplicationIds] = await Promise.all([
      deps.assignments.approverOrganizationIds(db, user.id),
      deps.assignments.helpDeskApplicationIds(db, user.id),
    ]);
    return { userId: user.id, approverOrganizationIds, helpDeskApplicationIds };
  }

  /** Refuses `action` unless requests.policy.ts allows it, with the error the policy names. */
  function authorize(standing: RequestStanding, request: RoleRequest, action: RequestAction): void {
    const refusal = refusalOf(standing, request, action);
    if (refusal) throw new AppError(refusal, refusal === 'role_request.already_decided' ? { status: request.status } : undefined);
  }

  return {
    deciderIds,
    view,
    notifyDeciders,

    async submit(actor, requester, input) {
      const reason = input.reason.trim();
      if (reason === '') throw new AppError('request.invalid', { field: 'reason' });
      return database.transaction(async (trx) => {
        const role = await deps.catalog.getRole(trx, input.roleId).catch(() => undefined);
        if (!role || !role.requestable || role.approvedBy === 'administrator') throw new AppError('role_request.not_requestable');
        const organization = await organizationFor(trx, requester, role, input);
        const organizationId = organization?.id ?? '';
        // Two submits of one request at once: the second waits here and then finds the first.
        await lockForTransaction(database.kind, trx, `role_request:${requester.id}:${role.id}:${organizationId}`);
        if (
          (await deps.assignments.holds(trx, requester.id, role.id, organizationId)) ||
          (await findPendingRequest(trx, requester.id, role.id, organizationId))
        ) {
          throw new AppError('role_request.duplicate');
        }
        const now = clock.now();
        const year = now.getUTCFullYear();
        const sequence = await nextCounterValue(trx, `role_request:${year}`);
        const request: RoleRequest = {
          id: newId(now),
          trackingNumber: `RR-${year}-${String(sequence).padStart(6, '0')}`,
          requesterId: requester.id,
          applicationId: role.applicationId,
          roleId: role.id,
          organizationId,
          reason,
          status: 'pending',
          routedTo: await routeFor(trx, role, organization),
          decidedBy: null,
          decidedAt: null,
          decisionComment: null,
          expiresAt: toTimestamp(addDays(now, role.requestExpiryDays)),
          createdAt: toTimestamp(now),
        };
        await insertRequest(trx, request, requester.language);
        await audit.record(trx, actor, {
          action: 'role_request.submitted',
          target: { type: 'role_request', id: request.id },
          after: { trackingNumber: request.trackingNumber, roleId: role.id, organizationId, routedTo: request.routedTo, reason },
          scope: { applicationId: request.applicationId, organizationId: request.organizationId },
        });
        const details = await view(trx, request, await standingOf(trx, requester));
        await deps.notifications.enqueueEmail(trx, {
          to: requester.email,
          language: requester.language,
          template: 'role_request.submitted',
          params: {
            firstName: requester.firstName,
            trackingNumber: request.trackingNumber,
            roleName: localizedName(role),
            applicationName: localizedName(details.application),
            organizationName: details.organization?.legalName ?? '',
            toHelpDesk: request.routedTo === 'help_desk',
          },
        });
        await notifyDeciders(trx, request);
        return details;
      });
    },

    async listPendingApprovals(user, page) {
      const standing = await standingOf(database.db, user);
      const rows = await listDecidable(database.db, {
        userId: user.id,
        organizationIds: [...standing.approverOrganizationIds],
        helpDeskApplicationIds: [...standing.helpDeskApplicationIds],
        organizationId: page.organizationId,
        after: page.after,
        limit: page.limit + 1,
      });
      return keysetBatchPage(rows, page.limit, (shown) => views(database.db, shown, standing));
    },

    async get(user, requestId) {
      const request = isId(requestId) ? await findRequest(database.db, requestId) : undefined;
      const standing = await standingOf(database.db, user);
      if (!request || !mayReadRequest(standing, request)) throw new AppError('resource.not_found');
      return view(database.db, request, standing);
    },

    async decide(actor, user, requestId, input) {
      const comment = input.comment?.trim() ?? '';
      if (input.decision === 'reject' && comment === '') throw new AppError('role_request.comment_required');
      return database.transaction(async (trx) => {
        const request = await lockRequest(trx, database.kind, requestId);
        if (!request) throw new AppError('resource.not_found');
        const standing = await standingOf(trx, user);
        authorize(standing, request, input.decision);
        const status = input.decision === 'approve' ? 'approved' : 'rejected';
        const at = toTimestamp(clock.now());
        if (!(await closeRequest(trx, request.id, { status, decidedBy: user.id, at, comment: comment || null }))) {
          throw new AppError('role_request.already_decided');
        }
        const role = await deps.catalog.getRole(trx, request.roleId);
        if (status === 'approved') {
          if (request.organizationId) {
            const organization = await deps.organizations.getOrganization(trx, request.organizationId);
            if (organization.status === 'awaiting_approver') await deps.organizations.activate(trx, organization.id);
          }
          await deps.assignments.grant(trx, actor, {
            userId: request.requesterId,
            role,
            organizationId: request.organizationId,
            requestId: request.id,
          });
        }
        await audit.record(trx, actor, {
          action: `role_request.${status}`,
          target: { type: 'role_request', id: request.id },
          before: { status: 'pending' },
          after: { status, comment: comment || null, trackingNumber: request.trackingNumber },
          scope: { applicationId: request.applicationId, organizationId: request.organizationId },
        });
        const decided = {
          ...request,
          status,
          decidedBy: user.id,
          decidedAt: at,
          decisionComment: comment || null,
        } as RoleRequest;
        const details = await view(trx, decided, standing);
        const requester = await deps.accounts.getUser(trx, request.requesterId);
        await deps.notifications.enqueueEmail(trx, {
          to: requester.email,
          language: requester.language,
          template: 'role_request.decided',
          params: {
            firstName: requester.firstName,
            trackingNumber: request.trackingNumber,
            roleName: localizedName(role),
            applicationName: localizedName(details.application),
            organizationName: details.organization?.legalName ?? '',
            outcome: status,
            comment,
          },
        });
        return details;
      });
    },

    async cancel(actor, user, requestId) {
      return database.transaction(async (trx) => {
        const request = await lockRequest(trx, database.kind, requestId);
        if (!request) throw new AppError('resource.not_found');
        const standing = await standingOf(trx, user);
        authorize(standing, request, 'cancel');
        const at = toTimestamp(clock.now());
        await closeRequest(trx, request.id, { status: 'cancelled', decidedBy: user.id, at, comment: null });
        await audit.record(trx, actor, {
          action: 'role_request.cancelled',
          target: { type: 'role_request', id: request.id },
          before: { status: 'pending' },
          after: { status: 'cancelled' },
          scope: { applicationId: request.applicationId, organizationId: request.organizationId },
        });
        return view(trx, { ...request, status: 'cancelled', decidedBy: user.id, decidedAt: at }, standing);
      });
    },

    async listMine(user, page) {
      if (page.before !== undefined && !isId(page.before)) throw new AppError('request.invalid', { field: 'cursor' });
      const rows = await listRequestsOf(database.db, {
        requesterId: user.id,
        before: page.before,
        status: page.status,
        limit: page.limit + 1,
      });
      const standing = await standingOf(database.db, user);
      return keysetBatchPage(rows, page.limit, (shown) => views(database.db, shown, standing));
    },

    async pendingForHelpDesk(viewer, requesterId, applicationIds) {
      const rows = await listRequestsOf(database.db, { requesterId, status: 'pending', limit: 100 });
      const shown = rows.filter((request) => applicationIds.includes(request.applicationId));
      return views(database.db, shown, await standingOf(database.db, viewer));
    },

    weeklyFigures: createRequestReport(deps).weeklyFigures,

    async applicationIdsOfRequesters(db, userIds) {
      const rows = await listRequestedApplicationIds(db, userIds);
      return groupIds(rows.map((row) => [row.userId, row.applicationId] as const));
    },
  };
}
