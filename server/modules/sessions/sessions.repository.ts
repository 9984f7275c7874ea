import type { Transaction } from 'kysely';
import type { Reader } from '../../db/database.js';
import type { DB } from '../../db/schema.js';

export type SessionStage = 'mfa' | 'enroll' | 'active';

export interface Session {
  id: string;
  userId: string;
  stage: SessionStage;
  ip: string | null;
  userAgent: string | null;
  createdAt: string;
  lastSeenAt: string;
  idleExpiresAt: string;
  absoluteExpiresAt: string;
  endedAt: string | null;
  /** The second factor that made the session active (a factor kind, `recovery_code`, `enrollment`). */
  mfaMethod: string | null;
  /** When that factor was verified. */
  mfaVerifiedAt: string | null;
}

const COLUMNS = [
  'id',
  'user_id',
  'stage',
  'ip',
  'user_agent',
  'created_at',
  'last_seen_at',
  'idle_expires_at',
  'absolute_expires_at',
  'ended_at',
  'mfa_method',
  'mfa_verified_at',
] as const;

function toSession(row: {
  id: string;
  user_id: string;
  stage: string;
  ip: string | null;
  user_agent: string | null;
  created_at: string;
  last_seen_at: string;
  idle_expires_at: string;
  absolute_expires_at: string;
  ended_at: string | null;
  mfa_method: string | null;
  mfa_verified_at: string | null;
}): Session {
  return {
    id: row.id,
    userId: row.user_id,
    stage: row.stage as SessionStage,
    ip: row.ip,
    userAgent: row.user_agent,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    idleExpiresAt: row.idle_expires_at,
    absoluteExpiresAt: row.absolute_expires_at,
    endedAt: row.ended_at,
    mfaMethod: row.mfa_method,
    mfaVerifiedAt: row.mfa_verified_at,
  };
}

export async function findSessionByTokenHash(db: Reader, tokenHash: string): Promise<Session | undefined> {
  const row = await db.selectFrom('sessions').select(COLUMNS).where('token_hash', '=', tokenHash).executeTakeFirst();
  return row && toSession(row);
}

export async function findSessionById(db: Reader, id: string): Promise<Session | undefined> {
  const row = await db.selectFrom('sessions').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return row && toSession(row);
}

export async function insertSession(
  trx: Transaction<DB>,
  session: Session & { tokenHash: string; csrfTokenHash: string },
): Promise<void> {
  await trx
    .insertInto('sessions')
    .values({
      id: session.id,
      user_id: session.userId,
      token_hash: session.tokenHash,
      stage: session.stage,
      csrf_token_hash: session.csrfTokenHash,
      ip: session.ip,
      user_agent: session.userAgent,
      created_at: session.createdAt,
      last_seen_at: session.lastSeenAt,
      idle_expires_at: session.idleExpiresAt,
      absolute_expires_at: session.absoluteExpiresAt,
      ended_at: null,
      end_reason: null,
      mfa_method: session.mfaMethod,
      mfa_verified_at: session.mfaVerifiedAt,
    })
    .execute();
}

export async function touchSession(db: Reader, id: string, lastSeenAt: string, idleExpiresAt: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: lastSeenAt, idle_expires_at: idleExpiresAt })
    .where('id', '=', id)
    .where('ended_at', 'is', null)
    .execute();
}

/** Moves an open session from one stage to another; answers whether it was at `from`. */
export async function changeSessionStage(
  db: Reader,
  id: string,
  change: { from: SessionStage; to: SessionStage; idleExpiresAt: string },
): Promise<boolean> {
  const result = await db
    .updateTable('sessions')
    .set({ stage: change.to, idle_expires_at: change.idleExpiresAt })
    .where('id', '=', id)
    .where('stage', '=', change.from)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Ends sessions; answers how many were still open. */
/** Ends the open sessions that match; the ids of those it ended. */
export async function endSessions(
  db: Reader,
  filter: { id?: string; userId?: string; exceptId?: string },
  endedAt: string,
  reason: string,
): Promise<string[]> {
  const rows = await db
    .updateTable('sessions')
    .set({ ended_at: endedAt, end_reason: reason })
    .where('ended_at', 'is', null)
    .$if(filter.id !== undefined, (query) => query.where('id', '=', filter.id as string))
    .$if(filter.userId !== undefined, (query) => query.where('user_id', '=', filter.userId as string))
    .$if(filter.exceptId !== undefined, (query) => query.where('id', '!=', filter.exceptId as string))
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}

export async function listOpenSessions(db: Reader, userId: string, now: string): Promise<Session[]> {
  const rows = await db
    .selectFrom('sessions')
    .select(COLUMNS)
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .where('idle_expires_at', '>', now)
    .where('absolute_expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .limit(100)
    .execute();
  return rows.map(toSession);
}
