import { Alert, Button, Form } from '@trussworks/react-uswds';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFieldCheck } from '../../components/use-field-check';
import { TextField } from '../../components/TextField';
import { usePageTitle } from '../../components/use-page-title';
import { remindUserId } from './accounts-api';
import { BackToSignIn } from './BackToSignIn';

export function ForgotUserIdPage() {
  const { t } = useTranslation();
  usePageTitle(t('forgotUserId.title'));
  const [email, setEmail] = useState('');
  const check = useFieldCheck(t('form.required', { field: t('forgotUserId.email') }));
  const send = useMutation({ mutationFn: remindUserId });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!email.trim()) {
      check.fail();
      return;
    }
    check.clear();
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
          <ErrorAlert error={check.alert ?? send.error} />
          <Form onSubmit={onSubmit} noValidate large>
            <TextField
              id="forgot-user-id-email"
              name="email"
              type="email"
              autoComplete="email"
              label={t('forgotUserId.email')}
              value={email}
              onValueChange={setEmail}
              error={check.error}
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
