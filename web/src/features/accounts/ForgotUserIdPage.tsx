import { Alert, Button, Form } from '@trussworks/react-uswds';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormCheckError } from '../../components/form-errors';
import { TextField } from '../../components/TextField';
import { usePageTitle } from '../../components/use-page-title';
import { remindUserId } from './accounts-api';
import { BackToSignIn } from './BackToSignIn';

export function ForgotUserIdPage() {
  const { t } = useTranslation();
  usePageTitle(t('forgotUserId.title'));
  const [email, setEmail] = useState('');
  // Kept as a flag, not words, so the message follows a change of language.
  const [checkFailed, setCheckFailed] = useState(false);
  const checkError = checkFailed ? t('form.required', { field: t('forgotUserId.email') }) : undefined;
  // One alert per failed check: a new one at each render would take the focus back while typing.
  const checkAlert = useMemo(() => (checkFailed ? new FormCheckError() : undefined), [checkFailed]);
  const send = useMutation({ mutationFn: remindUserId });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!email.trim()) {
      setCheckFailed(true);
      return;
    }
    setCheckFailed(false);
    send.mutate(email.trim());
  };

  return (
    <div className="rc-page">
      <h1>{t('forgotUserId.title')}</h1>
      {send.isSuccess ? (
        // The same answer whether or not an account uses the address: nothing is revealed.
        <Alert type="success" headingLevel="h2" slim role="status">
          {t('forgotUserId.sent')}
        </Alert>
      ) : (
        <>
          <p className="usa-intro">{t('forgotUserId.intro')}</p>
          <ErrorAlert error={checkAlert ?? send.error} />
          <Form onSubmit={onSubmit} noValidate large>
            <TextField
              id="forgot-user-id-email"
              name="email"
              type="email"
              autoComplete="email"
              label={t('forgotUserId.email')}
              value={email}
              onValueChange={setEmail}
              error={checkError}
            />
            <Button type="submit" disabled={send.isPending}>
              {t('forgotUserId.submit')}
            </Button>
          </Form>
        </>
      )}
      <BackToSignIn />
    </div>
  );
}
