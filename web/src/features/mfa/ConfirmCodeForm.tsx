import { Button, Form } from '@trussworks/react-uswds';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFieldCheck } from '../../components/use-field-check';
import { CodeField } from './CodeField';
import { confirmEnrollment, type EnrollmentDone } from './mfa-api';

/** "Enter the 6-digit code": proves the new device works, which finishes adding it. */
export function ConfirmCodeForm({ factorId, onDone }: { factorId: string; onDone: (done: EnrollmentDone) => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const check = useFieldCheck(t('mfaSignIn.codeFormat'));
  const confirm = useMutation({
    mutationFn: (value: string) => confirmEnrollment(factorId, value),
    onSuccess: onDone,
    onError: () => setCode(''),
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!/^\d{6}$/.test(code)) {
      check.fail();
      return;
    }
    check.clear();
    confirm.mutate(code);
  };

  return (
    <>
      <ErrorAlert error={check.alert ?? confirm.error} />
      <Form onSubmit={onSubmit} noValidate>
        <CodeField
          id={`confirm-code-${factorId}`}
          label={t('addDevice.codeLabel')}
          value={code}
          onValueChange={setCode}
          error={check.error}
        />
        <Button type="submit" disabled={confirm.isPending}>
          {t('addDevice.confirm')}
        </Button>
      </Form>
    </>
  );
}
