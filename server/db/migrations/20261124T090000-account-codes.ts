import type { Kysely } from 'kysely';

/*
 * One-time codes carry a small JSON payload: the factor an emailed sign-in code belongs to, or
 * the new address an email-change link confirms. And the first version of the terms and
 * conditions is published, since nobody can sign in without accepting one; administrators
 * publish their own wording as version 2 and later.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema state
type Db = Kysely<any>;

const FIRST_TERMS_ID = '019ab000-0000-7000-8000-000000000001';

export async function up(db: Db): Promise<void> {
  await db.schema.alterTable('one_time_codes').addColumn('payload_json', 'text').execute();
  const existing = await db.selectFrom('terms_versions').select('id').limit(1).executeTakeFirst();
  if (!existing) {
    await db
      .insertInto('terms_versions')
      .values({
        id: FIRST_TERMS_ID,
        version: 1,
        title: 'Terms and conditions',
        body_en: TERMS_EN,
        body_es: TERMS_ES,
        published_at: new Date().toISOString(),
        published_by: null,
      })
      .execute();
  }
}

const TERMS_EN = [
  'You are accessing a system that holds information about the organizations you work for and the people who use it. Use it only for the work you are authorized to do.',
  'Your user ID, password and MFA devices are yours alone. Do not share them, and tell the help desk at once if you think someone else has used them.',
  'Everything you do here is recorded and may be reviewed. Misuse can lead to the loss of your access and to civil or criminal penalties.',
  'Your roles are reviewed once a year by your organization or the help desk, and removed if they are not certified.',
].join('\n\n');

const TERMS_ES = [
  'Usted está entrando a un sistema que contiene información sobre las organizaciones para las que trabaja y las personas que lo usan. Úselo solo para el trabajo que está autorizado a hacer.',
  'Su ID de usuario, su contraseña y sus dispositivos MFA son solo suyos. No los comparta, y avise de inmediato a la mesa de ayuda si cree que otra persona los ha usado.',
  'Todo lo que hace aquí queda registrado y puede revisarse. El mal uso puede causar la pérdida de su acceso y sanciones civiles o penales.',
  'Sus roles se revisan una vez al año por su organización o la mesa de ayuda, y se eliminan si no se certifican.',
].join('\n\n');

export async function down(db: Db): Promise<void> {
  await db.deleteFrom('terms_acceptances').where('terms_version_id', '=', FIRST_TERMS_ID).execute();
  await db.deleteFrom('terms_versions').where('id', '=', FIRST_TERMS_ID).execute();
  await db.schema.alterTable('one_time_codes').dropColumn('payload_json').execute();
}
