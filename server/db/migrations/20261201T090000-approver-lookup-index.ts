import type { Kysely } from 'kysely';

/*
 * "Who approves these organizations" asks for a few roles in a list of organizations. The index
 * on (organization_id, role_id, status) let SQLite's planner, which knows only the average
 * organization (two roles), read every role of a big organization instead: 100,000 end users
 * read to find its two approvers. Leading with the role and covering the user lets both
 * databases seek straight to each (role, organization) pair and answer from the index alone.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema state
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema.dropIndex('role_assignments_org_role_idx').execute();
  await db.schema
    .createIndex('role_assignments_role_org_idx')
    .on('role_assignments')
    .columns(['role_id', 'organization_id', 'status', 'user_id'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('role_assignments_role_org_idx').execute();
  await db.schema
    .createIndex('role_assignments_org_role_idx')
    .on('role_assignments')
    .columns(['organization_id', 'role_id', 'status'])
    .execute();
}
