import { useTranslation } from 'react-i18next';
import { ConfirmCodeForm } from './ConfirmCodeForm';
import type { EnrollmentDone, EnrollmentStarted } from './mfa-api';

/** Shows the secret (as a QR code and as text) and asks for a code the app made from it. */
export function TotpSetup({ started, onDone }: { started: EnrollmentStarted; onDone: (done: EnrollmentDone) => void }) {
  const { t } = useTranslation();
  const totp = started.totp;
  if (!totp) return null;
  return (
    <ol className="usa-process-list">
      <li className="usa-process-list__item">
        <p className="usa-process-list__heading">{t('addDevice.totpScan')}</p>
        <img className="rc-qr-code" src={totp.qrCode} alt={t('addDevice.totpQrAlt')} width={200} height={200} />
      </li>
      <li className="usa-process-list__item">
        <p className="usa-process-list__heading">{t('addDevice.totpType')}</p>
        <p>
          <code className="rc-secret" data-testid="totp-secret">
            {totp.secret}
          </code>
        </p>
      </li>
      <li className="usa-process-list__item">
        <p className="usa-process-list__heading">{t('addDevice.totpEnter')}</p>
        <ConfirmCodeForm factorId={started.factor.id} onDone={onDone} />
      </li>
    </ol>
  );
}
