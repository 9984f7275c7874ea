import { AsyncLocalStorage } from 'node:async_hooks';
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
  type Driver,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config/config.js';
import type { DialectKind } from './dialect.js';
import type { DB } from './schema.js';
import { withNamedStatements } from './postgres-statement-names.js';
import { withStatementCache } from './statement-cache.js';

export type { Transaction } from 'kysely';

/**
 * What a read or a write runs on: the root connection, or the transaction the caller was given.
 * Inside a transaction only the transaction will do (the root connection is refused there).
 */
export type Reader = Kysely<DB> | Transaction<DB>;

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

/** Set while a Database.transaction() callback runs, in its async context only. */
const insideTransaction = new AsyncLocalStorage<true>();

/**
 * Code inside a transaction that reaches for the root connection is a bug: on SQLite it waits
 * forever for the connection the transaction holds, and on PostgreSQL it reads and writes outside
 * the transaction. Both the guard's errors say what to do instead, at once, in every environment.
 */
export class TransactionMisuseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransactionMisuseError';
  }
}

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
  const dialect = config.kind === 'sqlite' ? sqliteDialect(config.file) : postgresDialect(config, options.schema);
  const db = new Kysely<DB>({ dialect: guarded(dialect) });
  const reportHookError = options.onHookError ?? ((error) => console.error('after-commit hook failed', error));

  return {
    kind,
    db,
    schema: options.schema,
    async transaction(fn) {
      if (insideTransaction.getStore()) {
        throw new TransactionMisuseError(
          'A transaction was opened inside another: take the transaction you are given (trx) and use it instead.',
        );
      }
      const hooks: AfterCommit[] = [];
      const result = await db.transaction().execute(async (trx) => {
        pendingHooks.set(trx, hooks);
        return insideTransaction.run(true, () => fn(trx));
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

/**
 * The dialect with a driver that refuses the root connection to code running inside a
 * transaction. A transaction holds one connection from its start, so inside it the only new
 * acquisitions are root-connection queries (or a nested transaction).
 */
function guarded(dialect: Dialect): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createDriver: () => new TransactionGuardDriver(dialect.createDriver()),
  };
}

class TransactionGuardDriver implements Driver {
  constructor(private readonly inner: Driver) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  acquireConnection(): Promise<DatabaseConnection> {
    if (insideTransaction.getStore()) {
      return Promise.reject(
        new TransactionMisuseError(
          'The root connection (database.db) was used inside a transaction: pass the transaction (trx) to this query.',
        ),
      );
    }
    return this.inner.acquireConnection();
  }

  beginTransaction(...args: Parameters<Driver['beginTransaction']>): Promise<void> {
    return this.inner.beginTransaction(...args);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(connection);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(connection);
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

function sqliteDialect(file: string): Dialect {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const database = new SqliteDatabase(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  // Another process (the CLI beside a running server) may hold the write lock briefly.
  database.pragma('busy_timeout = 5000');
  const config = { database: withStatementCache(database) };
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

function postgresDialect(config: Extract<DatabaseConfig, { kind: 'postgres' }>, schema: string | undefined): Dialect {
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.poolSize,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  return new PostgresDialect({ pool: config.preparedStatements === false ? pool : withNamedStatements(pool) });
}
