import { Alert, Button } from '@trussworks/react-uswds';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingStatus } from '../../components/LoadingStatus';
import { PageError } from '../../components/PageError';
import { usePageTitle } from '../../components/use-page-title';
import { GoTo } from '../session/GoTo';
import { stagePath } from '../session/return-path';
import type { SessionFactor } from '../session/session-api';
import { useReturnPath } from '../session/use-return-path';
import { useSession } from '../session/use-session';
import { FactorChoice } from './FactorChoice';
import { challenge, type Challenge } from './mfa-api';
import { RecoveryCodeForm } from './RecoveryCodeForm';
import { SignInCodeForm } from './SignInCodeForm';
import { SignInWebAuthn } from './SignInWebAuthn';
import { useStepHeading } from './use-step-heading';

type Step =
  { name: 'choose' } | { name: 'code' | 'webauthn'; factor: SessionFactor; challenge: Challenge } | { name: 'recovery' };

const titleKeys = {
  choose: 'mfaSignIn.chooseTitle',
  code: 'mfaSignIn.codeTitle',
  webauthn: 'mfaSignIn.webauthnTitle',
  recovery: 'mfaSignIn.recoveryTitle',
} as const;

/**
 * Sign-in step 2: choose an MFA device, then enter its code or touch the security key. Once the
 * server accepts, the session turns `active` and the page goes on to where the person was headed.
 */
export function MfaSignInPage() {
  const { t } = useTranslation();
  const returnTo = useReturnPath();
  // Set by the server when an application wants a fresher sign-in from someone signed in already.
  const again = useSearchParams()[0].get('again') === '1';
  const session = useSession();
  const [step, setStep] = useState<Step>({ name: 'choose' });
  const headingRef = useStepHeading(step.name);
  const title = t(titleKeys[step.name]);
  usePageTitle(title);

  const start = useMutation({
    mutationFn: (factor: SessionFactor) => challenge(factor.id).then((answer) => ({ factor, answer })),
    onSuccess: ({ factor, answer }) =>
      setStep({ name: factor.kind === 'webauthn' ? 'webauthn' : 'code', factor, challenge: answer }),
  });

  // With one device there is nothing to choose: its code is asked for (or sent) at once.
  const factors = session.data?.session?.stage === 'mfa' ? (session.data.session.factors ?? []) : [];
  const onlyFactor = factors.length === 1 ? factors[0] : undefined;
  const startedOnly = useRef(false);
  useEffect(() => {
    if (!onlyFactor || startedOnly.current) return;
    startedOnly.current = true;
    start.mutate(onlyFactor);
  }, [onlyFactor, start]);

  if (session.isPending) return <LoadingStatus />;
  if (session.isError) return <PageError onRetry={() => void session.refetch()} />;
  const current = session.data.session;
  if (current?.stage !== 'mfa') return <GoTo to={stagePath(current, returnTo)} />;
  const choosing = step.name === 'choose' && !(onlyFactor && !start.isError);

  const chooseAgain = () => {
    start.reset();
    setStep({ name: 'choose' });
  };

  return (
    <div className="rc-page">
      <h1 ref={headingRef} tabIndex={-1}>
        {title}
      </h1>
      {again ? (
        <Alert type="info" headingLevel="h2" slim>
          {t('mfaSignIn.againNotice')}
        </Alert>
      ) : null}
      {step.name === 'choose' && !choosing ? (
        <LoadingStatus />
      ) : step.name === 'choose' ? (
        <>
          <p className="usa-intro">{t('mfaSignIn.chooseIntro')}</p>
          <ErrorAlert error={start.error} />
          <FactorChoice factors={current.factors ?? []} pending={start.isPending} onChoose={(factor) => start.mutate(factor)} />
        </>
      ) : step.name === 'code' ? (
        <SignInCodeForm factor={step.factor} challenge={step.challenge} />
      ) : step.name === 'webauthn' ? (
        <SignInWebAuthn factor={step.factor} challenge={step.challenge} />
      ) : (
        <RecoveryCodeForm />
      )}
      <div className="rc-step-links">
        {step.name !== 'choose' && factors.length > 1 ? (
          <Button type="button" unstyled onClick={chooseAgain}>
            {t('mfaSignIn.chooseAnother')}
          </Button>
        ) : null}
        {step.name !== 'recovery' ? (
          <Button type="button" unstyled onClick={() => setStep({ name: 'recovery' })}>
            {t('mfaSignIn.useRecoveryCode')}
          </Button>
        ) : null}
      </div>
    </div>
  );
}
