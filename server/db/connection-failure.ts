import type { DatabaseConfig } from '../config/config.js';

/** Error codes that mean "the database cannot be reached or opened", not a fault in Rolecall. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EACCES',
  'EROFS',
  'ENOENT',
  'ENOTDIR',
  'EEXIST',
  // PostgreSQL: authentication failed, no such role, no such database, too many connections, starting or shutting down.
  '28P01',
  '28000',
  '3D000',
  '53300',
  '57P03',
  'SQLITE_CANTOPEN',
  'SQLITE_NOTADB',
  'SQLITE_READONLY',
  'SQLITE_PERM',
  'SQLITE_CORRUPT',
]);

/** Where the database is, for a message: a PostgreSQL URL without its password. */
export function describeDatabaseLocation(config: DatabaseConfig): string {
  if (config.kind === 'sqlite') return `sqlite:${config.file}`;
  try {
    const url = new URL(config.url);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://…';
  }
}

function causes(error: unknown): unknown[] {
  if (error instanceof AggregateError) return [error, ...error.errors];
  if (error instanceof Error && error.cause !== undefined) return [error, error.cause];
  return [error];
}

/**
 * One line naming ROLECALL_DATABASE_URL and the cause, when `error` says the database could not be
 * reached or opened; undefined for any other error, which deserves its stack trace.
 */
export function describeDatabaseFailure(error: unknown, config: DatabaseConfig): string | undefined {
  const found = causes(error).find((candidate) => {
    const code = (candidate as { code?: unknown } | null)?.code;
    return typeof code === 'string' && UNREACHABLE.has(code);
  });
  if (!found) return undefined;
  const message = found instanceof Error && found.message ? found.message : String((found as { code: string }).code);
  return `Cannot open the database at ROLECALL_DATABASE_URL (${describeDatabaseLocation(config)}): ${message}`;
}
