import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';

/**
 * Why a security key step failed: the server's answer, or the browser's own refusal (cancelled,
 * timed out, no key, or not supported), in the page's language.
 */
export function WebAuthnProblem({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (isApiError(error)) return <ErrorAlert error={error} />;
  const name = error instanceof Error ? error.name : '';
  const message =
    name === 'NotAllowedError' || name === 'AbortError'
      ? t('webauthn.cancelled')
      : name === 'InvalidStateError'
        ? t('webauthn.alreadyRegistered')
        : typeof window.PublicKeyCredential === 'undefined'
          ? t('webauthn.unsupported')
          : t('webauthn.failed');
  return <ErrorAlert error={error} message={message} />;
}
