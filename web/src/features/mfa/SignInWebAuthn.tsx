import { startAuthentication } from '@simplewebauthn/browser';
import { Button } from '@trussworks/react-uswds';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SessionFactor } from '../session/session-api';
import { challenge as askChallenge, verifyWebauthn, type Challenge } from './mfa-api';
import { WebAuthnProblem } from './WebAuthnProblem';

/**
 * Security key or passkey: the browser asks for a touch (or the device's own check) with the
 * server's options, and the signed answer goes back to the server. Trying again asks the server
 * for fresh options, since each set is good for one try.
 */
export function SignInWebAuthn({ factor, challenge }: { factor: SessionFactor; challenge: Challenge }) {
  const { t } = useTranslation();
  const attempt = useMutation({
    mutationFn: async (fresh: boolean) => {
      const options = fresh ? (await askChallenge(factor.id)).options : challenge.options;
      if (!options) throw new Error('The server sent no security key options.');
      const response = await startAuthentication({ optionsJSON: options });
      return verifyWebauthn(factor.id, response);
    },
  });

  return (
    <>
      <p className="usa-intro">
        {factor.label ? t('mfaSignIn.webauthnIntro', { label: factor.label }) : t('mfaSignIn.webauthnIntroUnnamed')}
      </p>
      {attempt.isError ? <WebAuthnProblem error={attempt.error} /> : null}
      <Button type="button" disabled={attempt.isPending} onClick={() => attempt.mutate(attempt.isError || attempt.isSuccess)}>
        {attempt.isPending
          ? t('mfaSignIn.webauthnWaiting')
          : attempt.isError
            ? t('mfaSignIn.webauthnRetry')
            : t('mfaSignIn.webauthnStart')}
      </Button>
    </>
  );
}
