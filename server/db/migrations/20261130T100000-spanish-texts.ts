import { sql, type Kysely } from 'kysely';

/*
 * The catalog's texts (application and role names and descriptions) and the terms' title exist in
 * Spanish too, shown to readers who chose Spanish; empty means "use the English text". The first
 * terms version, which a migration published, gets its Spanish title here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema state
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  for (const table of ['applications', 'roles']) {
    await db.schema
      .alterTable(table)
      .addColumn('name_es', 'text', (column) => column.notNull().defaultTo(''))
      .execute();
    await db.schema
      .alterTable(table)
      .addColumn('description_es', 'text', (column) => column.notNull().defaultTo(''))
      .execute();
  }
  await db.schema
    .alterTable('terms_versions')
    .addColumn('title_es', 'text', (column) => column.notNull().defaultTo(''))
    .execute();
  await db
    .updateTable('terms_versions')
    .set({ title_es: 'Términos y condiciones' })
    .where('title', '=', 'Terms and conditions')
    .where(sql.ref('title_es'), '=', '')
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.alterTable('terms_versions').dropColumn('title_es').execute();
  for (const table of ['applications', 'roles']) {
    await db.schema.alterTable(table).dropColumn('description_es').execute();
    await db.schema.alterTable(table).dropColumn('name_es').execute();
  }
}
