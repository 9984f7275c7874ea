import { Button, ButtonGroup, Table } from '@trussworks/react-uswds';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingStatus } from '../../components/LoadingStatus';
import { PageError } from '../../components/PageError';
import { formatDate, useDateTimeFormat } from '../../components/use-date-format';
import { usePageTitle } from '../../components/use-page-title';
import { AcknowledgeBox } from './AcknowledgeBox';
import { fetchHolder, holderKey, type DecisionResult, type Outcome } from './certifications-api';
import type { DecidedNotice } from './decided-notice';
import { DueStatus } from './DueStatus';
import { HistoryCells, OrganizationCell, UsageCell } from './ItemCells';
import { OnFileStatus } from './OnFileStatus';
import { personName } from './people';
import { useDecision } from './use-decision';
import './certifications.css';
import { useCatalogText } from '../roles/use-catalog-text';

/**
 * One user's details (seed step 3): the roles of theirs this person certifies, then "I
 * acknowledge" and Certify or Revoke for those due now; afterwards, back to the list (step 4).
 */
export function UserDetailsPage() {
  const { t } = useTranslation();
  const catalogText = useCatalogText();
  const { userId = '' } = useParams();
  const navigate = useNavigate();
  const dateTimeFormat = useDateTimeFormat();
  const details = useQuery({
    queryKey: holderKey(userId),
    queryFn: ({ signal }) => fetchHolder(userId, signal),
    // Someone the caller does not certify is "not found": say so rather than retry.
    retry: (count, error) => !isApiError(error, 404) && count < 2,
  });
  const name = details.data ? personName(details.data.holder) : '';
  usePageTitle(name ? t('certifications.user.title', { name }) : t('certifications.user.titleLoading'));
  const decision = useDecision((result: DecisionResult) => {
    const decided: DecidedNotice = { outcome: result.outcome, count: result.count, name };
    void navigate('/certifications', { state: { decided } });
  });

  const back = (
    <p>
      <Link className="usa-link" to="/certifications">
        {t('certifications.user.back')}
      </Link>
    </p>
  );
  if (details.isPending) return <LoadingStatus />;
  if (details.isError) {
    return (
      <div className="rc-cert">
        <h1>{t('certifications.user.titleLoading')}</h1>
        {isApiError(details.error, 404) ? (
          <p>{t('certifications.user.notFound')}</p>
        ) : (
          <PageError onRetry={() => void details.refetch()} />
        )}
        {back}
      </div>
    );
  }

  const { holder, items } = details.data;
  // The server lists what may be done with each role now; this page offers exactly that.
  const due = items.filter((item) => item.allowedActions.length > 0);
  const allowing = (outcome: Outcome) => due.filter((item) => item.allowedActions.includes(outcome));
  const showOnFile = items.some((item) => item.certifiedAs === 'help_desk' && item.role.kind !== 'end_user');
  const onDecide = (outcome: Outcome) => {
    const target = allowing(outcome);
    decision.request({
      outcome,
      target: { assignmentIds: target.map((item) => item.assignmentId) },
      summary: t('certifications.user.summary', { count: target.length, name }),
      confirm: false,
    });
  };

  return (
    <div className="rc-cert">
      {back}
      <h1>{t('certifications.user.title', { name })}</h1>
      <dl className="rc-summary">
        <dt>{t('certifications.list.userId')}</dt>
        <dd>{holder.userId}</dd>
        <dt>{t('certifications.user.email')}</dt>
        <dd>{holder.email}</dd>
        <dt>{t('certifications.user.lastSignIn')}</dt>
        <dd>{formatDate(dateTimeFormat, holder.lastSignInAt, t('certifications.user.neverSignedIn'))}</dd>
      </dl>
      <Table
        bordered
        compact
        fullWidth
        scrollable
        stackedStyle="default"
        className="rc-cert__table"
        caption={t('certifications.user.caption', { name })}
      >
        <thead>
          <tr>
            <th scope="col">{t('certifications.list.application')}</th>
            <th scope="col">{t('certifications.list.role')}</th>
            <th scope="col">{t('certifications.list.organization')}</th>
            <th scope="col">{t('certifications.list.established')}</th>
            <th scope="col">{t('certifications.list.lastCertified')}</th>
            <th scope="col">{t('certifications.list.lastUsed')}</th>
            <th scope="col">{t('certifications.list.due')}</th>
            {showOnFile ? <th scope="col">{t('certifications.list.onFile')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.assignmentId}>
              <td data-label={t('certifications.list.application')}>{item.application.name}</td>
              <th scope="row" data-label={t('certifications.list.role')}>
                {catalogText.name(item.role)}
              </th>
              <OrganizationCell item={item} />
              <HistoryCells item={item} />
              <UsageCell item={item} />
              <td data-label={t('certifications.list.due')}>
                <DueStatus item={item} />
                {item.allowedActions.length > 0 ? null : (
                  <span className="rc-org__detail">{t('certifications.user.notDueYet')}</span>
                )}
              </td>
              {showOnFile ? (
                <td data-label={t('certifications.list.onFile')}>
                  <OnFileStatus item={item} />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </Table>
      {due.length === 0 ? (
        <p className="rc-status">{t('certifications.user.nothingDue')}</p>
      ) : (
        <>
          <ErrorAlert error={decision.outdated ? undefined : decision.mutation.error} />
          <AcknowledgeBox decision={decision} id="user-acknowledge" />
          <p className="usa-hint">{t('certifications.user.appliesTo', { count: due.length })}</p>
          <ButtonGroup>
            {allowing('certify').length > 0 ? (
              <Button type="button" disabled={decision.mutation.isPending} onClick={() => onDecide('certify')}>
                {t('certifications.certify')}
              </Button>
            ) : null}
            {allowing('revoke').length > 0 ? (
              <Button type="button" secondary disabled={decision.mutation.isPending} onClick={() => onDecide('revoke')}>
                {t('certifications.revoke')}
              </Button>
            ) : null}
          </ButtonGroup>
        </>
      )}
    </div>
  );
}
