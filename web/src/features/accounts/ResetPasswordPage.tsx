import { Alert } from '@trussworks/react-uswds';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../../components/use-page-title';
import { resetPassword } from './accounts-api';
import { isBadLink } from './link-error';
import { NewPasswordForm } from './NewPasswordForm';
import { useToken } from './use-token';

/** The link in the "reset your password" email: `/reset-password?token=…`. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const token = useToken();
  const reset = useMutation({ mutationFn: (password: string) => resetPassword(token, password) });
  const title = reset.isSuccess ? t('resetPassword.doneTitle') : t('resetPassword.title');
  usePageTitle(title);

  return (
    <div className="rc-page">
      <h1>{title}</h1>
      {reset.isSuccess ? (
        <>
          <Alert type="success" headingLevel="h2" slim role="status">
            {t('resetPassword.done')}
          </Alert>
          <p>
            <Link className="usa-button" to="/sign-in">
              {t('resetPassword.signIn')}
            </Link>
          </p>
        </>
      ) : !token ? (
        <p>{t('links.missingToken')}</p>
      ) : (
        <>
          <p className="usa-intro">{t('resetPassword.intro')}</p>
          <NewPasswordForm
            idPrefix="reset"
            submitLabel={t('resetPassword.submit')}
            pending={reset.isPending}
            error={reset.error}
            onSubmit={(password) => reset.mutate(password)}
          />
        </>
      )}
      {!reset.isSuccess && (!token || isBadLink(reset.error)) ? (
        <p>
          <Link className="usa-link" to="/forgot-password">
            {t('resetPassword.askAgain')}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
