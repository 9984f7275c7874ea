import type { Reader } from '../../db/database.js';
import type { AccountsService, Person } from '../accounts/accounts.service.js';
import type { DueAssignment } from './due-items.repository.js';

/*
 * A certification item with its holder: the assignments a page of items holds, and their holders
 * from the accounts service, one batch per page.
 */

export type Holder = Person;

/** An active assignment with a due date, and its holder. */
export interface DueItem extends DueAssignment {
  holder: Holder;
}

/**
 * The items with their holders, in the same order, from one batch lookup. An assignment whose
 * holder is not found is left out, as the join these lists used to make left it out (a role
 * assignment's user always exists: the foreign key).
 */
export async function withHolders(
  accounts: Pick<AccountsService, 'peopleByIds'>,
  db: Reader,
  rows: readonly DueAssignment[],
): Promise<DueItem[]> {
  if (rows.length === 0) return [];
  const people = await accounts.peopleByIds(
    db,
    rows.map((row) => row.assignment.userId),
  );
  const items: DueItem[] = [];
  for (const row of rows) {
    const holder = people.get(row.assignment.userId);
    if (holder) items.push({ ...row, holder });
  }
  return items;
}
