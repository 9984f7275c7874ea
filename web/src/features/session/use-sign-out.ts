import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { clearCsrfToken } from '../../api/client';
import { clearAllDrafts } from '../../components/form-drafts';
import { sessionQueryKey, signOut, siteBeforeAnswer, type SessionState } from './session-api';
import { setSignedOutNotice, type SignedOutNotice } from './signed-out-notice';

export type { SignedOutNotice } from './signed-out-notice';

/** Ends the session on the server, forgets it here, and goes to the sign-in page with a notice. */
export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: (notice: SignedOutNotice) => signOut().then(() => notice),
    onSuccess: (notice) => forgetSession(queryClient, notice, () => void navigate('/sign-in')),
  });
}

export function forgetSession(queryClient: QueryClient, notice: SignedOutNotice, then: () => void): void {
  setSignedOutNotice(notice);
  // Signing out on purpose leaves nothing typed behind; a timed-out session keeps its drafts.
  if (notice === 'signedOut') clearAllDrafts();
  // The pre-sign-in CSRF token differs from the session's: the next request fetches it again.
  clearCsrfToken();
  // Nothing read as this user may show to whoever signs in next.
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionQueryKey[0] });
  queryClient.setQueryData<SessionState>(sessionQueryKey, (previous) => ({
    session: null,
    serverOffsetMs: previous?.serverOffsetMs ?? 0,
    site: previous?.site ?? siteBeforeAnswer,
  }));
  then();
}
