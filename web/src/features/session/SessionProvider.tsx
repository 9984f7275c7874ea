import { useQueryClient } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { onSessionAnswer } from '../../api/client';
import { sessionQueryKey, toSessionState, type SessionAnswer, type SessionState } from './session-api';

/**
 * Keeps the ['session'] query in step with every answer that opens, replaces or refreshes a
 * session, so route guards and the header change as soon as the server says so.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      onSessionAnswer((answer, meta) => {
        queryClient.setQueryData<SessionState>(sessionQueryKey, (previous) =>
          toSessionState(answer as unknown as SessionAnswer, meta, previous),
        );
      }),
    [queryClient],
  );
  return children;
}
