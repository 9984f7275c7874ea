import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { usePageTitle } from '../../components/use-page-title';
import { ResendLinkForm } from './ResendLinkForm';

/** After registration: the link is on its way. The address comes from the registration page. */
export function CheckEmailPage() {
  const { t } = useTranslation();
  usePageTitle(t('checkEmail.title'));
  const state: unknown = useLocation().state;
  const email = typeof state === 'object' && state !== null ? (state as { email?: unknown }).email : undefined;
  const address = typeof email === 'string' && email !== '' ? email : undefined;
  return (
    <div className="rc-page usa-prose">
      <h1>{t('checkEmail.title')}</h1>
      <p className="usa-intro">{address ? t('checkEmail.sentTo', { email: address }) : t('checkEmail.sent')}</p>
      <p>{t('checkEmail.instructions')}</p>
      <p>{t('checkEmail.notArrived')}</p>
      <ResendLinkForm email={address} />
    </div>
  );
}
