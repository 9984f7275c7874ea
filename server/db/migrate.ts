import { Migrator, type MigrationResultSet } from 'kysely';
import type { Database } from './database.js';
import { migrations } from './migrations/index.js';

export interface MigrationOutcome {
  applied: string[];
}

/** Brings the schema up to date. Safe to run from several processes at once: Kysely locks. */
export async function migrateToLatest(database: Database): Promise<MigrationOutcome> {
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrations },
    // Otherwise Kysely may find its bookkeeping tables in another schema of the same database.
    ...(database.schema ? { migrationTableSchema: database.schema } : {}),
  });
  return unwrap(await migrator.migrateToLatest());
}

function unwrap({ error, results }: MigrationResultSet): MigrationOutcome {
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName;
    throw new Error(`Migration ${failed ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return { applied: (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName) };
}
