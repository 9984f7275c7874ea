import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingStatus } from '../../components/LoadingStatus';
import { SuccessAlert } from '../../components/SuccessAlert';
import { usePageTitle } from '../../components/use-page-title';
import { isBadLink } from '../accounts/link-error';
import { useOnce } from '../accounts/use-once';
import { useToken } from '../accounts/use-token';
import { confirmEmailChange, profileQueryKey } from './profile-api';

/** The link sent to a new email address: `/profile/verify-email?token=…` (signed in). */
export function VerifyNewEmailPage() {
  const { t } = useTranslation();
  usePageTitle(t('verifyNewEmail.title'));
  const token = useToken();
  const queryClient = useQueryClient();
  const verify = useMutation({
    mutationFn: confirmEmailChange,
    onSuccess: (profile) => queryClient.setQueryData(profileQueryKey, profile),
  });
  useOnce(token, () => {
    if (token) verify.mutate(token);
  });

  return (
    <div className="rc-page usa-prose">
      <h1>{t('verifyNewEmail.title')}</h1>
      {verify.isSuccess ? (
        <SuccessAlert message={t('verifyNewEmail.done', { email: verify.data.email })} focus={false} />
      ) : verify.isError ? (
        <>
          <ErrorAlert error={verify.error} message={isBadLink(verify.error) ? t('links.invalid') : undefined} />
          <p>{t('verifyNewEmail.askAgain')}</p>
        </>
      ) : token ? (
        <LoadingStatus label={t('verifyEmail.checking')} />
      ) : (
        <p>{t('links.missingToken')}</p>
      )}
      <p>
        <Link className="usa-link" to="/profile">
          {t('links.backToProfile')}
        </Link>
      </p>
    </div>
  );
}
