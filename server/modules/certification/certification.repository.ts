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
/** My Annual Role Certifications: a page of the caller's items due up to `dueUpTo`, soonest first. */
export async function listCertifiable(
  db: Reader,
  scope: CertifierScope,
  options: { dueUpTo: string; after?: { dueAt: string; id: string }; limit: number },
): Promise<DueAssignment[]> {
  const certifiable = itemsQuery(db)
    .where((eb) => certifiableBy(eb, scope))
    .where('ra.certification_due_at', '<=', options.dueUpTo);
  const rows = await dueOrderPage(certifiable, options.after, options.limit).execute();
  return rows.map((row) => toItem(row as ItemRow));
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
