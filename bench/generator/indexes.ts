import { sql } from 'kysely';
import type { Database } from '../../server/db/database.js';

/*
 * A bulk load fills an index far faster by building it once over the loaded rows than by inserting
 * into it row by row. So the secondary indexes of the loaded tables are read from the database's
 * own catalog (the DDL the migrations ran), dropped, and created again from that same DDL once the
 * rows are in: the indexes end exactly as the migrations define them, and a unique index that the
 * data breaks fails its creation. Indexes behind a primary key or a UNIQUE constraint stay, as
 * they cannot be dropped on their own.
 */

interface IndexDefinition {
  readonly name: string;
  readonly ddl: string;
}

async function secondaryIndexes(database: Database, table: string): Promise<IndexDefinition[]> {
  if (database.kind === 'sqlite') {
    const result = await sql<IndexDefinition>`
      select name, sql as ddl from sqlite_master
      where type = 'index' and tbl_name = ${table} and sql is not null
      order by name`.execute(database.db);
    return result.rows;
  }
  const result = await sql<IndexDefinition>`
    select i.relname as name, pg_get_indexdef(i.oid) as ddl
    from pg_index x
    join pg_class i on i.oid = x.indexrelid
    join pg_class t on t.oid = x.indrelid
    join pg_namespace n on n.oid = t.relnamespace
    where n.nspname = current_schema() and t.relname = ${table}
      and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)
    order by i.relname`.execute(database.db);
  return result.rows;
}

/** Runs `load` with the tables' secondary indexes dropped, then builds them again; answers their count. */
export async function withIndexesDeferred<T>(
  database: Database,
  tables: readonly string[],
  load: () => Promise<T>,
): Promise<{ result: T; indexes: number; buildMs: number }> {
  const indexes = (await Promise.all(tables.map((table) => secondaryIndexes(database, table)))).flat();
  for (const index of indexes) await sql`drop index ${sql.id(index.name)}`.execute(database.db);
  // If the load fails the indexes stay dropped: the target is replaced on the next run anyway.
  const result = await load();
  const started = performance.now();
  for (const index of indexes) await sql.raw(index.ddl).execute(database.db);
  return { result, indexes: indexes.length, buildMs: performance.now() - started };
}
