import { Alert, Button, Form } from '@trussworks/react-uswds';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFieldCheck } from '../../components/use-field-check';
import { TextField } from '../../components/TextField';
import { usePageTitle } from '../../components/use-page-title';
import { requestPasswordReset } from './accounts-api';
import { BackToSignIn } from './BackToSignIn';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t('forgotPassword.title'));
  const [userId, setUserId] = useState('');
  const check = useFieldCheck(t('form.required', { field: t('signIn.userId') }));
  const send = useMutation({ mutationFn: requestPasswordReset });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!userId.trim()) {
      check.fail();
      return;
    }
    check.clear();
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
          <ErrorAlert error={check.alert ?? send.error} />
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
              error={check.error}
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
