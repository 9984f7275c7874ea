import type { Kysely } from 'kysely';

/*
 * The audit chain proves that no entry was changed, removed or reordered, but not that none was
 * cut off its end: the newest entries (or all of them) deleted still leave a chain that verifies.
 * Checkpoints anchor its head outside the table it protects: every so often the head's sequence
 * number and hash, signed with the chain's key, are written here (and, as an entry, into the log).
 * Verification then also asks that the newest checkpoint's entry still be there, with its hash.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema state
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('audit_checkpoints')
    .addColumn('seq', 'bigint', (column) => column.primaryKey())
    .addColumn('hash', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('signature', 'text', (column) => column.notNull())
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('audit_checkpoints').execute();
}
