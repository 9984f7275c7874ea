import { CompiledQuery, sql } from 'kysely';
import type { Database } from '../../server/db/database.js';
import type { Row } from './rows.js';

/*
 * Bulk inserts: many rows per INSERT statement and many statements per transaction. A statement
 * binds as many rows as the database's parameter limit allows (SQLite 32,766 host parameters,
 * PostgreSQL 65,535), and a transaction commits every ROWS_PER_TRANSACTION rows, so memory stays
 * flat and SQLite's WAL does not grow without bound. The SQL is written here rather than built
 * with Kysely's query builder: building a million-row insert through its AST costs more than the
 * insert itself, and the statements are plain multi-row VALUES lists either way.
 */

const PARAMETER_LIMIT = { sqlite: 32_766, postgres: 65_535 } as const;
const ROWS_PER_TRANSACTION = 50_000;

export interface TableStats {
  readonly table: string;
  rows: number;
  /** Time spent in INSERT statements and their commits, in milliseconds. */
  writeMs: number;
}

export class TableWriter {
  readonly stats: TableStats;
  private readonly rowsPerStatement: number;
  private readonly statements = new Map<number, string>();
  private pending: Row[] = [];

  constructor(
    private readonly database: Database,
    private readonly table: string,
    private readonly columns: readonly string[],
  ) {
    this.stats = { table, rows: 0, writeMs: 0 };
    this.rowsPerStatement = Math.floor(PARAMETER_LIMIT[database.kind] / columns.length);
  }

  /** Queues a row; a full transaction's worth is written at once. */
  async add(row: Row): Promise<void> {
    if (row.length !== this.columns.length)
      throw new Error(`${this.table}: a row of ${row.length} values for ${this.columns.length} columns`);
    this.pending.push(row);
    if (this.pending.length >= ROWS_PER_TRANSACTION) await this.flush();
  }

  /** Writes what is queued, in one transaction. */
  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const rows = this.pending;
    this.pending = [];
    const started = performance.now();
    await this.database.transaction(async (trx) => {
      // A lost commit only means generating again: PostgreSQL need not wait for the WAL flush.
      if (this.database.kind === 'postgres') await sql`set local synchronous_commit to off`.execute(trx);
      for (let start = 0; start < rows.length; start += this.rowsPerStatement) {
        const chunk = rows.slice(start, start + this.rowsPerStatement);
        await trx.executeQuery(CompiledQuery.raw(this.statement(chunk.length), chunk.flat()));
      }
    });
    this.stats.writeMs += performance.now() - started;
    this.stats.rows += rows.length;
  }

  /** INSERT … VALUES (…), (…) for `count` rows, with the dialect's placeholders; kept per size. */
  private statement(count: number): string {
    const known = this.statements.get(count);
    if (known) return known;
    const width = this.columns.length;
    const placeholder =
      this.database.kind === 'postgres' ? (row: number, column: number) => `$${row * width + column + 1}` : () => '?';
    const tuples: string[] = [];
    for (let row = 0; row < count; row++) {
      tuples.push(`(${this.columns.map((_, column) => placeholder(row, column)).join(', ')})`);
    }
    const text = `insert into "${this.table}" (${this.columns.map((column) => `"${column}"`).join(', ')}) values ${tuples.join(', ')}`;
    this.statements.set(count, text);
    return text;
  }
}

/**
 * SQLite settings for the load, on the one connection, put back afterwards: a page cache large
 * enough to hold the indexes being filled (random-order index inserts otherwise read and write
 * the same pages again and again), and no fsync per commit, since a crash mid-load only means
 * generating again. Nothing here changes the file's format or its data.
 */
export async function withBulkLoadSettings<T>(database: Database, load: () => Promise<T>): Promise<T> {
  if (database.kind !== 'sqlite') return load();
  const pragma = async (statement: string) => (await sql.raw(`pragma ${statement}`).execute(database.db)).rows;
  const [cache] = (await pragma('cache_size')) as { cache_size: number }[];
  const [sync] = (await pragma('synchronous')) as { synchronous: number }[];
  await pragma('cache_size = -1048576');
  await pragma('synchronous = OFF');
  try {
    return await load();
  } finally {
    await pragma(`cache_size = ${cache?.cache_size ?? -2000}`);
    await pragma(`synchronous = ${sync?.synchronous ?? 1}`);
  }
}
