import { Alert, Button, Form } from '@trussworks/react-uswds';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormCheckError } from '../../components/form-errors';
import { TextField } from '../../components/TextField';
import { resendVerification } from './accounts-api';

/** "Send the link again": to a known address, or to one the person types. */
export function ResendLinkForm({ email }: { email?: string }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  // Kept as a flag, not words, so the message follows a change of language.
  const [checkFailed, setCheckFailed] = useState(false);
  const checkError = checkFailed ? t('form.required', { field: t('register.email') }) : undefined;
  // One alert per failed check: a new one at each render would take the focus back while typing.
  const checkAlert = useMemo(() => (checkFailed ? new FormCheckError() : undefined), [checkFailed]);
  const resend = useMutation({ mutationFn: resendVerification });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const address = (email ?? typed).trim();
    if (!address) {
      setCheckFailed(true);
      return;
    }
    setCheckFailed(false);
    resend.mutate(address);
  };

  return (
    <>
      <ErrorAlert error={checkAlert ?? resend.error} />
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
            error={checkError}
          />
        )}
        <Button type="submit" outline disabled={resend.isPending}>
          {t('checkEmail.resend')}
        </Button>
      </Form>
    </>
  );
}
