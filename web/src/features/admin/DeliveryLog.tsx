import { Button } from '@trussworks/react-uswds';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LoadingStatus } from '../../components/LoadingStatus';
import { PageError } from '../../components/PageError';
import { DeliveryMessage } from './DeliveryMessage';
import { fetchMessages, messagesQueryKey } from './webhooks-api';

/**
 * The messages sent to one receiver, newest first, each with its attempts and the body sent;
 * "Load more" reads older ones. A list rather than a table: each message opens onto details that
 * a table row could not hold at a phone's width.
 */
export function DeliveryLog({ subscriptionId }: { subscriptionId: string }) {
  const { t } = useTranslation();
  const pages = useInfiniteQuery({
    queryKey: messagesQueryKey(subscriptionId),
    queryFn: ({ pageParam, signal }) => fetchMessages(subscriptionId, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const messages = (pages.data?.pages ?? []).flatMap((page) => page.items);

  return (
    <section className="rc-section" aria-labelledby="delivery-log-heading">
      <h2 id="delivery-log-heading">{t('webhooks.log.messagesHeading')}</h2>
      {pages.isPending ? (
        <LoadingStatus label={t('webhooks.log.loading')} />
      ) : pages.isError ? (
        <PageError onRetry={() => void pages.refetch()} />
      ) : messages.length === 0 ? (
        <p>{t('webhooks.log.empty')}</p>
      ) : (
        <>
          <ol className="usa-list usa-list--unstyled rc-webhooks__messages">
            {messages.map((message) => (
              <DeliveryMessage key={message.id} subscriptionId={subscriptionId} message={message} />
            ))}
          </ol>
          <p role="status" className="rc-status">
            {t('webhooks.log.count', { count: messages.length })}
          </p>
          {pages.hasNextPage ? (
            <p>
              <Button type="button" outline disabled={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
                {pages.isFetchingNextPage ? t('webhooks.log.loadingMore') : t('webhooks.log.loadMore')}
              </Button>
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
