import { Button, Form } from '@trussworks/react-uswds';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFieldCheck } from '../../components/use-field-check';
import { TextField } from '../../components/TextField';
import { signInWithRecoveryCode } from './mfa-api';

/** Signing in with one of the ten recovery codes, when no MFA device is at hand. */
export function RecoveryCodeForm() {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const check = useFieldCheck(t('form.required', { field: t('mfaSignIn.recoveryLabel') }));
  const verify = useMutation({ mutationFn: signInWithRecoveryCode, onError: () => setCode('') });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!code.trim()) {
      check.fail();
      return;
    }
    check.clear();
    verify.mutate(code.trim());
  };

  return (
    <>
      <p className="usa-intro">{t('mfaSignIn.recoveryIntro')}</p>
      <ErrorAlert error={check.alert ?? verify.error} />
      <Form onSubmit={onSubmit} noValidate>
        <TextField
          id="mfa-recovery-code"
          name="recoveryCode"
          label={t('mfaSignIn.recoveryLabel')}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={code}
          onValueChange={setCode}
          error={check.error}
        />
        <Button type="submit" disabled={verify.isPending}>
          {t('mfaSignIn.verify')}
        </Button>
      </Form>
    </>
  );
}
