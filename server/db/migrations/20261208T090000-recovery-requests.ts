import type { Kysely } from 'kysely';

/*
 * "Forgot your password" and "forgot your user ID" are answered before anyone looks the account
 * up: the request is written here and answered, and the account is looked up, the link issued and
 * the email written afterwards, a request at a time. The answer then costs the same whether the
 * user ID or the address exists, so its timing tells nothing. `actor_json` is who asked and from
 * where, for the audit entry written when the request is carried out.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema state
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('recovery_requests')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('subject', 'text', (column) => column.notNull())
    .addColumn('actor_json', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('recovery_requests').execute();
}
