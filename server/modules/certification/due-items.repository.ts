import type { ExpressionBuilder } from 'kysely';
import type { Reader } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { toAssignment, type Assignment } from '../assignments/assignments.service.js';

/*
 * A certification item as the database gives it: an assignment with its due date and its holder,
 * the columns read for it, the row mapped to a DueItem, and the base query every list of items
 * starts from. Certification reads assignments by the thousand (lists, bulk decisions, the sweep),
 * so its queries read role_assignments, users and organizations directly, set-based, instead of
 * one service call per row. Writes to role_assignments are limited to the certification columns;
 * removals go through the assignments service.
 */

/** SQLite's bound-parameter limit and PostgreSQL's plan sizes both like bounded lists. */
export const CHUNK = 500;

export function chunks<T>(values: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < values.length; start += size) out.push(values.slice(start, start + size));
  return out;
}

export interface Holder {
  id: string;
  userId: string;
  firstName: string;
  lastName: string;
  email: string;
  language: 'en' | 'es';
  lastSignInAt: string | null;
}

/** An active assignment with a due date, and its holder. */
export interface DueItem {
  assignment: Assignment;
  /** certification_due_at, never null here. */
  dueAt: string;
  holder: Holder;
}

/** The columns of an item: the assignment, then its holder. */
const ITEM_COLUMNS = [
  'ra.id',
  'ra.user_id',
  'ra.application_id',
  'ra.role_id',
  'ra.organization_id',
  'ra.status',
  'ra.established_at',
  'ra.last_certified_at',
  'ra.certification_due_at',
  'ra.request_id',
  'ra.removed_at',
  'ra.removed_by',
  'ra.removal_kind',
  'ra.removal_reason',
  'ra.version',
  'u.user_id as holder_user_id',
  'u.first_name as holder_first_name',
  'u.last_name as holder_last_name',
  'u.email as holder_email',
  'u.language as holder_language',
  'u.last_sign_in_at as holder_last_sign_in_at',
] as const;

export interface ItemRow {
  id: string;
  user_id: string;
  application_id: string;
  role_id: string;
  organization_id: string;
  status: string;
  established_at: string;
  last_certified_at: string | null;
  certification_due_at: string | null;
  request_id: string | null;
  removed_at: string | null;
  removed_by: string | null;
  removal_kind: string | null;
  removal_reason: string | null;
  version: number;
  holder_user_id: string;
  holder_first_name: string;
  holder_last_name: string;
  holder_email: string;
  holder_language: string;
  holder_last_sign_in_at: string | null;
}

export function toItem(row: ItemRow): DueItem {
  return {
    assignment: toAssignment(row),
    dueAt: row.certification_due_at ?? '',
    holder: {
      id: row.user_id,
      userId: row.holder_user_id,
      firstName: row.holder_first_name,
      lastName: row.holder_last_name,
      email: row.holder_email,
      language: row.holder_language === 'es' ? 'es' : 'en',
      lastSignInAt: row.holder_last_sign_in_at,
    },
  };
}

/** A WHERE condition over an item query: `ra` (role_assignments) and `u` (its holder). */
export type ItemEb = ExpressionBuilder<DB & { ra: DB['role_assignments']; u: DB['users'] }, 'ra' | 'u'>;

/** Items and their holders, before any condition; callers add theirs. */
export function itemsQuery(db: Reader) {
  return db.selectFrom('role_assignments as ra').innerJoin('users as u', 'u.id', 'ra.user_id').select(ITEM_COLUMNS);
}
