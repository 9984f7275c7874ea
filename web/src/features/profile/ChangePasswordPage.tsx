import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { hasErrorCode } from '../../api/client';
import { FormCheckError } from '../../components/form-errors';
import { SuccessAlert } from '../../components/SuccessAlert';
import { TextField } from '../../components/TextField';
import { usePageTitle } from '../../components/use-page-title';
import { NewPasswordForm } from '../accounts/NewPasswordForm';
import { changePassword } from './profile-api';

/** Change password: the current one, then a new one under the password rules (once a day). */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t('changePassword.title'));
  const [current, setCurrent] = useState('');
  const [missingCurrent, setMissingCurrent] = useState(false);
  const change = useMutation({
    mutationFn: (newPassword: string) => changePassword(current, newPassword),
    onSuccess: () => setCurrent(''),
  });

  const currentError = missingCurrent
    ? t('form.required', { field: t('changePassword.current') })
    : hasErrorCode(change.error, 'password.incorrect')
      ? t('changePassword.incorrect')
      : undefined;

  return (
    <div className="rc-page">
      <h1>{t('changePassword.title')}</h1>
      {change.isSuccess ? (
        <SuccessAlert message={t('changePassword.done')} />
      ) : (
        <>
          <p className="usa-intro">{t('changePassword.intro')}</p>
          <NewPasswordForm
            idPrefix="change-password"
            submitLabel={t('changePassword.submit')}
            pending={change.isPending}
            error={missingCurrent ? new FormCheckError() : change.error}
            onSubmit={(password) => {
              const missing = current === '';
              setMissingCurrent(missing);
              if (!missing) change.mutate(password);
            }}
            before={
              <TextField
                id="change-password-current"
                name="currentPassword"
                type="password"
                autoComplete="current-password"
                label={t('changePassword.current')}
                value={current}
                onValueChange={setCurrent}
                error={currentError}
              />
            }
          />
        </>
      )}
      <p>
        <Link className="usa-link" to="/profile">
          {t('links.backToProfile')}
        </Link>
      </p>
    </div>
  );
}
