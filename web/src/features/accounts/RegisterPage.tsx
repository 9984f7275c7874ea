import { useTranslation } from 'react-i18next';
import { AccountServicePending } from './AccountServicePending';

export function RegisterPage() {
  const { t } = useTranslation();
  return <AccountServicePending title={t('accounts.registerTitle')} />;
}
