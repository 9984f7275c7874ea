/**
 * Who is doing something, and from where. Every service method takes one, and the audit log
 * records it; the HTTP layer builds it from the session and the request.
 */
export interface Actor {
  readonly kind: 'user' | 'system' | 'anonymous';
  /** The users.id of a signed-in user. */
  readonly userId?: string;
  readonly ip?: string;
  readonly userAgent?: string;
  readonly requestId?: string;
}

export const systemActor: Actor = Object.freeze({ kind: 'system' });
