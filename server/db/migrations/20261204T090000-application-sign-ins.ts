import type { Kysely } from 'kysely';

/*
 * When each person last signed in to each application through Rolecall's OpenID Connect
 * provider: certifiers see it beside the roles they certify, so a role nobody uses stands out.
 * One row per person and application, moved forward at each sign-in.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema state
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('application_sign_ins')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('last_signed_in_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('application_sign_ins_pkey', ['user_id', 'application_id'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('application_sign_ins').execute();
}
