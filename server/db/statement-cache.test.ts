import SqliteDatabase from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { withStatementCache } from './statement-cache.js';

describe('the SQLite statement cache', () => {
  const opened: SqliteDatabase.Database[] = [];
  afterEach(() => {
    for (const database of opened.splice(0)) if (database.open) database.close();
  });

  function database() {
    const raw = new SqliteDatabase(':memory:');
    opened.push(raw);
    raw.exec('create table t (n integer)');
    raw.exec('insert into t values (1), (2), (3)');
    return raw;
  }

  it('prepares a statement once and hands the same one out again', () => {
    const raw = database();
    const cached = withStatementCache(raw);
    const first = cached.prepare('select n from t order by n');
    const second = cached.prepare('select n from t order by n');
    expect(second).toBe(first);
    expect(cached.prepare('select n from t where n > ?')).not.toBe(first);
  });

  it('gives a fresh statement while the cached one is still being iterated', () => {
    const raw = database();
    const cached = withStatementCache(raw);
    const sql = 'select n from t order by n';
    const iterating = cached.prepare(sql) as unknown as SqliteDatabase.Statement;
    const rows = iterating.iterate();
    rows.next();
    const other = cached.prepare(sql) as unknown as SqliteDatabase.Statement;
    expect(other).not.toBe(iterating);
    expect(other.all()).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    rows.return?.();
  });

  it('answers with the rows as they are now, after writes and schema changes', () => {
    const raw = database();
    const cached = withStatementCache(raw);
    const count = () => (cached.prepare('select count(*) as c from t') as unknown as SqliteDatabase.Statement).get();
    expect(count()).toEqual({ c: 3 });
    raw.exec('insert into t values (4)');
    raw.exec('alter table t add column m integer');
    expect(count()).toEqual({ c: 4 });
  });

  it('keeps a bounded number of statements, dropping the least recently used', () => {
    const raw = database();
    const cached = withStatementCache(raw);
    const kept = cached.prepare('select 0 as n');
    const early = cached.prepare('select -1 as n');
    for (let index = 1; index <= 2_500; index += 1) {
      cached.prepare(`select ${index} as n`);
      // Used again and again: never the least recently used.
      expect(cached.prepare('select 0 as n')).toBe(kept);
    }
    // Unused since the start: dropped, and prepared again when asked for.
    expect(cached.prepare('select -1 as n')).not.toBe(early);
  });

  it('closes the database', () => {
    const raw = database();
    withStatementCache(raw).close();
    expect(raw.open).toBe(false);
  });
});
