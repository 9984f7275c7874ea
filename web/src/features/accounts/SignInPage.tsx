import { useTranslation } from 'react-i18next';
import { AccountServicePending } from './AccountServicePending';

export function SignInPage() {
  const { t } = useTranslation();
  return <AccountServicePending title={t('accounts.signInTitle')} />;
}
