import { Button } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ConfirmCodeForm } from './ConfirmCodeForm';
import type { EnrollmentDone, EnrollmentStarted } from './mfa-api';

interface Props {
  started: EnrollmentStarted;
  onDone: (done: EnrollmentDone) => void;
  onSendAgain: () => void;
  sending: boolean;
  sendError: unknown;
}

/** Email, text message or voice call: a code was sent; entering it confirms the device. */
export function CodeSetup({ started, onDone, onSendAgain, sending, sendError }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <p className="usa-intro" role="status">
        {t('mfaSignIn.sentTo', { sentTo: started.sentTo ?? '' })}
      </p>
      <ErrorAlert error={sendError} />
      <ConfirmCodeForm key={started.factor.id} factorId={started.factor.id} onDone={onDone} />
      <Button type="button" outline className="rc-secondary-action" disabled={sending} onClick={onSendAgain}>
        {t('mfaSignIn.sendNew')}
      </Button>
    </>
  );
}
