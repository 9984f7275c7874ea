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

/**
 * The signed-in person a request is made by, as the rules (`x.policy.ts`) look at them. Services
 * take it and ask their policy; routes never decide for them with a boolean.
 */
export interface Caller {
  readonly id: string;
  readonly isAdministrator: boolean;
}
