import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../api/client';
import { LoadingStatus } from '../../components/LoadingStatus';
import { PageError } from '../../components/PageError';
import { usePageTitle } from '../../components/use-page-title';
import { useWebhookSubscriptions } from './use-webhook-subscriptions';
import { WebhooksAdministratorsAlert } from './WebhooksAdministratorsAlert';
import { WebhooksManager } from './WebhooksManager';
import './admin.css';
import './webhooks.css';

/** "Webhooks": the administrators' page for telling applications of role changes as they happen. */
export function WebhooksPage() {
  const { t } = useTranslation();
  usePageTitle(t('webhooks.title'));
  const subscriptions = useWebhookSubscriptions();

  return (
    <div className="rc-webhooks">
      <h1>{t('webhooks.title')}</h1>
      <p className="usa-intro">{t('webhooks.intro')}</p>
      {subscriptions.isPending ? (
        <LoadingStatus label={t('webhooks.loading')} />
      ) : subscriptions.isError ? (
        // Everyone signed in may open the address; only administrators are answered.
        isApiError(subscriptions.error, 403) ? (
          <WebhooksAdministratorsAlert />
        ) : (
          <PageError onRetry={() => void subscriptions.refetch()} />
        )
      ) : (
        <>
          <WebhooksManager subscriptions={subscriptions.data.items} />
          <p className="rc-section">
            {t('webhooks.crossLinks.toClientsIntro')}{' '}
            <Link className="usa-link" to="/admin/clients">
              {t('webhooks.crossLinks.toClients')}
            </Link>
          </p>
        </>
      )}
    </div>
  );
}
