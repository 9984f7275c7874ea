import { sql, SqliteAdapter, type Kysely } from 'kysely';
import { createTrigramSearch, dropTrigramSearch } from './20261124T100000-organization-search.js';

/*
 * Organization type-ahead, by whole words. The trigram index found the organizations whose name
 * held every word, but then read and sorted all of them for the first 20 by name: "Gulf Coast" (a
 * place) matched 25,000 organizations of a million and took most of a second. An index of words
 * keeps, for each word of each name, the name and organization in order: the first 20 of a word
 * are the first 20 entries under it, and a query's rarest word bounds what is read.
 *
 * One row per distinct word of an organization's search name (the name split at its single
 * spaces; names never change after the organization is created, and organizations are never
 * deleted). PostgreSQL compares the words byte by byte (collation "C"), as SQLite does, so a
 * prefix is a range of the index on both.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema state
type Db = Kysely<any>;

const isSqlite = (db: Db) => db.getExecutor().adapter instanceof SqliteAdapter;

export async function up(db: Db): Promise<void> {
  const sqlite = isSqlite(db);
  const text = sqlite ? sql`text` : sql`text collate "C"`;
  await sql`create table organization_words (
    application_id text not null,
    word ${text} not null,
    search_name ${text} not null,
    organization_id text not null,
    primary key (application_id, word, search_name, organization_id)
  )${sqlite ? sql` without rowid` : sql``}`.execute(db);

  // Filled from the names in SQL, sorted before it is written: the index is built in order, not
  // by random inserts (a million organizations: 30 s on SQLite, against 4 minutes row by row).
  if (sqlite) {
    await sql`insert into organization_words (application_id, word, search_name, organization_id)
      with recursive split(application_id, organization_id, search_name, word, rest) as (
        select application_id, id, search_name, '', search_name || ' ' from organizations
        union all
        select application_id, organization_id, search_name, substr(rest, 1, instr(rest, ' ') - 1), substr(rest, instr(rest, ' ') + 1)
        from split where rest <> ''
      )
      select distinct application_id, word, search_name, organization_id from split where word <> ''
      order by application_id, word, search_name, organization_id`.execute(db);
  } else {
    await sql`insert into organization_words (application_id, word, search_name, organization_id)
      select distinct application_id, word, search_name, id
      from organizations, unnest(string_to_array(search_name, ' ')) as word
      where word <> ''
      order by 1, 2, 3, 4`.execute(db);
    // Statistics now rather than when autovacuum comes by: without them the planner takes every
    // word for a rare one and sorts all its names instead of reading the first in order.
    await sql`analyze organization_words`.execute(db);
  }

  // The trigram index it replaces.
  await dropTrigramSearch(db);
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('organization_words').execute();
  await createTrigramSearch(db);
}
