import { Alert } from '@trussworks/react-uswds';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingStatus } from '../../components/LoadingStatus';
import { usePageTitle } from '../../components/use-page-title';
import { verifyRegistration } from './accounts-api';
import { isBadLink } from './link-error';
import { ResendLinkForm } from './ResendLinkForm';
import { useOnce } from './use-once';
import { useToken } from './use-token';

/** The link in the registration email: `/verify-email?token=…`. */
export function VerifyEmailPage() {
  const { t } = useTranslation();
  const token = useToken();
  const verify = useMutation({ mutationFn: verifyRegistration });
  useOnce(token, () => {
    if (token) verify.mutate(token);
  });
  const failed = verify.isError || !token;
  const title = verify.isSuccess ? t('verifyEmail.doneTitle') : failed ? t('verifyEmail.failedTitle') : t('verifyEmail.title');
  usePageTitle(title);

  return (
    <div className="rc-page usa-prose">
      <h1>{title}</h1>
      {verify.isSuccess ? (
        <>
          <Alert type="success" headingLevel="h2" slim role="status">
            {t('verifyEmail.done', { userId: verify.data.userId })}
          </Alert>
          <p>
            <Link className="usa-button" to="/sign-in">
              {t('verifyEmail.signIn')}
            </Link>
          </p>
        </>
      ) : failed ? (
        <>
          {verify.isError ? (
            <ErrorAlert error={verify.error} message={isBadLink(verify.error) ? t('links.invalid') : undefined} />
          ) : (
            <p>{t('links.missingToken')}</p>
          )}
          <p>{t('verifyEmail.askAgain')}</p>
          <ResendLinkForm />
        </>
      ) : (
        <LoadingStatus label={t('verifyEmail.checking')} />
      )}
    </div>
  );
}
