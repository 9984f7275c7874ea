import { useQuery } from '@tanstack/react-query';
import { fetchSubscriptions, webhooksQueryKey } from './webhooks-api';

/** The subscriptions, read once for the list and for a delivery log's page alike. */
export function useWebhookSubscriptions() {
  return useQuery({ queryKey: webhooksQueryKey, queryFn: ({ signal }) => fetchSubscriptions(signal) });
}
