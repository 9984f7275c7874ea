import { Alert, Button, Form } from '@trussworks/react-uswds';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFieldCheck } from '../../components/use-field-check';
import { TextField } from '../../components/TextField';
import { resendVerification } from './accounts-api';

/** "Send the link again": to a known address, or to one the person types. */
export function ResendLinkForm({ email }: { email?: string }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const check = useFieldCheck(t('form.required', { field: t('register.email') }));
  const resend = useMutation({ mutationFn: resendVerification });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const address = (email ?? typed).trim();
    if (!address) {
      check.fail();
      return;
    }
    check.clear();
    resend.mutate(address);
  };

  return (
    <>
      <ErrorAlert error={check.alert ?? resend.error} />
      {resend.isSuccess ? (
        <Alert type="success" headingLevel="h2" slim role="status">
          {t('checkEmail.resent')}
        </Alert>
      ) : null}
      <Form onSubmit={onSubmit} noValidate>
        {email ? null : (
          <TextField
            id="resend-email"
            name="email"
            type="email"
            autoComplete="email"
            label={t('register.email')}
            value={typed}
            onValueChange={setTyped}
            error={check.error}
          />
        )}
        <Button type="submit" outline disabled={resend.isPending}>
          {t('checkEmail.resend')}
        </Button>
      </Form>
    </>
  );
}
