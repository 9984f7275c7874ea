import type { Kysely } from 'kysely';

/*
 * An organization has at most one open update request; finding it, and an organization's form
 * history, goes by organization.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema state
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createIndex('organization_forms_organization_idx')
    .on('organization_forms')
    .columns(['organization_id', 'kind', 'status'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('organization_forms_organization_idx').execute();
}
