import type { Kysely } from 'kysely';

/*
 * Annual role certification. The first acknowledgement text is published (a certifier must tick
 * it before any decision, and every decision stores its version); administrators publish their
 * own wording as version 2 and later. A certifier gets at most one reminder digest a day, which
 * certification_digests records. Help desk lists and the expiry dry run go by application.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema state
type Db = Kysely<any>;

const FIRST_ACKNOWLEDGEMENT_ID = '019ab100-0000-7000-8000-000000000001';

export const FIRST_ACKNOWLEDGEMENT_EN =
  'I acknowledge that I have carefully reviewed each user listed for certification, and that I certify only the people who should continue to have this access for this organization. I understand that roles I revoke, and roles not certified by their due date, are removed.';
export const FIRST_ACKNOWLEDGEMENT_ES =
  'Reconozco que revisé cuidadosamente a cada usuario incluido para certificación, y que certifico solo a las personas que deben seguir teniendo este acceso para esta organización. Entiendo que los roles que revoco, y los que no se certifiquen antes de su fecha de vencimiento, se eliminan.';

export async function up(db: Db): Promise<void> {
  const existing = await db.selectFrom('acknowledgement_versions').select('id').limit(1).executeTakeFirst();
  if (!existing) {
    await db
      .insertInto('acknowledgement_versions')
      .values({
        id: FIRST_ACKNOWLEDGEMENT_ID,
        version: 1,
        text_en: FIRST_ACKNOWLEDGEMENT_EN,
        text_es: FIRST_ACKNOWLEDGEMENT_ES,
        published_at: new Date().toISOString(),
      })
      .execute();
  }
  await db.schema
    .createTable('certification_digests')
    .addColumn('certifier_id', 'text', (c) => c.notNull().references('users.id'))
    // The calendar day (YYYY-MM-DD) in the program's time zone.
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('items', 'integer', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('certification_digests_pk', ['certifier_id', 'day'])
    .execute();
  await db.schema
    .createIndex('role_assignments_app_due_idx')
    .on('role_assignments')
    .columns(['application_id', 'status', 'certification_due_at', 'id'])
    .execute();
  await db.schema
    .createIndex('certification_decisions_org_idx')
    .on('certification_decisions')
    .columns(['organization_id', 'decided_at'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('certification_decisions_org_idx').execute();
  await db.schema.dropIndex('role_assignments_app_due_idx').execute();
  await db.schema.dropTable('certification_digests').execute();
  await db.deleteFrom('acknowledgement_versions').where('id', '=', FIRST_ACKNOWLEDGEMENT_ID).execute();
}
