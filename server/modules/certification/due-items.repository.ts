import type { ExpressionBuilder } from 'kysely';
import type { Reader } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { toAssignment, type Assignment, type AssignmentRow } from '../assignments/assignments.service.js';

/*
 * A certification item as the database gives it: an active assignment with its due date, the
 * columns read for it, the row mapped to a DueAssignment, and the base query every list of items
 * starts from. Certification reads role_assignments by the thousand (lists, bulk decisions, the
 * sweep), paged and filtered in SQL by due date and certifier scope, so these queries read that
 * table directly, and only read it. Its holders and organizations come from the accounts and
 * organizations services, one batch per page (due-items.ts); certifications are recorded and
 * removals made through the assignments service.
 */

/** SQLite's bound-parameter limit and PostgreSQL's plan sizes both like bounded lists. */
export const CHUNK = 500;

export function chunks<T>(values: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < values.length; start += size) out.push(values.slice(start, start + size));
  return out;
}

/** An assignment with a due date. */
export interface DueAssignment {
  assignment: Assignment;
  /** certification_due_at, never null here. */
  dueAt: string;
}

/** The columns of an item: its assignment's. */
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
] as const;

export type ItemRow = AssignmentRow;

export function toItem(row: ItemRow): DueAssignment {
  return { assignment: toAssignment(row), dueAt: row.certification_due_at ?? '' };
}

/** A WHERE condition over an item query: `ra` (role_assignments). */
export type ItemEb = ExpressionBuilder<DB & { ra: DB['role_assignments'] }, 'ra'>;

/** Items, before any condition; callers add theirs. */
export function itemsQuery(db: Reader) {
  return db.selectFrom('role_assignments as ra').select(ITEM_COLUMNS);
}

/** Where a page of items ordered by due date stopped: the last item's due date and id. */
export interface DueCursor {
  dueAt: string;
  id: string;
}

/**
 * The page of `query` after `after`, soonest due first (ties by id): the keyset order every list
 * of due items shares, which the (…, certification_due_at, id) indexes serve.
 */
export function dueOrderPage(query: ReturnType<typeof itemsQuery>, after: DueCursor | undefined, limit: number) {
  return query
    .$if(after !== undefined, (paged) =>
      paged.where((eb) => eb(eb.refTuple('ra.certification_due_at', 'ra.id'), '>', eb.tuple(after!.dueAt, after!.id))),
    )
    .orderBy('ra.certification_due_at')
    .orderBy('ra.id')
    .limit(limit);
}
