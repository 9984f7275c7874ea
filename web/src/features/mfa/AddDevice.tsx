import { Button } from '@trussworks/react-uswds';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CodeSetup } from './CodeSetup';
import { DeviceKindForm, type DeviceChoice } from './DeviceKindForm';
import { startEnrollment, type CodeFactorKind, type EnrollmentDone, type EnrollmentStarted } from './mfa-api';
import { StepHeading } from './StepHeading';
import { TotpSetup } from './TotpSetup';
import { useStepHeading } from './use-step-heading';
import { WebAuthnSetup } from './WebAuthnSetup';

type Step =
  | { name: 'choose' }
  | { name: 'totp' | 'code'; choice: DeviceChoice; started: EnrollmentStarted }
  | { name: 'webauthn'; choice: DeviceChoice };

const titleKeys = {
  choose: 'addDevice.chooseTitle',
  totp: 'addDevice.totpTitle',
  code: 'addDevice.codeTitle',
  webauthn: 'addDevice.webauthnTitle',
} as const;

interface Props {
  headingLevel: 2 | 3;
  onDone: (done: EnrollmentDone) => void;
}

/**
 * "Add a device", shared by first sign-in (stage `enroll`) and "Manage MFA and recovery devices":
 * choose a kind, then set it up and prove it works. The device counts only once confirmed.
 */
export function AddDevice({ headingLevel, onDone }: Props) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>({ name: 'choose' });
  const headingRef = useStepHeading(step.name === 'code' ? `code-${step.started.factor.id}` : step.name);

  const start = useMutation({
    mutationFn: (choice: DeviceChoice) =>
      startEnrollment({ kind: choice.kind as CodeFactorKind, label: choice.label, phone: choice.phone }).then((started) => ({
        choice,
        started,
      })),
    onSuccess: ({ choice, started }) => setStep({ name: choice.kind === 'totp' ? 'totp' : 'code', choice, started }),
  });

  const choose = (choice: DeviceChoice) => {
    if (choice.kind === 'webauthn') setStep({ name: 'webauthn', choice });
    else start.mutate(choice);
  };

  const back = () => {
    start.reset();
    setStep({ name: 'choose' });
  };

  return (
    <div className="rc-add-device">
      <StepHeading level={headingLevel} headingRef={headingRef}>
        {t(titleKeys[step.name])}
      </StepHeading>
      {step.name === 'choose' ? (
        <>
          <ErrorAlert error={start.error} />
          <DeviceKindForm pending={start.isPending} onChoose={choose} />
        </>
      ) : step.name === 'totp' ? (
        <TotpSetup started={step.started} onDone={onDone} />
      ) : step.name === 'code' ? (
        <CodeSetup
          started={step.started}
          onDone={onDone}
          sending={start.isPending}
          sendError={start.error}
          onSendAgain={() => start.mutate(step.choice)}
        />
      ) : (
        <WebAuthnSetup label={step.choice.label} onDone={onDone} />
      )}
      {step.name !== 'choose' ? (
        <Button type="button" unstyled className="rc-step-back" onClick={back}>
          {t('addDevice.chooseAnother')}
        </Button>
      ) : null}
    </div>
  );
}
