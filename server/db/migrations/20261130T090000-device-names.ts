import type { Kysely } from 'kysely';

/*
 * MFA devices used to get an English name when their owner gave none ("Authenticator app",
 * "Text message ••••0100"). Pages now name such a device by its kind in the reader's language,
 * so those stored defaults become ''. A name someone typed is kept.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema state
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db
    .updateTable('mfa_factors')
    .set({ label: '' })
    .where((eb) =>
      eb.or([
        eb.and([eb('kind', '=', 'totp'), eb('label', '=', 'Authenticator app')]),
        eb.and([eb('kind', '=', 'webauthn'), eb('label', '=', 'Security key')]),
        eb.and([eb('kind', '=', 'email'), eb('label', 'like', 'Email %')]),
        eb.and([eb('kind', '=', 'sms'), eb('label', 'like', 'Text message %')]),
        eb.and([eb('kind', '=', 'voice'), eb('label', 'like', 'Voice call %')]),
      ]),
    )
    .execute();
}

export async function down(): Promise<void> {
  // The English defaults are not restored: an empty name is shown by kind in either version.
}
