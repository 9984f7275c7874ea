import type { Kysely } from 'kysely';

/*
 * The keys the OpenID Connect provider signs ID tokens with, each private key encrypted with the
 * secret key. A new key is published before it signs (`signs_from`), so every server process has
 * it in its key set before any token signed with it reaches a client; a replaced key stays
 * published until `retired_at`, when no token it signed is still valid.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema state
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('oidc_signing_keys')
    .addColumn('kid', 'text', (c) => c.primaryKey())
    .addColumn('algorithm', 'text', (c) => c.notNull())
    .addColumn('private_jwk_encrypted', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('signs_from', 'text', (c) => c.notNull())
    .addColumn('retired_at', 'text')
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('oidc_signing_keys').execute();
}
