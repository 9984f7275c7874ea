import { useInfiniteQuery } from '@tanstack/react-query';
import { fetchOutboxPage } from './outbox-api';

export function useOutbox() {
  return useInfiniteQuery({
    queryKey: ['dev', 'outbox'],
    queryFn: ({ pageParam, signal }) => fetchOutboxPage(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
}
