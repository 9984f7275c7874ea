import { Button, Table } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, useDateFormat } from '../../components/use-date-format';
import { BreakableAddress } from './BreakableAddress';
import { useApplicationName } from './use-applications';
import { useWebhookEventName } from './webhook-event-words';
import type { Subscription } from './webhooks-api';

/** The id of a row's delete button, so focus can return to it when its confirmation is cancelled. */
export function deleteButtonId(subscription: Subscription): string {
  return `webhook-${subscription.id}-delete`;
}

/** The address of a subscription's delivery log. */
export function deliveryLogPath(subscription: Pick<Subscription, 'id'>): string {
  return `/admin/webhooks/${encodeURIComponent(subscription.id)}`;
}

interface Props {
  subscriptions: Subscription[];
  onDelete: (subscription: Subscription) => void;
}

/** The subscribed receivers: where they are, whose events they are told of, which ones, and since when. */
export function WebhooksTable({ subscriptions, onDelete }: Props) {
  const { t } = useTranslation();
  const dateFormat = useDateFormat();
  const applicationName = useApplicationName();
  return (
    <Table bordered fullWidth scrollable stackedStyle="headers" caption={t('webhooks.caption')}>
      <thead>
        <tr>
          <th scope="col" className="rc-webhooks__url-column">
            {t('webhooks.columns.url')}
          </th>
          <th scope="col">{t('webhooks.columns.application')}</th>
          <th scope="col">{t('webhooks.columns.events')}</th>
          <th scope="col">{t('webhooks.columns.created')}</th>
          <th scope="col">{t('webhooks.columns.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {subscriptions.map((subscription) => (
          <tr key={subscription.id}>
            {/* The address tells one receiver from another: it names the row, and heads it when stacked. */}
            <th scope="row" data-label={t('webhooks.columns.url')} className="rc-webhooks__url">
              <BreakableAddress address={subscription.url} />
            </th>
            <td data-label={t('webhooks.columns.application')}>{applicationName(subscription.applicationCode)}</td>
            <td data-label={t('webhooks.columns.events')}>
              <EventList eventTypes={subscription.eventTypes} />
            </td>
            <td data-label={t('webhooks.columns.created')}>
              <time dateTime={subscription.createdAt}>{formatDate(dateFormat, subscription.createdAt)}</time>
            </td>
            <td data-label={t('webhooks.columns.actions')}>
              <div className="rc-admin__actions">
                <Link
                  className="usa-link"
                  to={deliveryLogPath(subscription)}
                  aria-label={t('webhooks.deliveryLogOf', { url: subscription.url })}
                >
                  {t('webhooks.deliveryLog')}
                </Link>
                <Button
                  type="button"
                  unstyled
                  id={deleteButtonId(subscription)}
                  className="rc-admin__delete"
                  aria-label={t('webhooks.deleteOf', { url: subscription.url })}
                  onClick={() => onDelete(subscription)}
                >
                  {t('webhooks.delete')}
                </Button>
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function EventList({ eventTypes }: { eventTypes: readonly string[] }) {
  const eventName = useWebhookEventName();
  return (
    <ul className="usa-list usa-list--unstyled rc-webhooks__events">
      {eventTypes.map((type) => (
        <li key={type}>{eventName(type)}</li>
      ))}
    </ul>
  );
}
