import { Button } from '@trussworks/react-uswds';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadingStatus } from '../../components/LoadingStatus';
import { PageError } from '../../components/PageError';
import { SuccessAlert } from '../../components/SuccessAlert';
import { usePageTitle } from '../../components/use-page-title';
import type { RoleRequest } from '../roles/roles-api';
import { fetchPendingApprovals, pendingApprovalsQueryKey } from './approvals-api';
import { ApprovalItem } from './ApprovalItem';
import { fullName } from './requester-name';
import '../roles/roles.css';

/**
 * Pending Approvals: the role requests this person may decide, oldest first, a page at a time.
 * A decided request leaves the list at once; the pages already loaded keep their cursor.
 */
export function PendingApprovalsPage() {
  const { t } = useTranslation();
  usePageTitle(t('approvals.title'));
  const pages = useInfiniteQuery({
    queryKey: pendingApprovalsQueryKey,
    queryFn: ({ pageParam, signal }) => fetchPendingApprovals(pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const [decided, setDecided] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState<string | undefined>();

  const onDecided = (request: RoleRequest) => {
    setDecided((previous) => new Set(previous).add(request.id));
    setNotice(
      request.status === 'approved'
        ? t('approvals.approvedNotice', { trackingNumber: request.trackingNumber, name: fullName(request) })
        : t('approvals.rejectedNotice', { trackingNumber: request.trackingNumber, name: fullName(request) }),
    );
  };

  const items = (pages.data?.pages ?? []).flatMap((page) => page.items).filter((request) => !decided.has(request.id));
  return (
    <div className="rc-roles">
      <h1>{t('approvals.title')}</h1>
      <p className="usa-intro rc-roles__form">{t('approvals.intro')}</p>
      {notice ? <SuccessAlert message={notice} /> : null}
      {pages.isPending ? (
        <LoadingStatus />
      ) : pages.isError ? (
        <PageError onRetry={() => void pages.refetch()} />
      ) : items.length === 0 && !pages.hasNextPage ? (
        <p>{t('approvals.empty')}</p>
      ) : (
        <>
          <p role="status" className="rc-status">
            {t('approvals.count', { count: items.length })}
          </p>
          {items.map((request) => (
            <ApprovalItem key={request.id} request={request} onDecided={onDecided} />
          ))}
          {pages.hasNextPage ? (
            <p>
              <Button type="button" outline disabled={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
                {pages.isFetchingNextPage ? t('approvals.loadingMore') : t('approvals.loadMore')}
              </Button>
            </p>
          ) : null}
        </>
      )}
    </div>
  );
}
