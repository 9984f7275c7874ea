import type { Static } from 'typebox';
import type {
  CreatedSubscription as CreatedSubscriptionSchema,
  MessagePage as MessagePageSchema,
  NewSubscriptionBody,
  Subscription as SubscriptionSchema,
} from '../../../../server/modules/webhooks/webhooks.schemas.js';
import { apiDelete, apiGet, apiPost } from '../../api/client';

/*
 * The webhook subscriptions and their delivery log as the server describes them, typed from its
 * own schemas (type-only imports: nothing of the server reaches the bundle), so a change there
 * fails the web type check.
 */
export type Subscription = Static<typeof SubscriptionSchema>;
export type WebhookEventType = Subscription['eventTypes'][number];
export type NewSubscription = Static<typeof NewSubscriptionBody>;
/** A new subscription and its signing secret, which the server never shows again. */
export type CreatedSubscription = Static<typeof CreatedSubscriptionSchema>;
export type MessagePage = Static<typeof MessagePageSchema>;
export type WebhookMessage = MessagePage['items'][number];
export type DeliveryAttempt = WebhookMessage['attempts'][number];

export const webhooksQueryKey = ['admin', 'webhooks'] as const;

export function messagesQueryKey(subscriptionId: string) {
  return [...webhooksQueryKey, subscriptionId, 'messages'] as const;
}

/** How many messages the delivery log reads at a time; "Load more" reads the next ones. */
export const messagesPageSize = 20;

export function fetchSubscriptions(signal?: AbortSignal): Promise<{ items: Subscription[] }> {
  return apiGet<{ items: Subscription[] }>('/admin/webhooks', undefined, signal);
}

export function subscribe(body: NewSubscription): Promise<CreatedSubscription> {
  return apiPost<CreatedSubscription>('/admin/webhooks', body);
}

/** The subscription's messages not sent yet are dropped with it. */
export function unsubscribe(id: string): Promise<void> {
  return apiDelete(`/admin/webhooks/${encodeURIComponent(id)}`);
}

/** A page of the delivery log, newest first; `cursor` is the previous page's `nextCursor`. */
export function fetchMessages(subscriptionId: string, cursor: string | undefined, signal?: AbortSignal): Promise<MessagePage> {
  return apiGet<MessagePage>(
    `/admin/webhooks/${encodeURIComponent(subscriptionId)}/messages`,
    { limit: messagesPageSize, cursor },
    signal,
  );
}

/** Queues the message to be sent again, with the same webhook-id. */
export function replayMessage(messageId: string): Promise<void> {
  return apiPost<void>(`/admin/webhooks/messages/${encodeURIComponent(messageId)}/replay`);
}
