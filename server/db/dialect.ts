import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from './schema.js';

/*
 * The few places where SQLite and PostgreSQL differ, kept together so the rest of the code
 * is written once. SQLite runs in one process with one connection and takes the write lock at
 * BEGIN (BEGIN IMMEDIATE), so every write transaction is already serial; PostgreSQL runs many
 * processes against one database and needs row and advisory locks.
 */
export type DialectKind = 'sqlite' | 'postgres';

/** A stable 63-bit lock key for a name, e.g. "sweep:outbox". */
export function advisoryKey(name: string): bigint {
  return createHash('sha256').update(name).digest().readBigInt64BE(0) & 0x3fffffffffffffffn;
}

/**
 * Holds a transaction-scoped lock on `name` until the transaction ends. Used to serialise
 * appends to a single chain (the audit log) across processes.
 */
export async function lockForTransaction(kind: DialectKind, trx: Transaction<DB>, name: string): Promise<void> {
  if (kind === 'postgres') {
    await sql`select pg_advisory_xact_lock(${advisoryKey(name).toString()}::bigint)`.execute(trx);
  }
}

const heldInProcess = new Set<string>();

/**
 * Runs `fn` only if no other process (PostgreSQL) or caller in this process (SQLite) holds
 * `name`; answers whether it ran. A crashed holder's lock is released with its connection.
 */
export async function withSessionLock<T>(
  kind: DialectKind,
  db: Kysely<DB>,
  name: string,
  fn: () => Promise<T>,
): Promise<{ ran: true; result: T } | { ran: false }> {
  if (kind === 'sqlite') {
    if (heldInProcess.has(name)) return { ran: false };
    heldInProcess.add(name);
    try {
      return { ran: true, result: await fn() };
    } finally {
      heldInProcess.delete(name);
    }
  }
  const key = advisoryKey(name).toString();
  // A session-level advisory lock belongs to one connection, so hold one for the whole run.
  return db.connection().execute(async (connection) => {
    const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${key}::bigint) as locked`.execute(connection);
    if (!rows[0]?.locked) return { ran: false as const };
    try {
      return { ran: true as const, result: await fn() };
    } finally {
      await sql`select pg_advisory_unlock(${key}::bigint)`.execute(connection);
    }
  });
}

/** Case-insensitive "contains" for type-ahead search. */
export function likeOperator(kind: DialectKind): 'like' | 'ilike' {
  return kind === 'postgres' ? 'ilike' : 'like';
}

/** A value matched literally by LIKE … ESCAPE '\\': its wildcards and escape character escaped. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`);
}
