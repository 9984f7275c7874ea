import { useTranslation } from 'react-i18next';
import { AdministratorsAlert } from './AdministratorsAlert';

/** The webhook pages' answer to someone who is not an administrator. */
export function WebhooksAdministratorsAlert() {
  const { t } = useTranslation();
  return <AdministratorsAlert heading={t('webhooks.administratorsHeading')} message={t('webhooks.administratorsOnly')} />;
}
