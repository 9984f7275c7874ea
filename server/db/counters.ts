import type { Transaction } from 'kysely';
import type { DB } from './schema.js';

/**
 * The next value of a named counter (tracking numbers, submitter IDs): one statement that both
 * databases run atomically, so two transactions never get the same value.
 */
export async function nextCounterValue(trx: Transaction<DB>, name: string): Promise<number> {
  const row = await trx
    .insertInto('counters')
    .values({ name, value: 1 })
    .onConflict((conflict) => conflict.column('name').doUpdateSet((eb) => ({ value: eb('counters.value', '+', 1) })))
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}
