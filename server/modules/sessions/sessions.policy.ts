/** What a person may do with one of their sessions: end it (signing out there). */
export const SESSION_ACTIONS = ['end'] as const;
export type SessionAction = (typeof SESSION_ACTIONS)[number];

interface SessionFacts {
  userId: string;
  endedAt: string | null;
}

/** A session is seen and ended only by its own user, while it is open; others are not told it exists. */
export function mayEndSession(userId: string, session: SessionFacts): boolean {
  return session.userId === userId && session.endedAt === null;
}

/** The actions the person may take on the session now: what My sessions sends and the page offers. */
export function sessionActions(userId: string, session: SessionFacts): SessionAction[] {
  return mayEndSession(userId, session) ? ['end'] : [];
}
