import type { Reader } from '../../db/database.js';

/** Moves a person's last sign-in to an application forward to `at` (never back). */
export async function upsertSignIn(db: Reader, userId: string, applicationId: string, at: string): Promise<void> {
  await db
    .insertInto('application_sign_ins')
    .values({ user_id: userId, application_id: applicationId, last_signed_in_at: at })
    .onConflict((conflict) =>
      conflict
        .columns(['user_id', 'application_id'])
        .doUpdateSet({ last_signed_in_at: at })
        .where('application_sign_ins.last_signed_in_at', '<', at),
    )
    .execute();
}

/** The last sign-ins of these people to these applications, one row per pair that has one. */
export async function listSignIns(
  db: Reader,
  userIds: readonly string[],
  applicationIds: readonly string[],
): Promise<{ user_id: string; application_id: string; last_signed_in_at: string }[]> {
  if (userIds.length === 0 || applicationIds.length === 0) return [];
  return db
    .selectFrom('application_sign_ins')
    .select(['user_id', 'application_id', 'last_signed_in_at'])
    .where('user_id', 'in', userIds)
    .where('application_id', 'in', applicationIds)
    .execute();
}
