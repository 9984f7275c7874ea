import { sql, SqliteAdapter, type Kysely } from 'kysely';

/*
 * Organization type-ahead searches names for words anywhere in them, so it needs an index of
 * substrings, not of prefixes: a trigram index on both databases. SQLite keeps an FTS5 table with
 * the trigram tokenizer in step with organizations through triggers; PostgreSQL indexes the
 * column with pg_trgm. Both answer LIKE '%word%' from the index for words of 3 characters or more.
 * (Replaced by the word index of 20261202T090000-organization-words, whose `down` restores it.)
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema state
type Db = Kysely<any>;

const isSqlite = (db: Db) => db.getExecutor().adapter instanceof SqliteAdapter;

export async function up(db: Db): Promise<void> {
  // In the public schema: an extension lives once per database, whichever schema migrates first.
  if (!isSqlite(db)) await sql`create extension if not exists pg_trgm with schema public`.execute(db);
  await createTrigramSearch(db);
  await db.schema.createIndex('organizations_submitter_idx').on('organizations').columns(['submitter_id']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('organizations_submitter_idx').ifExists().execute();
  await dropTrigramSearch(db);
}

/** The trigram index of organizations' search names, filled from the rows there are. */
export async function createTrigramSearch(db: Db): Promise<void> {
  if (isSqlite(db)) {
    await sql`create virtual table organizations_search using fts5(search_name, content='organizations', content_rowid='rowid', tokenize='trigram')`.execute(
      db,
    );
    await sql`create trigger organizations_search_insert after insert on organizations begin
      insert into organizations_search(rowid, search_name) values (new.rowid, new.search_name);
    end`.execute(db);
    await sql`create trigger organizations_search_delete after delete on organizations begin
      insert into organizations_search(organizations_search, rowid, search_name) values ('delete', old.rowid, old.search_name);
    end`.execute(db);
    await sql`create trigger organizations_search_update after update of search_name on organizations begin
      insert into organizations_search(organizations_search, rowid, search_name) values ('delete', old.rowid, old.search_name);
      insert into organizations_search(rowid, search_name) values (new.rowid, new.search_name);
    end`.execute(db);
    await sql`insert into organizations_search(organizations_search) values ('rebuild')`.execute(db);
  } else {
    await sql`create index organizations_search_trgm_idx on organizations using gin (search_name public.gin_trgm_ops)`.execute(
      db,
    );
  }
}

/** Removes the trigram index (the pg_trgm extension stays: other schemas may use it). */
export async function dropTrigramSearch(db: Db): Promise<void> {
  if (isSqlite(db)) {
    for (const trigger of ['organizations_search_insert', 'organizations_search_delete', 'organizations_search_update']) {
      await sql`drop trigger if exists ${sql.raw(trigger)}`.execute(db);
    }
    await sql`drop table if exists organizations_search`.execute(db);
  } else {
    await sql`drop index if exists organizations_search_trgm_idx`.execute(db);
  }
}
