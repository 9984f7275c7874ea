import { Alert, Button, Form } from '@trussworks/react-uswds';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormCheckError } from '../../components/form-errors';
import { TextField } from '../../components/TextField';
import { usePageTitle } from '../../components/use-page-title';
import { requestPasswordReset } from './accounts-api';
import { BackToSignIn } from './BackToSignIn';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t('forgotPassword.title'));
  const [userId, setUserId] = useState('');
  // Kept as a flag, not words, so the message follows a change of language.
  const [checkFailed, setCheckFailed] = useState(false);
  const checkError = checkFailed ? t('form.required', { field: t('signIn.userId') }) : undefined;
  // One alert per failed check: a new one at each render would take the focus back while typing.
  const checkAlert = useMemo(() => (checkFailed ? new FormCheckError() : undefined), [checkFailed]);
  const send = useMutation({ mutationFn: requestPasswordReset });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!userId.trim()) {
      setCheckFailed(true);
      return;
    }
    setCheckFailed(false);
    send.mutate(userId.trim());
  };

  return (
    <div className="rc-page">
      <h1>{t('forgotPassword.title')}</h1>
      {send.isSuccess ? (
        <Alert type="success" headingLevel="h2" slim role="status">
          {t('forgotPassword.sent')}
        </Alert>
      ) : (
        <>
          <p className="usa-intro">{t('forgotPassword.intro')}</p>
          <ErrorAlert error={checkAlert ?? send.error} />
          <Form onSubmit={onSubmit} noValidate large>
            <TextField
              id="forgot-password-user-id"
              name="userId"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              label={t('signIn.userId')}
              value={userId}
              onValueChange={setUserId}
              error={checkError}
            />
            <Button type="submit" disabled={send.isPending}>
              {t('forgotPassword.submit')}
            </Button>
          </Form>
        </>
      )}
      <BackToSignIn />
    </div>
  );
}
