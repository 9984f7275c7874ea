import { Alert } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { LoadingStatus } from '../../components/LoadingStatus';
import { PageError } from '../../components/PageError';
import { usePageTitle } from '../../components/use-page-title';
import { BreakableAddress } from './BreakableAddress';
import { DeliveryLog } from './DeliveryLog';
import { useApplicationName } from './use-applications';
import { useWebhookSubscriptions } from './use-webhook-subscriptions';
import { useWebhookEventName } from './webhook-event-words';
import type { Subscription } from './webhooks-api';
import { WebhooksAdministratorsAlert } from './WebhooksAdministratorsAlert';
import './admin.css';
import './webhooks.css';

/*
 * A subscription's delivery log has a page of its own (/admin/webhooks/:id) rather than a section
 * under the list: an administrator chasing a failed delivery can keep or share its address, the
 * browser's Back returns to the list, and a long log read page after page does not push the
 * subscription form away from the list it belongs to.
 */
export function DeliveryLogPage() {
  const { t } = useTranslation();
  usePageTitle(t('webhooks.log.title'));
  const { id = '' } = useParams();
  const subscriptions = useWebhookSubscriptions();
  const subscription = subscriptions.data?.items.find((candidate) => candidate.id === id);

  return (
    <div className="rc-webhooks">
      <nav className="usa-breadcrumb" aria-label={t('webhooks.log.breadcrumbs')}>
        <ol className="usa-breadcrumb__list">
          <li className="usa-breadcrumb__list-item">
            <Link className="usa-breadcrumb__link" to="/admin/webhooks">
              <span>{t('webhooks.title')}</span>
            </Link>
          </li>
          <li className="usa-breadcrumb__list-item usa-current" aria-current="page">
            <span>{t('webhooks.log.title')}</span>
          </li>
        </ol>
      </nav>
      <h1>{t('webhooks.log.title')}</h1>
      {subscriptions.isPending ? (
        <LoadingStatus />
      ) : subscriptions.isError ? (
        isApiError(subscriptions.error, 403) ? (
          <WebhooksAdministratorsAlert />
        ) : (
          <PageError onRetry={() => void subscriptions.refetch()} />
        )
      ) : subscription ? (
        <>
          <SubscriptionSummary subscription={subscription} />
          <DeliveryLog subscriptionId={subscription.id} />
        </>
      ) : (
        <Alert type="info" headingLevel="h2" heading={t('webhooks.log.goneHeading')}>
          {t('webhooks.log.gone')}{' '}
          <Link className="usa-link" to="/admin/webhooks">
            {t('webhooks.log.backToList')}
          </Link>
        </Alert>
      )}
    </div>
  );
}

/** Which receiver the log is of: the application, the address and the events it is told of. */
function SubscriptionSummary({ subscription }: { subscription: Subscription }) {
  const { t } = useTranslation();
  const applicationName = useApplicationName();
  const eventName = useWebhookEventName();
  return (
    <dl className="rc-webhooks__summary">
      <dt>{t('webhooks.columns.application')}</dt>
      <dd>{applicationName(subscription.applicationCode)}</dd>
      <dt>{t('webhooks.columns.url')}</dt>
      <dd className="rc-webhooks__url">
        <BreakableAddress address={subscription.url} />
      </dd>
      <dt>{t('webhooks.columns.events')}</dt>
      <dd>{subscription.eventTypes.map(eventName).join(', ')}</dd>
    </dl>
  );
}
