import { Alert, Button, Form } from '@trussworks/react-uswds';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFieldCheck } from '../../components/use-field-check';
import type { SessionFactor } from '../session/session-api';
import { CodeField } from './CodeField';
import { sendsCode } from './factor-kinds';
import { challenge as sendChallenge, verifyCode, type Challenge } from './mfa-api';

/** The code from an authenticator app, or the one just sent by email, text or voice. */
export function SignInCodeForm({ factor, challenge }: { factor: SessionFactor; challenge: Challenge }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const check = useFieldCheck(t('mfaSignIn.codeFormat'));
  const [sentTo, setSentTo] = useState(challenge.sentTo);
  const verify = useMutation({
    mutationFn: (value: string) => verifyCode(factor.id, value),
    onError: () => setCode(''),
  });
  const resend = useMutation({
    mutationFn: () => sendChallenge(factor.id),
    onSuccess: (answer) => {
      setSentTo(answer.sentTo);
      verify.reset();
    },
  });
  const delivers = sendsCode(factor.kind);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!/^\d{6}$/.test(code)) {
      check.fail();
      return;
    }
    check.clear();
    verify.mutate(code);
  };

  return (
    <>
      {delivers ? (
        <p className="usa-intro">{t('mfaSignIn.sentTo', { sentTo: sentTo ?? '' })}</p>
      ) : (
        <p className="usa-intro">
          {factor.label ? t('mfaSignIn.totpIntro', { label: factor.label }) : t('mfaSignIn.totpIntroUnnamed')}
        </p>
      )}
      {resend.isSuccess ? (
        <Alert type="info" headingLevel="h2" slim role="status">
          {t('mfaSignIn.resent', { sentTo: sentTo ?? '' })}
        </Alert>
      ) : null}
      <ErrorAlert error={check.alert ?? verify.error ?? resend.error} />
      <Form onSubmit={onSubmit} noValidate>
        <CodeField
          id="mfa-code"
          label={delivers ? t('mfaSignIn.codeLabel') : t('mfaSignIn.totpLabel')}
          hint={t('mfaSignIn.codeHint')}
          value={code}
          onValueChange={setCode}
          error={check.error}
        />
        <Button type="submit" disabled={verify.isPending}>
          {t('mfaSignIn.verify')}
        </Button>
      </Form>
      {delivers ? (
        <Button type="button" outline className="rc-secondary-action" disabled={resend.isPending} onClick={() => resend.mutate()}>
          {t('mfaSignIn.sendNew')}
        </Button>
      ) : null}
    </>
  );
}
