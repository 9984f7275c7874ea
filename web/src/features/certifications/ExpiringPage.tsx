import { Alert, Button, Label, Table } from '@trussworks/react-uswds';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { isApiError } from '../../api/client';
import { LoadingStatus } from '../../components/LoadingStatus';
import { PageError } from '../../components/PageError';
import { useDateFormat } from '../../components/use-date-format';
import { usePageTitle } from '../../components/use-page-title';
import { useSession } from '../session/use-session';
import { expiringKey, fetchExpiring } from './certifications-api';
import { DayInput } from './DayInput';
import { OrganizationCell } from './ItemCells';
import { formatDay, personName, serverDay } from './people';
import './certifications.css';
import { useCatalogText } from '../roles/use-catalog-text';

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The help desk's dry run: the roles that would have been removed by the end of a day if nobody
 * certifies them, overdue ones the sweep has not reached included. The day is in the address so
 * the page can be shared and reloaded.
 */
export function ExpiringPage() {
  const { t } = useTranslation();
  const catalogText = useCatalogText();
  usePageTitle(t('certifications.expiring.title'));
  const dateFormat = useDateFormat();
  const [params, setParams] = useSearchParams();
  const offset = useSession().data?.serverOffsetMs ?? 0;
  const asked = params.get('date') ?? '';
  const date = dayPattern.test(asked) ? asked : serverDay(offset);
  const [draft, setDraft] = useState(date);
  const list = useQuery({
    queryKey: expiringKey(date),
    queryFn: ({ signal }) => fetchExpiring(date, signal),
    retry: (count, error) => !isApiError(error, 403) && count < 2,
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (dayPattern.test(draft)) setParams({ date: draft });
  };

  return (
    <div className="rc-cert">
      <p>
        <Link className="usa-link" to="/certifications">
          {t('certifications.backToList')}
        </Link>
      </p>
      <h1>{t('certifications.expiring.title')}</h1>
      <p className="usa-intro rc-cert__intro">{t('certifications.expiring.intro')}</p>
      <form className="rc-search-row rc-cert__form" onSubmit={onSubmit}>
        <div className="usa-form-group">
          <Label htmlFor="expiring-date">{t('certifications.expiring.date')}</Label>
          <div className="usa-hint" id="expiring-date-hint">
            {t('certifications.expiring.dateHint')}
          </div>
          <DayInput
            id="expiring-date"
            name="date"
            required
            value={draft}
            aria-describedby="expiring-date-hint"
            onValueChange={setDraft}
          />
        </div>
        <Button type="submit">{t('certifications.expiring.show')}</Button>
      </form>
      {list.isPending ? (
        <LoadingStatus />
      ) : list.isError ? (
        isApiError(list.error, 403) ? (
          <Alert type="info" headingLevel="h2" heading={t('certifications.expiring.forbiddenHeading')}>
            {t('certifications.expiring.forbidden')}
          </Alert>
        ) : (
          <PageError onRetry={() => void list.refetch()} />
        )
      ) : list.data.items.length === 0 ? (
        <p className="rc-status" role="status">
          {t('certifications.expiring.empty', { date: formatDay(dateFormat, list.data.date) })}
        </p>
      ) : (
        <>
          <p className="rc-status" role="status">
            {t('certifications.expiring.count', { count: list.data.items.length, date: formatDay(dateFormat, list.data.date) })}
          </p>
          <Table
            bordered
            fullWidth
            scrollable
            stackedStyle="headers"
            className="rc-cert__table"
            caption={t('certifications.expiring.caption', { date: formatDay(dateFormat, list.data.date) })}
          >
            <thead>
              <tr>
                <th scope="col">{t('certifications.list.user')}</th>
                <th scope="col">{t('certifications.list.userId')}</th>
                <th scope="col">{t('certifications.list.application')}</th>
                <th scope="col">{t('certifications.list.role')}</th>
                <th scope="col">{t('certifications.list.organization')}</th>
                <th scope="col">{t('certifications.list.due')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((item) => (
                <tr key={item.assignmentId}>
                  <th scope="row" data-label={t('certifications.list.user')}>
                    <span className="rc-org__name">{personName(item.holder)}</span>
                    <span className="rc-org__detail">{item.holder.email}</span>
                  </th>
                  <td data-label={t('certifications.list.userId')}>{item.holder.userId}</td>
                  <td data-label={t('certifications.list.application')}>{item.application.name}</td>
                  <td data-label={t('certifications.list.role')}>{catalogText.name(item.role)}</td>
                  <OrganizationCell item={item} />
                  <td data-label={t('certifications.list.due')}>
                    <span className="rc-cert__due-day">{formatDay(dateFormat, item.dueDay)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        </>
      )}
    </div>
  );
}
