import type { Kysely } from 'kysely';

/*
 * The program report counts role requests by the week they were submitted and by the week they
 * were decided (approved, rejected, cancelled or expired), and measures how long each decided
 * request took. Without an index on either time, every report read the whole table. The first
 * index makes the submissions of some weeks one range; the second holds the decision time, the
 * status and the submission time, so the decisions of some weeks and their durations are read
 * from the index alone, never the table. Pending requests have no decision time.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema state
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema.createIndex('role_requests_created_idx').on('role_requests').column('created_at').execute();
  await db.schema
    .createIndex('role_requests_decided_idx')
    .on('role_requests')
    .columns(['decided_at', 'status', 'created_at'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('role_requests_decided_idx').execute();
  await db.schema.dropIndex('role_requests_created_idx').execute();
}
