import { sql, SqliteAdapter, type Kysely } from 'kysely';

/*
 * What the help desk console looks up.
 *
 * The help desk finds a person by the start of their last or first name, whatever its case. The
 * lower-cased names are indexed, compared byte by byte on both databases (collation "C" on
 * PostgreSQL, SQLite's own), so a prefix is one range of the index: at a million people a search
 * reads its 50 rows, not the table.
 *
 * Orphan organizations (no active approver) are few among many: a partial index holds only them,
 * by application and how long they have been orphaned.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema state
type Db = Kysely<any>;

const isSqlite = (db: Db) => db.getExecutor().adapter instanceof SqliteAdapter;

export async function up(db: Db): Promise<void> {
  const collate = isSqlite(db) ? sql`` : sql` collate "C"`;
  await sql`create index users_last_name_lower_idx on users ((lower(last_name)${collate}))`.execute(db);
  await sql`create index users_first_name_lower_idx on users ((lower(first_name)${collate}))`.execute(db);
  await db.schema
    .createIndex('organizations_orphans_idx')
    .on('organizations')
    .columns(['application_id', 'orphaned_since', 'id'])
    .where(sql.ref('orphaned_since'), 'is not', null)
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('organizations_orphans_idx').execute();
  await db.schema.dropIndex('users_first_name_lower_idx').execute();
  await db.schema.dropIndex('users_last_name_lower_idx').execute();
}
