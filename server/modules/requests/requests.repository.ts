import type { Selectable, Transaction } from 'kysely';
import type { Reader } from '../../db/database.js';
import type { DialectKind } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';

export type RequestStatus = 'pending' | 'approved' | 'rejected' | 'cancelled' | 'expired';
export type RoutedTo = 'org_approvers' | 'help_desk';

export interface RoleRequest {
  id: string;
  trackingNumber: string;
  requesterId: string;
  applicationId: string;
  roleId: string;
  organizationId: string;
  reason: string;
  status: RequestStatus;
  routedTo: RoutedTo;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionComment: string | null;
  expiresAt: string;
  createdAt: string;
}

function toRequest(row: Selectable<DB['role_requests']>): RoleRequest {
  return {
    id: row.id,
    trackingNumber: row.tracking_number,
    requesterId: row.requester_id,
    applicationId: row.application_id,
    roleId: row.role_id,
    organizationId: row.organization_id,
    reason: row.reason,
    status: row.status as RequestStatus,
    routedTo: row.routed_to as RoutedTo,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    decisionComment: row.decision_comment,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
  };
}

export async function insertRequest(trx: Transaction<DB>, request: RoleRequest, language: string): Promise<void> {
  await trx
    .insertInto('role_requests')
    .values({
      id: request.id,
      tracking_number: request.trackingNumber,
      requester_id: request.requesterId,
      application_id: request.applicationId,
      role_id: request.roleId,
      organization_id: request.organizationId,
      reason: request.reason,
      status: request.status,
      routed_to: request.routedTo,
      decided_by: null,
      decided_at: null,
      decision_comment: null,
      expires_at: request.expiresAt,
      language,
      created_at: request.createdAt,
      updated_at: request.createdAt,
    })
    .execute();
}

/** Reads a request to show it: no lock, so reading never waits on (or holds up) a decision. */
export async function findRequest(db: Reader, id: string): Promise<RoleRequest | undefined> {
  const row = await db.selectFrom('role_requests').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toRequest(row);
}

/** Re-reads a request to change it: locked on PostgreSQL (first decision wins), serial on SQLite. */
export async function lockRequest(trx: Transaction<DB>, dialect: DialectKind, id: string): Promise<RoleRequest | undefined> {
  const row = await trx
    .selectFrom('role_requests')
    .selectAll()
    .where('id', '=', id)
    .$if(dialect === 'postgres', (query) => query.forUpdate())
    .executeTakeFirst();
  return row && toRequest(row);
}

