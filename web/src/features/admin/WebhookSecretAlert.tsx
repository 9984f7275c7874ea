import { useTranslation } from 'react-i18next';
import { OnceOnlySecretAlert } from './OnceOnlySecretAlert';

/** A subscription's signing secret, the one time it is shown: the receiver verifies every message with it. */
export function WebhookSecretAlert({ secret, url, onDone }: { secret: string; url: string; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <OnceOnlySecretAlert
      testId="new-webhook-secret"
      secret={secret}
      words={{
        heading: t('webhooks.secret.heading'),
        warning: t('webhooks.secret.copyNow'),
        instructions: t('webhooks.secret.verify'),
        copy: t('webhooks.secret.copy'),
        copied: t('webhooks.secret.copied'),
        copyFailed: t('webhooks.secret.copyFailed'),
        done: t('webhooks.secret.done'),
      }}
      credentials={[
        { label: t('webhooks.secret.receiver'), value: url, testId: 'new-webhook-url' },
        { label: t('webhooks.secret.secret'), value: secret, testId: 'new-webhook-secret-value' },
      ]}
      onDone={onDone}
    />
  );
}
