import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../api/client';
import { LoadingStatus } from '../../components/LoadingStatus';
import { PageError } from '../../components/PageError';
import { usePageTitle } from '../../components/use-page-title';
import { AdministratorsAlert } from './AdministratorsAlert';
import { ClientsManager } from './ClientsManager';
import { clientsQueryKey, fetchClients } from './clients-api';
import './admin.css';
import './clients.css';

/** "Application clients": the administrators' page for the applications' OpenID Connect clients. */
export function ClientsPage() {
  const { t } = useTranslation();
  usePageTitle(t('clients.title'));
  const clients = useQuery({ queryKey: clientsQueryKey, queryFn: ({ signal }) => fetchClients(signal) });

  return (
    <div className="rc-clients">
      <h1>{t('clients.title')}</h1>
      <p className="usa-intro">{t('clients.intro')}</p>
      {clients.isPending ? (
        <LoadingStatus label={t('clients.loading')} />
      ) : clients.isError ? (
        // Everyone signed in may open the address; only administrators are answered.
        isApiError(clients.error, 403) ? (
          <AdministratorsAlert heading={t('clients.administratorsHeading')} message={t('clients.administratorsOnly')} />
        ) : (
          <PageError onRetry={() => void clients.refetch()} />
        )
      ) : (
        <>
          <ClientsManager clients={clients.data.items} />
          <p className="rc-section">
            {t('webhooks.crossLinks.toWebhooksIntro')}{' '}
            <Link className="usa-link" to="/admin/webhooks">
              {t('webhooks.crossLinks.toWebhooks')}
            </Link>
          </p>
        </>
      )}
    </div>
  );
}
