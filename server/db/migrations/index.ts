import type { Migration } from 'kysely';
import * as foundation from './20261123T120000-foundation.js';

/**
 * Every migration, by name, in the order they apply. Listed explicitly (not read from the
 * directory) so the same code runs from TypeScript sources and from the compiled build.
 */
export const migrations: Record<string, Migration> = {
  '20261123T120000-foundation': foundation,
};
