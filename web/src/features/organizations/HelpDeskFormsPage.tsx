import { Alert, Button, Table } from '@trussworks/react-uswds';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { hasErrorCode } from '../../api/client';
import { LoadingStatus } from '../../components/LoadingStatus';
import { PageError } from '../../components/PageError';
import { formatDate, useDateTimeFormat } from '../../components/use-date-format';
import { usePageTitle } from '../../components/use-page-title';
import { FormCells } from './FormCells';
import { fetchQueue, queueKey, type OrganizationForm } from './organizations-api';

/** The help desk's queue: forms waiting for review, oldest first, a page at a time. */
export function HelpDeskFormsPage() {
  const { t } = useTranslation();
  usePageTitle(t('helpDesk.queue.title'));
  const queue = useInfiniteQuery({
    queryKey: queueKey,
    queryFn: ({ pageParam, signal }) => fetchQueue(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });

  return (
    <div className="rc-page">
      <h1>{t('helpDesk.queue.title')}</h1>
      <p className="usa-intro">{t('helpDesk.queue.intro')}</p>
      {queue.data ? (
        // A page that failed to load after the first keeps the ones already shown.
        <>
          <QueueTable forms={queue.data.pages.flatMap((page) => page.items)} />
          {queue.isFetchNextPageError ? <PageError onRetry={() => void queue.fetchNextPage()} /> : null}
          {queue.hasNextPage ? (
            <Button type="button" outline disabled={queue.isFetchingNextPage} onClick={() => void queue.fetchNextPage()}>
              {queue.isFetchingNextPage ? t('common.loading') : t('organizations.loadMore')}
            </Button>
          ) : null}
        </>
      ) : queue.isError ? (
        hasErrorCode(queue.error, 'auth.forbidden') ? (
          <Alert type="warning" headingLevel="h2" heading={t('helpDesk.queue.forbiddenHeading')}>
            {t('helpDesk.queue.forbidden')}
          </Alert>
        ) : (
          <PageError onRetry={() => void queue.refetch()} />
        )
      ) : (
        <LoadingStatus />
      )}
    </div>
  );
}

function QueueTable({ forms }: { forms: OrganizationForm[] }) {
  const { t } = useTranslation();
  const dateFormat = useDateTimeFormat();
  if (forms.length === 0) return <p>{t('helpDesk.queue.empty')}</p>;
  return (
    <>
      <p role="status">{t('helpDesk.queue.count', { count: forms.length })}</p>
      <Table bordered fullWidth scrollable stackedStyle="headers" caption={t('helpDesk.queue.caption')}>
        <thead>
          <tr>
            <th scope="col">{t('organizations.forms.trackingNumber')}</th>
            <th scope="col">{t('organizations.forms.kind')}</th>
            <th scope="col">{t('organizations.fields.legalName')}</th>
            <th scope="col">{t('organizations.fields.application')}</th>
            <th scope="col">{t('helpDesk.queue.submittedBy')}</th>
            <th scope="col">{t('helpDesk.queue.sent')}</th>
          </tr>
        </thead>
        <tbody>
          {forms.map((form) => (
            <tr key={form.id} data-tracking-number={form.trackingNumber}>
              <FormCells form={form} to={`/help-desk/organization-forms/${form.id}`} />
              <td data-label={t('organizations.fields.application')}>{form.application.name}</td>
              <td data-label={t('helpDesk.queue.submittedBy')}>
                {form.submittedBy.firstName} {form.submittedBy.lastName} ({form.submittedBy.userId})
              </td>
              <td data-label={t('helpDesk.queue.sent')}>{formatDate(dateFormat, form.signedAt)}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}
