import type { Reader } from '../../db/database.js';
import type { AccountsService, Person } from '../accounts/accounts.service.js';
import type { Role } from '../catalog/catalog.service.js';
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
    if (holder) items.push({ assignment: row.assignment, dueAt: row.dueAt, holder });
  }
  return items;
}

/**
 * What every answer about an item names: whose role, in which application, which role, and where
 * (the organization, or null for an application-wide role).
 */
export function itemNames(
  item: DueItem,
  app: { id: string; code: string; name: string },
  role: Pick<Role, 'id' | 'code' | 'name' | 'kind'>,
  organization: { id: string; submitterId: string; legalName: string } | undefined,
) {
  const { holder } = item;
  return {
    assignmentId: item.assignment.id,
    holder: { id: holder.id, userId: holder.userId, firstName: holder.firstName, lastName: holder.lastName, email: holder.email },
    application: { id: app.id, code: app.code, name: app.name },
    role: { id: role.id, code: role.code, name: role.name, kind: role.kind },
    organization: organization
      ? { id: organization.id, submitterId: organization.submitterId, legalName: organization.legalName }
      : null,
  };
}
