import type { Kysely } from 'kysely';

/*
 * What a signed-in session's second factor was and when it was verified: OpenID Connect tells
 * applications which factors signed the person in (`amr`, `acr`), and an application that wants
 * a recent MFA step asks for one when the session's is older. A session opened before this
 * migration has neither: it is treated as verified at its creation, by an unknown method.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema state
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('mfa_method', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('mfa_verified_at', 'text').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('mfa_verified_at').execute();
  await db.schema.alterTable('sessions').dropColumn('mfa_method').execute();
}
