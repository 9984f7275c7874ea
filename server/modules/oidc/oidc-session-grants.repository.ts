import type { Reader } from '../../db/database.js';

/*
 * The grants each Rolecall session made: an application's codes and tokens last only as long as
 * the Rolecall session that signed the person in to it.
 */

export async function linkGrantToSession(db: Reader, link: { sessionId: string; grantId: string; at: string }): Promise<void> {
  await db
    .insertInto('oidc_session_grants')
    .values({ session_id: link.sessionId, grant_id: link.grantId, created_at: link.at })
    .onConflict((conflict) => conflict.columns(['session_id', 'grant_id']).doUpdateSet({ created_at: link.at }))
    .execute();
}

/** A session replaced by a rotation: its grants now belong to the new one. */
export async function moveSessionGrants(db: Reader, fromSessionId: string, toSessionId: string): Promise<void> {
  await db.updateTable('oidc_session_grants').set({ session_id: toSessionId }).where('session_id', '=', fromSessionId).execute();
}

/**
 * Revokes the grants the sessions made: each grant, and every code and token issued under it,
 * is removed. The number of grants revoked.
 */
export async function revokeSessionGrants(db: Reader, sessionIds: readonly string[]): Promise<number> {
  const links = await db.selectFrom('oidc_session_grants').select('grant_id').where('session_id', 'in', sessionIds).execute();
  const grantIds = [...new Set(links.map((link) => link.grant_id))];
  if (grantIds.length === 0) return 0;
  await db
    .deleteFrom('oidc_payloads')
    .where((eb) => eb.or([eb('grant_id', 'in', grantIds), eb.and([eb('type', '=', 'Grant'), eb('id', 'in', grantIds)])]))
    .execute();
  await db.deleteFrom('oidc_session_grants').where('grant_id', 'in', grantIds).execute();
  return grantIds.length;
}

/** Forgets links last made before `before`: their grants have expired (a grant outlives no link by more than its TTL). */
export async function deleteStaleSessionGrants(db: Reader, before: string): Promise<number> {
  const result = await db.deleteFrom('oidc_session_grants').where('created_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
