import { Button, ButtonGroup } from '@trussworks/react-uswds';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A secret the server has just made, with the client it belongs to. */
export interface NewSecret {
  how: 'registered' | 'replaced';
  clientId: string;
  name: string;
  clientSecret: string;
}

/**
 * The one time a client's secret can be seen: Rolecall keeps only its hash. The alert takes focus
 * so nobody misses it, and stays until the administrator says they are done with it.
 */
export function NewSecretAlert({ secret, onDone }: { secret: NewSecret; onDone: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const [copied, setCopied] = useState<'copied' | 'failed' | undefined>();
  useEffect(() => ref.current?.focus(), []);

  const copy = () => {
    navigator.clipboard.writeText(secret.clientSecret).then(
      () => setCopied('copied'),
      () => setCopied('failed'),
    );
  };

  const heading =
    secret.how === 'registered'
      ? t('clients.secret.registeredHeading', { name: secret.name })
      : t('clients.secret.replacedHeading', { name: secret.name });
  // Written out rather than with <Alert>, which would wrap the list and buttons in a paragraph.
  return (
    <div ref={ref} tabIndex={-1} className="rc-focus-target rc-clients__secret" data-testid="new-client-secret">
      <div className="usa-alert usa-alert--success">
        <div className="usa-alert__body">
          <h2 className="usa-alert__heading">{heading}</h2>
          <p className="usa-alert__text text-bold">
            {secret.how === 'replaced' ? `${t('clients.secret.oldStopped')} ` : null}
            {t('clients.secret.copyNow')}
          </p>
          <p className="usa-alert__text">{t('clients.secret.handOver')}</p>
          <dl className="rc-clients__credentials">
            <dt>{t('clients.secret.clientId')}</dt>
            <dd>
              <code className="rc-secret" data-testid="new-client-id">
                {secret.clientId}
              </code>
            </dd>
            <dt>{t('clients.secret.secret')}</dt>
            <dd>
              <code className="rc-secret" data-testid="new-client-secret-value">
                {secret.clientSecret}
              </code>
            </dd>
          </dl>
          <ButtonGroup>
            <Button type="button" outline onClick={copy}>
              {t('clients.secret.copy')}
            </Button>
            <Button type="button" onClick={onDone}>
              {t('clients.secret.done')}
            </Button>
          </ButtonGroup>
          <p role="status" className="rc-clients__copy-status">
            {copied === 'copied' ? t('clients.secret.copied') : copied === 'failed' ? t('clients.secret.copyFailed') : ''}
          </p>
        </div>
      </div>
    </div>
  );
}
