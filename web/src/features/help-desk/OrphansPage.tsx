import { Button, Table } from '@trussworks/react-uswds';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { hasErrorCode } from '../../api/client';
import { LoadingStatus } from '../../components/LoadingStatus';
import { PageError } from '../../components/PageError';
import { formatDate, useDateFormat } from '../../components/use-date-format';
import { usePageTitle } from '../../components/use-page-title';
import { HelpDeskOnlyAlert } from './HelpDeskOnlyAlert';
import { fetchOrphans, orphansKey, type Orphan } from './help-desk-api';
import './help-desk.css';

/**
 * Organizations with no active approver: their end users' requests and certifications come to
 * the help desk until one is approved. The page says what to do about each.
 */
export function OrphansPage() {
  const { t } = useTranslation();
  usePageTitle(t('helpDesk.orphans.title'));
  const orphans = useInfiniteQuery({
    queryKey: orphansKey,
    queryFn: ({ pageParam, signal }) => fetchOrphans(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });

  return (
    <div className="rc-page rc-help-desk">
      <p>
        <Link className="usa-link" to="/help-desk">
          {t('helpDesk.person.back')}
        </Link>
      </p>
      <h1>{t('helpDesk.orphans.title')}</h1>
      <p className="usa-intro">{t('helpDesk.orphans.intro')}</p>
      <h2>{t('helpDesk.orphans.nextHeading')}</h2>
      <ol className="usa-list">
        <li>
          {t('helpDesk.orphans.stepRequests')}{' '}
          <Link className="usa-link" to="/approvals">
            {t('helpDesk.console.approverRequests')}
          </Link>
        </li>
        <li>{t('helpDesk.orphans.stepContact')}</li>
        <li>{t('helpDesk.orphans.stepMeanwhile')}</li>
      </ol>
      {orphans.data ? (
        <>
          <OrphansTable orphans={orphans.data.pages.flatMap((page) => page.items)} />
          {orphans.isFetchNextPageError ? <PageError onRetry={() => void orphans.fetchNextPage()} /> : null}
          {orphans.hasNextPage ? (
            <Button type="button" outline disabled={orphans.isFetchingNextPage} onClick={() => void orphans.fetchNextPage()}>
              {orphans.isFetchingNextPage ? t('common.loading') : t('organizations.loadMore')}
            </Button>
          ) : null}
        </>
      ) : orphans.isError ? (
        hasErrorCode(orphans.error, 'auth.forbidden') ? (
          <HelpDeskOnlyAlert />
        ) : (
          <PageError onRetry={() => void orphans.refetch()} />
        )
      ) : (
        <LoadingStatus />
      )}
    </div>
  );
}

function OrphansTable({ orphans }: { orphans: Orphan[] }) {
  const { t } = useTranslation();
  const date = useDateFormat();
  if (orphans.length === 0) return <p role="status">{t('helpDesk.orphans.empty')}</p>;
  return (
    <Table bordered fullWidth scrollable stackedStyle="headers" caption={t('helpDesk.orphans.caption')}>
      <thead>
        <tr>
          <th scope="col">{t('organizations.fields.legalName')}</th>
          <th scope="col">{t('helpDesk.orphans.submitterId')}</th>
          <th scope="col">{t('organizations.fields.application')}</th>
          <th scope="col">{t('helpDesk.orphans.since')}</th>
          <th scope="col">{t('helpDesk.orphans.contact')}</th>
        </tr>
      </thead>
      <tbody>
        {orphans.map((orphan) => (
          <tr key={orphan.id}>
            <th scope="row" data-label={t('organizations.fields.legalName')}>
              {orphan.legalName}
            </th>
            <td data-label={t('helpDesk.orphans.submitterId')}>{orphan.submitterId}</td>
            <td data-label={t('organizations.fields.application')}>{orphan.application.name}</td>
            <td data-label={t('helpDesk.orphans.since')}>{formatDate(date, orphan.orphanedSince)}</td>
            <td data-label={t('helpDesk.orphans.contact')} className="rc-help-desk__email">
              <span className="display-block">{orphan.contact.name}</span>
              <a className="usa-link display-block" href={`mailto:${orphan.contact.email}`}>
                {orphan.contact.email}
              </a>
              <span className="display-block">{orphan.contact.phone}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
