import { useTranslation } from 'react-i18next';
import { OnceOnlySecretAlert } from './OnceOnlySecretAlert';

/** A secret the server has just made, with the client it belongs to. */
export interface NewSecret {
  how: 'registered' | 'replaced';
  clientId: string;
  name: string;
  clientSecret: string;
}

/** A client's new secret, beside its client ID: the application needs both. */
export function NewSecretAlert({ secret, onDone }: { secret: NewSecret; onDone: () => void }) {
  const { t } = useTranslation();
  const heading =
    secret.how === 'registered'
      ? t('clients.secret.registeredHeading', { name: secret.name })
      : t('clients.secret.replacedHeading', { name: secret.name });
  const copyNow = t('clients.secret.copyNow');
  return (
    <OnceOnlySecretAlert
      testId="new-client-secret"
      secret={secret.clientSecret}
      words={{
        heading,
        warning: secret.how === 'replaced' ? `${t('clients.secret.oldStopped')} ${copyNow}` : copyNow,
        instructions: t('clients.secret.handOver'),
        copy: t('clients.secret.copy'),
        copied: t('clients.secret.copied'),
        copyFailed: t('clients.secret.copyFailed'),
        done: t('clients.secret.done'),
      }}
      credentials={[
        { label: t('clients.secret.clientId'), value: secret.clientId, testId: 'new-client-id' },
        { label: t('clients.secret.secret'), value: secret.clientSecret, testId: 'new-client-secret-value' },
      ]}
      onDone={onDone}
    />
  );
}
