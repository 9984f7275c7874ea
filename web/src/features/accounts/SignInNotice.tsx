import { Alert } from '@trussworks/react-uswds';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { clearSignedOutNotice, peekSignedOutNotice } from '../session/signed-out-notice';

export type SignInNoticeKind = 'signedOut' | 'timedOut' | 'setUp';

const noticeKeys = {
  signedOut: 'signIn.notice.signedOut',
  timedOut: 'signIn.notice.timedOut',
  setUp: 'signIn.notice.setUp',
} as const satisfies Record<SignInNoticeKind, string>;

function isNotice(value: unknown): value is SignInNoticeKind {
  return typeof value === 'string' && value in noticeKeys;
}

/**
 * Why the person is on the sign-in page: a session that just ended says so, and other pages can
 * send a notice in the navigation's state.
 */
export function SignInNotice() {
  const { t } = useTranslation();
  const state: unknown = useLocation().state;
  const fromState = typeof state === 'object' && state !== null ? (state as { notice?: unknown }).notice : undefined;
  // Read once when the page opens; shown until the person leaves it.
  const [ended] = useState(peekSignedOutNotice);
  useEffect(() => clearSignedOutNotice(), []);
  const notice = isNotice(fromState) ? fromState : ended;
  if (!isNotice(notice)) return null;
  return (
    <Alert type={notice === 'timedOut' ? 'warning' : 'info'} headingLevel="h2" slim role="status">
      {t(noticeKeys[notice])}
    </Alert>
  );
}
