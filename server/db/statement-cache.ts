import type SqliteDatabase from 'better-sqlite3';
import type { SqliteDatabase as KyselySqliteDatabase, SqliteStatement } from 'kysely';

/** Distinct statements kept: the application's queries, with room for the lengths of `in (…)` lists. */
const CAPACITY = 2_000;

/**
 * better-sqlite3 with its prepared statements kept by SQL text. Kysely prepares every query it
 * runs, and preparing (parsing and planning) costs as much as running a short indexed query, so
 * every request paid it several times over. Least recently used statements are dropped past the
 * capacity; a statement still being iterated is never handed out twice.
 */
export function withStatementCache(database: SqliteDatabase.Database): KyselySqliteDatabase {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    prepare(sql: string): SqliteStatement {
      const cached = statements.get(sql);
      if (cached && !cached.busy) {
        // Most recently used last: a Map keeps insertion order.
        statements.delete(sql);
        statements.set(sql, cached);
        return cached as unknown as SqliteStatement;
      }
      const statement = database.prepare(sql);
      if (!cached) {
        statements.set(sql, statement);
        if (statements.size > CAPACITY) statements.delete(statements.keys().next().value as string);
      }
      return statement as unknown as SqliteStatement;
    },
    close() {
      statements.clear();
      database.close();
    },
  };
}
