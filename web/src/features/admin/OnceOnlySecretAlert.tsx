import { Button, ButtonGroup } from '@trussworks/react-uswds';
import { useEffect, useRef, useState } from 'react';

/** A value the alert lists, e.g. a client ID beside its secret. */
export interface ShownCredential {
  label: string;
  value: string;
  testId: string;
}

/** The alert's words, in the page's language. */
export interface SecretAlertWords {
  heading: string;
  /** What must be done now: said in bold, as the one thing not to miss. */
  warning: string;
  /** What the secret is for, and who should hold it. */
  instructions: string;
  copy: string;
  copied: string;
  copyFailed: string;
  done: string;
}

interface Props {
  words: SecretAlertWords;
  credentials: readonly ShownCredential[];
  /** The value the copy button puts on the clipboard. */
  secret: string;
  testId: string;
  onDone: () => void;
}

/**
 * The one time a secret can be seen: Rolecall keeps it hashed or encrypted and never shows it
 * again. The alert takes focus so nobody misses it, and stays until the administrator says they
 * are done with it.
 */
export function OnceOnlySecretAlert({ words, credentials, secret, testId, onDone }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [copied, setCopied] = useState<'copied' | 'failed' | undefined>();
  useEffect(() => ref.current?.focus(), []);

  const copy = () => {
    navigator.clipboard.writeText(secret).then(
      () => setCopied('copied'),
      () => setCopied('failed'),
    );
  };

  // Written out rather than with <Alert>, which would wrap the list and buttons in a paragraph.
  return (
    <div ref={ref} tabIndex={-1} className="rc-focus-target rc-admin__secret" data-testid={testId}>
      <div className="usa-alert usa-alert--success">
        <div className="usa-alert__body">
          <h2 className="usa-alert__heading">{words.heading}</h2>
          <p className="usa-alert__text text-bold">{words.warning}</p>
          <p className="usa-alert__text">{words.instructions}</p>
          <dl className="rc-admin__credentials">
            {credentials.map((credential) => (
              <div key={credential.testId}>
                <dt>{credential.label}</dt>
                <dd>
                  <code className="rc-secret" data-testid={credential.testId}>
                    {credential.value}
                  </code>
                </dd>
              </div>
            ))}
          </dl>
          <ButtonGroup>
            <Button type="button" outline onClick={copy}>
              {words.copy}
            </Button>
            <Button type="button" onClick={onDone}>
              {words.done}
            </Button>
          </ButtonGroup>
          <p role="status" className="rc-admin__copy-status">
            {copied === 'copied' ? words.copied : copied === 'failed' ? words.copyFailed : ''}
          </p>
        </div>
      </div>
    </div>
  );
}
