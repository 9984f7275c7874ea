import { Button, Form } from '@trussworks/react-uswds';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormCheckError } from '../../components/form-errors';
import { TextField } from '../../components/TextField';
import { signInWithRecoveryCode } from './mfa-api';

/** Signing in with one of the ten recovery codes, when no MFA device is at hand. */
export function RecoveryCodeForm() {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  // Kept as a flag, not words, so the message follows a change of language.
  const [checkFailed, setCheckFailed] = useState(false);
  const checkError = checkFailed ? t('form.required', { field: t('mfaSignIn.recoveryLabel') }) : undefined;
  // One alert per failed check: a new one at each render would take the focus back while typing.
  const checkAlert = useMemo(() => (checkFailed ? new FormCheckError() : undefined), [checkFailed]);
  const verify = useMutation({ mutationFn: signInWithRecoveryCode, onError: () => setCode('') });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!code.trim()) {
      setCheckFailed(true);
      return;
    }
    setCheckFailed(false);
    verify.mutate(code.trim());
  };

  return (
    <>
      <p className="usa-intro">{t('mfaSignIn.recoveryIntro')}</p>
      <ErrorAlert error={checkAlert ?? verify.error} />
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
          error={checkError}
        />
        <Button type="submit" disabled={verify.isPending}>
          {t('mfaSignIn.verify')}
        </Button>
      </Form>
    </>
  );
}
