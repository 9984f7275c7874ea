import { useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchSession, sessionQueryKey, type SessionState } from './session-api';

/** How often a signed-in page asks whether its session is still there (reading it is free). */
const pollMs = 60_000;

export function useSession() {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: sessionQueryKey,
    queryFn: ({ signal }) => fetchSession(queryClient.getQueryData<SessionState>(sessionQueryKey), signal),
    staleTime: 15_000,
    refetchInterval: (query) => (query.state.data?.session ? pollMs : false),
    refetchOnWindowFocus: true,
  });
}
