import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { TestContext } from './test-context.js';

/**
 * Columns that change on every signed-in request by design (the idle timer restarts), so a
 * refused request may change them and nothing else.
 */
const TOUCHED_ON_EVERY_REQUEST: Record<string, readonly string[]> = {
  sessions: ['last_seen_at', 'idle_expires_at'],
};

/**
 * Tables only ever appended to, fingerprinted by their size and newest key: the audit log grows
 * by thousands of entries in a long run, and a change to an entry already written breaks its
 * chain, which `rolecall audit verify` finds.
 */
const APPEND_ONLY: Record<string, string> = { audit_log: 'seq' };

/** A fingerprint of every row of every table, for "this request changed nothing". */
export async function snapshotTables(t: Pick<TestContext, 'ctx' | 'testDatabase'>): Promise<Map<string, string>> {
  const db = t.ctx.database.db;
  const tables = (await db.introspection.getTables({ withInternalKyselyTables: true }))
    .filter((table) => !table.isView && (t.testDatabase.schema === undefined || table.schema === t.testDatabase.schema))
    .map((table) => table.name)
    .sort();
  const snapshot = new Map<string, string>();
  if (t.ctx.database.kind === 'postgres') {
    // One round trip: each table hashed where it lives, its rows as JSON less the touched columns.
    const digests = tables.map((table) => {
      const key = APPEND_ONLY[table];
      if (key)
        return sql`(select count(*) || ':' || coalesce(max(${sql.ref(key)}), 0) from ${sql.table(table)}) as ${sql.ref(table)}`;
      const less = (TOUCHED_ON_EVERY_REQUEST[table] ?? []).map((column) => sql` - ${column}`);
      const row = sql`(to_jsonb(t)${sql.join(less, sql``)})::text`;
      return sql`(select coalesce(md5(string_agg(${row}, E'\n' order by ${row})), '') from ${sql.table(table)} t) as ${sql.ref(table)}`;
    });
    const { rows } = await sql<Record<string, string>>`select ${sql.join(digests)}`.execute(db);
    for (const table of tables) snapshot.set(table, rows[0]![table]!);
    return snapshot;
  }
  for (const table of tables) {
    const key = APPEND_ONLY[table];
    if (key) {
      const { rows } = await sql<{
        size: string;
      }>`select count(*) || ':' || coalesce(max(${sql.ref(key)}), 0) as size from ${sql.table(table)}`.execute(db);
      snapshot.set(table, String(rows[0]!.size));
      continue;
    }
    const skipped = TOUCHED_ON_EVERY_REQUEST[table] ?? [];
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
    const lines = rows
      .map((row) =>
        JSON.stringify(
          Object.entries(row)
            .filter(([column]) => !skipped.includes(column))
            .map(([column, value]) => [column, Buffer.isBuffer(value) ? value.toString('base64') : value]),
        ),
      )
      .sort();
    snapshot.set(table, createHash('sha256').update(lines.join('\n')).digest('hex'));
  }
  return snapshot;
}

/** The tables whose rows differ between two snapshots. */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...new Set([...before.keys(), ...after.keys()])].filter((table) => before.get(table) !== after.get(table));
}
