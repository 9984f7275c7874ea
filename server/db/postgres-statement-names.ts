import type pg from 'pg';

/** Named statements per connection: the application's queries, with room for the lengths of `in (…)` lists. */
const CAPACITY = 1_000;

/**
 * PostgreSQL parses and plans an unnamed statement every time it runs, and for a short indexed
 * query planning costs more than executing: the access check answered a quarter as many
 * questions a second unnamed as named. So each connection of the pool sends its statements with
 * parameters under a name the first time and runs them by name after, as the SQLite statement
 * cache does. Names are per connection and never reused for another text; past the capacity new
 * statements go unnamed, so a connection's prepared statements stay bounded.
 */
export function withNamedStatements(pool: pg.Pool, capacity = CAPACITY): pg.Pool {
  pool.on('connect', (client) => {
    const names = new Map<string, string>();
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    // query(text, values) as Kysely calls it, or query(text, values, callback) as pool.query() does.
    const named = (text: unknown, values: unknown, ...callback: unknown[]): unknown => {
      if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0 || callback.length > 1) {
        return query(text, values, ...callback);
      }
      let name = names.get(text);
      if (name === undefined && names.size < capacity) {
        name = `rolecall_${names.size}`;
        names.set(text, name);
      }
      return name === undefined ? query(text, values, ...callback) : query({ name, text, values }, ...callback);
    };
    client.query = named as typeof client.query;
  });
  return pool;
}
