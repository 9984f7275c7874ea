import type { Kysely } from 'kysely';

/*
 * Which application and organization an audit entry is about, when it is about one: the audit
 * search filters by them, and the help desk reads only its applications' entries. Entries
 * written before have neither (they stay readable by administrators, and verify as before).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema state
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('application_id', 'text').execute();
  await db.schema.alterTable('audit_log').addColumn('organization_id', 'text').execute();
  await db.schema.createIndex('audit_log_application_idx').on('audit_log').columns(['application_id', 'seq']).execute();
  await db.schema.createIndex('audit_log_organization_idx').on('audit_log').columns(['organization_id', 'seq']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('audit_log_organization_idx').execute();
  await db.schema.dropIndex('audit_log_application_idx').execute();
  await db.schema.alterTable('audit_log').dropColumn('organization_id').execute();
  await db.schema.alterTable('audit_log').dropColumn('application_id').execute();
}
