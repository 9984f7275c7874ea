import type { Kysely } from 'kysely';

/*
 * "Who approves these organizations" asks for a few roles in a list of organizations. The index
 * on (organization_id, role_id, status) let SQLite's planner, which knows only the average
 * organization (two roles), read every role of a big organization instead: 100,000 end users
 * read to find its two approvers. Led by the role, the index seeks straight to each (role,
 * organization) pair on both databases. It ends with the due date and id so that a certifier's
 * items of a role in an organization, within a window of due dates, are a range of it too:
 * without them SQLite preferred its three equal columns to the due-date index and read every
 * item of every organization for each page of My Annual Role Certifications.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema state
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema.dropIndex('role_assignments_org_role_idx').execute();
  await db.schema
    .createIndex('role_assignments_role_org_idx')
    .on('role_assignments')
    .columns(['role_id', 'organization_id', 'status', 'certification_due_at', 'id'])
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
