import { sql, type Transaction } from 'kysely';
import type { Reader } from '../../db/database.js';
import type { DialectKind } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { dueOrderPage, itemsQuery, toItem, type DueAssignment, type ItemEb, type ItemRow } from './due-items.repository.js';

/*
 * The certifier's items: who may certify what as SQL (CertifierScope, the same rule as
 * certifierKindFor in certification.policy.ts), and the lists built on it: My Annual Role
 * Certifications, one holder's details, and the whole list locked for a decision.
 */

/**
 * Who may certify what, as SQL: the caller's standing, found once per request. An item is the
 * caller's when it is an organization-certified role of an organization they approve for, or when
 * they are help desk of its application and it is help-desk-certified, or organization-certified
 * in an organization with no approver besides its holder (an orphan).
 */
export interface CertifierScope {
  userId: string;
  /** Organizations where the caller is an active approver or backup approver. */
  approverOrganizationIds: readonly string[];
  /** Applications where the caller is help desk. */
  helpDeskApplicationIds: readonly string[];
  /** Roles certified by the organization's approvers. */
  orgCertifiedRoleIds: readonly string[];
  /** Roles certified by the help desk. */
  helpDeskCertifiedRoleIds: readonly string[];
  /** The approver and backup approver roles: their holders certify an organization's end users. */
  approverRoleIds: readonly string[];
}

/** The scope's rule as a WHERE condition over `ra` (role_assignments). */
function certifiableBy(eb: ItemEb, scope: CertifierScope) {
  const branches = [];
  if (scope.approverOrganizationIds.length > 0 && scope.orgCertifiedRoleIds.length > 0) {
    branches.push(
      eb.and([eb('ra.role_id', 'in', scope.orgCertifiedRoleIds), eb('ra.organization_id', 'in', scope.approverOrganizationIds)]),
    );
  }
  if (scope.helpDeskApplicationIds.length > 0) {
    const helpDeskItems = [];
    if (scope.helpDeskCertifiedRoleIds.length > 0) helpDeskItems.push(eb('ra.role_id', 'in', scope.helpDeskCertifiedRoleIds));
    if (scope.orgCertifiedRoleIds.length > 0) {
      const approverRoleIds = scope.approverRoleIds.length > 0 ? scope.approverRoleIds : [''];
      helpDeskItems.push(
        eb.and([
          eb('ra.role_id', 'in', scope.orgCertifiedRoleIds),
          eb.not(
            eb.exists(
              eb
                .selectFrom('role_assignments as ap')
                .select(sql`1`.as('one'))
                .whereRef('ap.organization_id', '=', 'ra.organization_id')
                .where('ap.role_id', 'in', approverRoleIds)
                .where('ap.status', '=', 'active')
                .whereRef('ap.user_id', '!=', 'ra.user_id'),
            ),
          ),
        ]),
      );
    }
    if (helpDeskItems.length > 0) {
      branches.push(eb.and([eb('ra.application_id', 'in', scope.helpDeskApplicationIds), eb.or(helpDeskItems)]));
    }
  }
  if (branches.length === 0) return sql<boolean>`1 = 0`;
  return eb.and([
    eb('ra.status', '=', 'active'),
    eb('ra.certification_due_at', 'is not', null),
    eb('ra.user_id', '!=', scope.userId),
    eb.or(branches),
  ]);
}
const DAY_MS = 86_400_000;
/** How much wider each window of due dates is than the one before. */
const WINDOW_GROWTH = 8;

/**
 * My Annual Role Certifications: a page of the caller's items due up to `dueUpTo`, soonest first.
 *
 * An approver of many organizations has items in all of them, and no index gives them in due
 * order across organizations: each organization's come in order from its own (organization,
 * status, due date) index. Asking for the whole list window at once made the database read and
 * sort every item of every organization (100,000 for an approver of a big one) for each page. So
 * a page is read in widening windows of due dates, from where the page starts: one day past it,
 * then 8, then 64, until the page is full or the window reaches `dueUpTo`. Each window reads only
 * the items due within it; a window that holds a full page holds the first page of the whole.
 */
export async function listCertifiable(
  db: Reader,
  scope: CertifierScope,
  options: { dueUpTo: string; after?: { dueAt: string; id: string }; limit: number; now: Date },
): Promise<DueAssignment[]> {
  const start = options.after ? Date.parse(options.after.dueAt) : options.now.getTime();
  for (let span = DAY_MS; ; span *= WINDOW_GROWTH) {
    const windowEnd = new Date(start + span).toISOString();
    const upTo = windowEnd < options.dueUpTo ? windowEnd : options.dueUpTo;
    const certifiable = itemsQuery(db)
      .where((eb) => certifiableBy(eb, scope))
      .$if(options.after !== undefined, (query) => query.where('ra.certification_due_at', '>=', options.after!.dueAt))
      .where('ra.certification_due_at', '<=', upTo);
    const rows = await dueOrderPage(certifiable, options.after, options.limit).execute();
    if (rows.length >= options.limit || upTo === options.dueUpTo) return rows.map((row) => toItem(row as ItemRow));
  }
}

/** One holder's items the caller may certify, whatever their due date. */
export async function listCertifiableOfHolder(db: Reader, scope: CertifierScope, holderId: string): Promise<DueAssignment[]> {
  const rows = await itemsQuery(db)
    .where((eb) => certifiableBy(eb, scope))
    .where('ra.user_id', '=', holderId)
    .orderBy('ra.certification_due_at')
    .orderBy('ra.id')
    .limit(1000)
    .execute();
  return rows.map((row) => toItem(row as ItemRow));
}

/**
 * Locks and reads, for a decision, every item of the caller due up to `dueUpTo` ("the whole
 * list"), in id order: the order every locking path here uses, so two of them never deadlock.
 */
export async function lockAllCertifiable(
  trx: Transaction<DB>,
  dialect: DialectKind,
  scope: CertifierScope,
  dueUpTo: string,
): Promise<DueAssignment[]> {
  const rows = await itemsQuery(trx)
    .where((eb) => certifiableBy(eb, scope))
    .where('ra.certification_due_at', '<=', dueUpTo)
    .orderBy('ra.id')
    .$if(dialect === 'postgres', (query) => query.forUpdate('ra'))
    .execute();
  return rows.map((row) => toItem(row as ItemRow));
}
