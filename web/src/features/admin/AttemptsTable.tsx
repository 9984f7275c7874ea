import { Table } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { formatDate, useDateTimeFormat } from '../../components/use-date-format';
import type { DeliveryAttempt } from './webhooks-api';

/** Each try at sending a message, oldest first: when, what the receiver answered, and how long it took. */
export function AttemptsTable({ attempts }: { attempts: readonly DeliveryAttempt[] }) {
  const { t } = useTranslation();
  const dateTime = useDateTimeFormat();
  return (
    <Table bordered fullWidth stackedStyle="headers" caption={t('webhooks.log.attemptsCaption')}>
      <thead>
        <tr>
          <th scope="col">{t('webhooks.log.attemptColumns.at')}</th>
          <th scope="col">{t('webhooks.log.attemptColumns.answer')}</th>
          <th scope="col">{t('webhooks.log.attemptColumns.duration')}</th>
        </tr>
      </thead>
      <tbody>
        {attempts.map((attempt, index) => (
          <tr key={index} data-testid="webhook-attempt">
            <th scope="row" data-label={t('webhooks.log.attemptColumns.at')}>
              <time dateTime={attempt.at}>{formatDate(dateTime, attempt.at)}</time>
            </th>
            <td data-label={t('webhooks.log.attemptColumns.answer')}>
              <AttemptAnswer attempt={attempt} />
            </td>
            <td data-label={t('webhooks.log.attemptColumns.duration')}>
              {t('webhooks.log.milliseconds', { count: attempt.durationMs })}
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/**
 * The receiver's HTTP status when it answered; otherwise why no answer came (refused connection,
 * timeout), in the words the server recorded.
 */
function AttemptAnswer({ attempt }: { attempt: DeliveryAttempt }) {
  const { t } = useTranslation();
  if (attempt.responseStatus !== null) {
    return <span data-testid="attempt-status">{t('webhooks.log.httpStatus', { status: attempt.responseStatus })}</span>;
  }
  return (
    <span data-testid="attempt-status">
      {t('webhooks.log.noAnswer')} <code className="rc-webhooks__error">{attempt.error ?? ''}</code>
    </span>
  );
}
