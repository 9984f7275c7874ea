export type SignedOutNotice = 'signedOut' | 'timedOut';

// Why the session just ended, for the sign-in page to say. Kept here rather than in the
// navigation's state: a guarded page that loses its session sends the person to sign in on its
// own (with its return path), and the reason must survive whichever navigation wins.
let pending: SignedOutNotice | undefined;

export function setSignedOutNotice(notice: SignedOutNotice): void {
  pending = notice;
}

export function peekSignedOutNotice(): SignedOutNotice | undefined {
  return pending;
}

export function clearSignedOutNotice(): void {
  pending = undefined;
}
