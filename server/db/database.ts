import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteAdapter,
  SqliteDriver,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config/config.js';
import type { DialectKind } from './dialect.js';
import type { DB } from './schema.js';

export type { Transaction } from 'kysely';

type AfterCommit = () => void | Promise<void>;

/** The database handle the rest of the server uses. */
export interface Database {
  readonly kind: DialectKind;
  readonly db: Kysely<DB>;
  /** PostgreSQL schema the tables live in, when not the default search path. */
  readonly schema: string | undefined;
  /**
   * Runs `fn` in one transaction. Hooks registered with afterCommit() run once it has committed,
   * and never if it rolls back.
   */
  transaction<T>(fn: (trx: Transaction<DB>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const pendingHooks = new WeakMap<Transaction<DB>, AfterCommit[]>();

/** Registers work (waking the mail dispatcher, say) to run after `trx` commits. */
export function afterCommit(trx: Transaction<DB>, hook: AfterCommit): void {
  const hooks = pendingHooks.get(trx);
  if (!hooks) throw new Error('afterCommit() needs a transaction started by Database.transaction()');
  hooks.push(hook);
}

export interface DatabaseOptions {
  /** PostgreSQL only: the schema to use (tests give each file its own). */
  schema?: string;
  /** Called when an after-commit hook throws: the change has committed, so it is only reported. */
  onHookError?: (error: unknown) => void;
}

export function createDatabase(config: DatabaseConfig, options: DatabaseOptions = {}): Database {
  const kind = config.kind;
  const dialect =
    config.kind === 'sqlite' ? sqliteDialect(config.file) : postgresDialect(config.url, config.poolSize, options.schema);
  const db = new Kysely<DB>({ dialect });
  const reportHookError = options.onHookError ?? ((error) => console.error('after-commit hook failed', error));

  return {
    kind,
    db,
    schema: options.schema,
    async transaction(fn) {
      const hooks: AfterCommit[] = [];
      const result = await db.transaction().execute(async (trx) => {
        pendingHooks.set(trx, hooks);
        return fn(trx);
      });
      for (const hook of hooks) {
        try {
          await hook();
        } catch (error) {
          reportHookError(error);
        }
      }
      return result;
    },
    close: () => db.destroy(),
  };
}

function sqliteDialect(file: string): Dialect {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const database = new SqliteDatabase(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  // Another process (the CLI beside a running server) may hold the write lock briefly.
  database.pragma('busy_timeout = 5000');
  const config = { database };
  return {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new ImmediateSqliteDriver(config),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  };
}

/**
 * Takes SQLite's write lock when a transaction begins rather than at its first write, so two
 * transactions never both read and then fail to upgrade: every transaction is serial, which is
 * what our read-then-decide state transitions rely on.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

// PostgreSQL bigint (int8) columns hold counters and sequence numbers far below 2^53: read them
// as numbers, as SQLite does, so repositories see one type.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

function postgresDialect(url: string, poolSize: number, schema: string | undefined): Dialect {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  return new PostgresDialect({ pool });
}
