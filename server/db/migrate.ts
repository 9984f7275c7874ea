import { Migrator, sql, type MigrationResultSet } from 'kysely';
import type { Database } from './database.js';
import { migrations } from './migrations/index.js';

export interface MigrationOutcome {
  applied: string[];
}

/** Brings the schema up to date. Safe to run from several processes at once: Kysely locks. */
export async function migrateToLatest(database: Database): Promise<MigrationOutcome> {
  // Kysely looks for its bookkeeping tables in every schema of the database unless told which:
  // another Rolecall in another schema (chosen by the URL's search_path) would pass for this one.
  const schema = database.schema ?? (database.kind === 'postgres' ? await currentSchema(database) : undefined);
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrations },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  return unwrap(await migrator.migrateToLatest());
}

async function currentSchema(database: Database): Promise<string | undefined> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(database.db);
  return rows[0]?.schema ?? undefined;
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