export async function findPendingRequest(
  db: Reader,
  requesterId: string,
  roleId: string,
  organizationId: string,
): Promise<RoleRequest | undefined> {
  const row = await db
    .selectFrom('role_requests')
    .selectAll()
    .where('requester_id', '=', requesterId)
    .where('role_id', '=', roleId)
    .where('organization_id', '=', organizationId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return row && toRequest(row);
}

/** Leaves pending for another state; false if the request was no longer pending. */
export async function closeRequest(
  trx: Transaction<DB>,
  id: string,
  change: { status: Exclude<RequestStatus, 'pending'>; decidedBy: string | null; at: string; comment: string | null },
): Promise<boolean> {
  const result = await trx
    .updateTable('role_requests')
    .set({
      status: change.status,
      decided_by: change.decidedBy,
      decided_at: change.at,
      decision_comment: change.comment,
      updated_at: change.at,
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Up to this many requests a person may decide are sorted here from their ids alone; above it,
 * the page is read in id order from the table, where matches are then common enough that the
 * walk stops early.
 */
const DECIDABLE_SORTED_HERE = 1000;

/**
 * Pending requests a user may decide, oldest first, a page after `after`: those routed to the
 * approvers of organizations the user approves for, and those routed to the help desk of
 * applications the user staffs; never the user's own.
 *
 * An approver of many organizations has few requests among many: asked for them in id order,
 * PostgreSQL walks the whole table by id (28,000 rows for 26 at a million users) and SQLite
 * sorts every match. So the ids come first, unordered, from the queue indexes, bounded; the page
 * is then read by id. One organization or one application alone is one range of a queue index,
 * already in id order: that page is read directly.
 */
export async function listDecidable(
  db: Reader,
  options: {
    userId: string;
    organizationIds: string[];
    helpDeskApplicationIds: string[];
    /** Only this organization's requests, of those the user may decide. */
    organizationId?: string;
    after?: string;
    limit: number;
  },
): Promise<RoleRequest[]> {
  if (options.organizationIds.length === 0 && options.helpDeskApplicationIds.length === 0) return [];
  const decidable = db
    .selectFrom('role_requests')
    .where('status', '=', 'pending')
    .where('requester_id', '!=', options.userId)
    .where((eb) =>
      eb.or([
        ...(options.organizationIds.length > 0
          ? [eb.and([eb('routed_to', '=', 'org_approvers'), eb('organization_id', 'in', options.organizationIds)])]
          : []),
        ...(options.helpDeskApplicationIds.length > 0
          ? [eb.and([eb('routed_to', '=', 'help_desk'), eb('application_id', 'in', options.helpDeskApplicationIds)])]
          : []),
      ]),
    )
    .$if(options.organizationId !== undefined, (query) => query.where('organization_id', '=', options.organizationId!))
    .$if(options.after !== undefined, (query) => query.where('id', '>', options.after as string));
  const oneRange = options.organizationIds.length + options.helpDeskApplicationIds.length === 1;
  for (;;) {
    const candidates = oneRange
      ? undefined
      : await decidable
          .select('id')
          .limit(DECIDABLE_SORTED_HERE + 1)
          .execute();
    if (candidates === undefined || candidates.length > DECIDABLE_SORTED_HERE) {
      const rows = await decidable.selectAll().orderBy('id').limit(options.limit).execute();
      return rows.map(toRequest);
    }
    const ids = candidates
      .map((candidate) => candidate.id)
      .sort()
      .slice(0, options.limit);
    if (ids.length === 0) return [];
    const rows = await db
      .selectFrom('role_requests')
      .selectAll()
      .where('id', 'in', ids)
      .where('status', '=', 'pending')
      .orderBy('id')
      .execute();
    // A request decided between the two reads leaves a gap the page must not show as its end.
    if (rows.length === ids.length) return rows.map(toRequest);
  }
}

/**
 * A requester's requests, newest first (ids are time-ordered), a page before `before`; every
 * state unless `status` narrows it.
 */
export async function listRequestsOf(
  db: Reader,
  options: { requesterId: string; before?: string; status?: RequestStatus; limit: number },
): Promise<RoleRequest[]> {
  const rows = await db
    .selectFrom('role_requests')
    .selectAll()
    .where('requester_id', '=', options.requesterId)
    .$if(options.status !== undefined, (query) => query.where('status', '=', options.status as RequestStatus))
    .$if(options.before !== undefined, (query) => query.where('id', '<', options.before as string))
    .orderBy('id', 'desc')
    .limit(options.limit)
    .execute();
  return rows.map(toRequest);
}

/** Pending requests created before `createdBefore` with no reminder for `days` yet. */
export async function listDueForReminder(db: Reader, days: number, createdBefore: string, limit: number): Promise<RoleRequest[]> {
  const rows = await db
    .selectFrom('role_requests')
    .selectAll()
    .where('status', '=', 'pending')
    .where('created_at', '<=', createdBefore)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('role_request_reminders')
            .select('role_request_reminders.request_id')
            .whereRef('role_request_reminders.request_id', '=', 'role_requests.id')
            .where('role_request_reminders.days', '=', days),
        ),
      ),
    )
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toRequest);
}

/** Records a reminder; false if it was already sent (by another process, say). */
export async function recordReminder(trx: Transaction<DB>, requestId: string, days: number, at: string): Promise<boolean> {
  const result = await trx
    .insertInto('role_request_reminders')
    .values({ request_id: requestId, days, sent_at: at })
    .onConflict((conflict) => conflict.columns(['request_id', 'days']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function listExpired(db: Reader, now: string, limit: number): Promise<RoleRequest[]> {
  const rows = await db
    .selectFrom('role_requests')
    .selectAll()
    .where('status', '=', 'pending')
    .where('expires_at', '<=', now)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toRequest);
}

/** The applications where each of the users asked for a role, a row per user and application. */
export async function listRequestedApplicationIds(
  db: Reader,
  requesterIds: readonly string[],
): Promise<{ userId: string; applicationId: string }[]> {
  if (requesterIds.length === 0) return [];
  const rows = await db
    .selectFrom('role_requests')
    .select(['requester_id', 'application_id'])
    .distinct()
    .where('requester_id', 'in', [...requesterIds])
    .execute();
  return rows.map((row) => ({ userId: row.requester_id, applicationId: row.application_id }));
}
