import { Button, Form } from '@trussworks/react-uswds';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormCheckError } from '../../components/form-errors';
import { CodeField } from './CodeField';
import { confirmEnrollment, type EnrollmentDone } from './mfa-api';

/** "Enter the 6-digit code": proves the new device works, which finishes adding it. */
export function ConfirmCodeForm({ factorId, onDone }: { factorId: string; onDone: (done: EnrollmentDone) => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [checkError, setCheckError] = useState<string>();
  const confirm = useMutation({
    mutationFn: (value: string) => confirmEnrollment(factorId, value),
    onSuccess: onDone,
    onError: () => setCode(''),
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!/^\d{6}$/.test(code)) {
      setCheckError(t('mfaSignIn.codeFormat'));
      return;
    }
    setCheckError(undefined);
    confirm.mutate(code);
  };

  return (
    <>
      <ErrorAlert error={checkError ? new FormCheckError() : confirm.error} />
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
