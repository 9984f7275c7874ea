import { Button } from '@trussworks/react-uswds';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LoadingStatus } from '../../components/LoadingStatus';
import { PageError } from '../../components/PageError';
import { formatDate, useDateFormat } from '../../components/use-date-format';
import { OrganizationName } from './OrganizationName';
import { fetchMyRequestHistory, myRequestHistoryQueryKey, type RoleRequest } from './roles-api';
import './request-history.css';
import { useCatalogText } from './use-catalog-text';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What became of a request, and when, in the person's words. */
function Outcome({ request }: { request: RoleRequest }) {
  const { t } = useTranslation();
  const dateFormat = useDateFormat();
  const decided = formatDate(dateFormat, request.decidedAt);
  switch (request.status) {
    case 'pending':
      return <>{t('roles.history.outcomes.pending', { date: formatDate(dateFormat, request.expiresAt) })}</>;
    case 'approved':
      return <>{t('roles.history.outcomes.approved', { date: decided })}</>;
    case 'rejected':
      return <>{t('roles.history.outcomes.rejected', { date: decided })}</>;
    case 'cancelled':
      return <>{t('roles.history.outcomes.cancelled', { date: decided })}</>;
    case 'expired': {
      // The role's own expiry period (30 days unless the catalog says otherwise).
      const count = Math.round((Date.parse(request.expiresAt) - Date.parse(request.createdAt)) / DAY_MS);
      return <>{t('roles.history.outcomes.expired', { date: decided, count })}</>;
    }
  }
}

/**
 * Manage My Roles' "Request history": every role request the person made, newest first, with what
 * became of it, when, and the decider's comment; "Load more" reads the next page. A list rather
 * than a table, so a phone never scrolls sideways.
 */
export function RequestHistory() {
  const { t } = useTranslation();
  const catalogText = useCatalogText();
  const dateFormat = useDateFormat();
  const pages = useInfiniteQuery({
    queryKey: myRequestHistoryQueryKey,
    queryFn: ({ pageParam, signal }) => fetchMyRequestHistory(pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = (pages.data?.pages ?? []).flatMap((page) => page.items);
  return (
    <section aria-labelledby="request-history-heading" className="rc-section rc-roles__application">
      <h2 id="request-history-heading">{t('roles.history.heading')}</h2>
      {pages.isPending ? (
        <LoadingStatus />
      ) : pages.isError ? (
        <PageError onRetry={() => void pages.refetch()} />
      ) : items.length === 0 ? (
        <p>{t('roles.history.empty')}</p>
      ) : (
        <>
          <p className="rc-roles__form">{t('roles.history.intro')}</p>
          <ul className="usa-collection">
            {items.map((request) => (
              <li key={request.id} className="usa-collection__item">
                <div className="usa-collection__body">
                  <h3 className="usa-collection__heading">
                    {t('roles.history.itemHeading', {
                      role: catalogText.name(request.role),
                      trackingNumber: request.trackingNumber,
                    })}
                  </h3>
                  <dl className="rc-history__details">
                    <dt>{t('roles.history.outcome')}</dt>
                    <dd>
                      <Outcome request={request} />
                    </dd>
                    {request.decisionComment ? (
                      <>
                        <dt>{t('roles.history.comment')}</dt>
                        <dd className="text-pre-wrap">{request.decisionComment}</dd>
                      </>
                    ) : null}
                    <dt>{t('roles.application')}</dt>
                    <dd>{request.application.name}</dd>
                    <dt>{t('roles.organization')}</dt>
                    <dd>
                      <OrganizationName organization={request.organization} />
                    </dd>
                    <dt>{t('roles.submitted')}</dt>
                    <dd>{formatDate(dateFormat, request.createdAt)}</dd>
                  </dl>
                </div>
              </li>
            ))}
          </ul>
          <p role="status" className="rc-status">
            {t('roles.history.count', { count: items.length })}
          </p>
          {pages.hasNextPage ? (
            <p>
              <Button type="button" outline disabled={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
                {pages.isFetchingNextPage ? t('roles.history.loadingMore') : t('roles.history.loadMore')}
              </Button>
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
