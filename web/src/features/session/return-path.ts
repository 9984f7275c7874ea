import type { Session } from './session-api';

/** Only a path on this site: anything else (another origin, `//host`) becomes the home page. */
export function safeReturnPath(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  return value;
}

/**
 * Paths the server answers itself rather than this app's router: an application's sign-in
 * through Rolecall comes back to /oidc/interaction/… once the person is signed in.
 */
export function isServerPath(path: string): boolean {
  return path.startsWith('/oidc/');
}

export function withReturnTo(path: string, returnTo: string): string {
  const target = safeReturnPath(returnTo);
  return target === '/' ? path : `${path}?returnTo=${encodeURIComponent(target)}`;
}

/** Where a session at its stage belongs, when it is not on a page for that stage. */
export function stagePath(session: Session | null, returnTo: string): string {
  if (!session) return withReturnTo('/sign-in', returnTo);
  if (session.stage === 'mfa') return withReturnTo('/sign-in/mfa', returnTo);
  if (session.stage === 'enroll') return withReturnTo('/mfa/enroll', returnTo);
  return safeReturnPath(returnTo);
}
