import { Button, Form } from '@trussworks/react-uswds';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormCheckError } from '../../components/form-errors';
import { CodeField } from './CodeField';
import { confirmEnrollment, type EnrollmentDone } from './mfa-api';

/** "Enter the 6-digit code": proves the new device works, which finishes adding it. */
export function ConfirmCodeForm({ factorId, onDone }: { factorId: string; onDone: (done: EnrollmentDone) => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  // Kept as a flag, not words, so the message follows a change of language.
  const [checkFailed, setCheckFailed] = useState(false);
  const checkError = checkFailed ? t('mfaSignIn.codeFormat') : undefined;
  // One alert per failed check: a new one at each render would take the focus back while typing.
  const checkAlert = useMemo(() => (checkFailed ? new FormCheckError() : undefined), [checkFailed]);
  const confirm = useMutation({
    mutationFn: (value: string) => confirmEnrollment(factorId, value),
    onSuccess: onDone,
    onError: () => setCode(''),
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!/^\d{6}$/.test(code)) {
      setCheckFailed(true);
      return;
    }
    setCheckFailed(false);
    confirm.mutate(code);
  };

  return (
    <>
      <ErrorAlert error={checkAlert ?? confirm.error} />
      <Form onSubmit={onSubmit} noValidate>
        <CodeField
          id={`confirm-code-${factorId}`}
          label={t('addDevice.codeLabel')}
          value={code}
          onValueChange={setCode}
          error={checkError}
        />
        <Button type="submit" disabled={confirm.isPending}>
          {t('addDevice.confirm')}
        </Button>
      </Form>
    </>
  );
}
