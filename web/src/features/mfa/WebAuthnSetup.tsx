import { startRegistration } from '@simplewebauthn/browser';
import { Button } from '@trussworks/react-uswds';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { registerWebauthn, webauthnRegistrationOptions, type EnrollmentDone } from './mfa-api';
import { WebAuthnProblem } from './WebAuthnProblem';

/** Registers a security key or passkey: server options → the browser's prompt → the server. */
export function WebAuthnSetup({ label, onDone }: { label: string | undefined; onDone: (done: EnrollmentDone) => void }) {
  const { t } = useTranslation();
  const register = useMutation({
    mutationFn: async () => {
      const { options } = await webauthnRegistrationOptions();
      const response = await startRegistration({ optionsJSON: options });
      return registerWebauthn(label, response);
    },
    onSuccess: onDone,
  });
  return (
    <>
      <p className="usa-intro">{t('addDevice.webauthnIntro')}</p>
      {register.isError ? <WebAuthnProblem error={register.error} /> : null}
      <Button type="button" disabled={register.isPending} onClick={() => register.mutate()}>
        {register.isPending
          ? t('mfaSignIn.webauthnWaiting')
          : register.isError
            ? t('mfaSignIn.webauthnRetry')
            : t('addDevice.webauthnStart')}
      </Button>
    </>
  );
}
