import type { Kysely } from 'kysely';

/*
 * Which Rolecall session signed a person in to which application grant. When that session ends
 * (sign-out, a password change or reset, a lock, a timeout), the grants it made are revoked with
 * every code and token issued under them, so no application keeps a signed-out person signed in.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema state
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('oidc_session_grants')
    .addColumn('session_id', 'text', (column) => column.notNull())
    .addColumn('grant_id', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('oidc_session_grants_pk', ['session_id', 'grant_id'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('oidc_session_grants').execute();
}
