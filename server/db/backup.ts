import { execFile } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { promisify } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import type { DatabaseConfig } from '../config/config.js';

const run = promisify(execFile);

/*
 * `rolecall backup` and `rolecall restore`. SQLite: the online backup API, page by page from a
 * connection of its own, so the server keeps running and the copy is one consistent instant;
 * restoring checks the copy, then puts it in place of the database file (the server stopped).
 * PostgreSQL: pg_dump's custom format and pg_restore, the tools that match the server, run with
 * the connection's settings in their environment (never a password on a command line).
 */

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

/** Writes a consistent copy of the database to `file`, readable by this user only. */
export async function backupDatabase(config: DatabaseConfig, file: string): Promise<void> {
  createPrivateFile(file);
  try {
    if (config.kind === 'sqlite') {
      const source = new SqliteDatabase(config.file, { readonly: true, fileMustExist: true });
      try {
        await source.backup(file);
      } finally {
        source.close();
      }
      assertSqliteIntact(file);
      return;
    }
    const { env, schema } = libpqSettings(config.url);
    await runTool('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`, ...(schema ? [`--schema=${schema}`] : [])], env);
  } catch (error) {
    rmSync(file, { force: true });
    throw error;
  }
}

/**
 * Makes the backup's file, empty, with no access for anyone but this user (it holds every
 * account); the copy is then written into it, so it is never readable by others, even briefly.
 * Never overwrites: an existing file is refused.
 */
function createPrivateFile(file: string): void {
  try {
    closeSync(openSync(file, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new BackupError(`${file} exists already: choose a new file, a backup never overwrites one`);
    }
    throw new BackupError(`${file} cannot be written: ${(error as Error).message}`);
  }
}

/** Puts a backup in place of the database. SQLite: only while no server uses the file. */
export async function restoreDatabase(config: DatabaseConfig, file: string): Promise<void> {
  if (!existsSync(file) || statSync(file).size === 0) throw new BackupError(`${file} does not exist or is empty`);
  if (config.kind === 'sqlite') {
    assertSqliteIntact(file);
    // Copied beside the database and renamed over it: the database file is the old one or the
    // whole backup, never half of it. The old write-ahead log belongs to the old file.
    const incoming = `${config.file}.restoring`;
    copyFileSync(file, incoming);
    for (const leftover of [`${config.file}-wal`, `${config.file}-shm`]) rmSync(leftover, { force: true });
    renameSync(incoming, config.file);
    return;
  }
  const { env } = libpqSettings(config.url);
  // One transaction: a restore that fails part-way leaves the database as it was.
  await runTool(
    'pg_restore',
    ['--clean', '--if-exists', '--no-owner', '--single-transaction', `--dbname=${env.PGDATABASE}`, file],
    env,
  );
}

function assertSqliteIntact(file: string): void {
  let copy: SqliteDatabase.Database | undefined;
  try {
    copy = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
    const result = copy.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new BackupError(`${file} is damaged: ${String(result)}`);
    const tables = copy.prepare("select count(*) as n from sqlite_master where type = 'table' and name = 'audit_log'").get() as {
      n: number;
    };
    if (tables.n !== 1) throw new BackupError(`${file} is not a Rolecall database`);
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} is not a SQLite database: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    copy?.close();
  }
}

/** The libpq environment of a postgres:// URL, and the schema its search_path names, if any. */
function libpqSettings(url: string): { env: Record<string, string>; schema: string | undefined } {
  const parsed = new URL(url);
  const env: Record<string, string> = {
    PGHOST: decodeURIComponent(parsed.hostname) || 'localhost',
    PGPORT: parsed.port || '5432',
    PGDATABASE: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'postgres',
  };
  if (parsed.username) env.PGUSER = decodeURIComponent(parsed.username);
  if (parsed.password) env.PGPASSWORD = decodeURIComponent(parsed.password);
  const sslmode = parsed.searchParams.get('sslmode');
  if (sslmode) env.PGSSLMODE = sslmode;
  const options = parsed.searchParams.get('options');
  if (options) env.PGOPTIONS = options;
  const schema = /search_path=([A-Za-z_][A-Za-z0-9_]*)/.exec(options ?? '')?.[1];
  return { env, schema };
}

async function runTool(tool: string, args: string[], env: Record<string, string>): Promise<void> {
  try {
    await run(tool, args, { env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    if (failure.code === 'ENOENT') {
      throw new BackupError(`${tool} was not found: install PostgreSQL's client tools, of the server's version or newer`);
    }
    throw new BackupError(`${tool} failed: ${(failure.stderr ?? failure.message).trim()}`);
  }
}
