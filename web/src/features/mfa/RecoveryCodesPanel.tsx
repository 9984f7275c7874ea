import { Button, ButtonGroup, Checkbox, ErrorMessage, FormGroup } from '@trussworks/react-uswds';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  codes: string[];
  onContinue: () => void;
  continueLabel?: string;
}

const downloadName = 'rolecall-recovery-codes.txt';

/**
 * "Save your recovery codes": shown once, right after the server made them. The person can copy,
 * download or print them, and goes on only once they say they saved them.
 */
export function RecoveryCodesPanel({ codes, onContinue, continueLabel }: Props) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  const [missing, setMissing] = useState(false);
  const [copied, setCopied] = useState<'copied' | 'failed' | undefined>();
  const [downloadUrl, setDownloadUrl] = useState<string | undefined>();
  const text = `${t('recoveryCodes.fileHeading')}\n\n${codes.join('\n')}\n`;

  // The file is made once per set of codes, and let go when the panel closes.
  useEffect(() => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    setDownloadUrl(url);
    return () => URL.revokeObjectURL(url);
  }, [text]);

  const copy = () => {
    navigator.clipboard.writeText(codes.join('\n')).then(
      () => setCopied('copied'),
      () => setCopied('failed'),
    );
  };

  const goOn = () => {
    if (!saved) {
      setMissing(true);
      return;
    }
    onContinue();
  };

  return (
    <div className="rc-recovery-codes usa-prose">
      <p className="usa-intro">{t('recoveryCodes.intro')}</p>
      <p>{t('recoveryCodes.onlyOnce')}</p>
      <ul className="rc-recovery-codes__list" aria-label={t('recoveryCodes.listLabel')} data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <ButtonGroup className="rc-recovery-codes__actions">
        <Button type="button" outline onClick={copy}>
          {t('recoveryCodes.copy')}
        </Button>
        <a className="usa-button usa-button--outline" href={downloadUrl} download={downloadName}>
          {t('recoveryCodes.download')}
        </a>
        <Button type="button" outline onClick={() => window.print()}>
          {t('recoveryCodes.print')}
        </Button>
      </ButtonGroup>
      <p role="status" className="rc-recovery-codes__status">
        {copied === 'copied' ? t('recoveryCodes.copied') : copied === 'failed' ? t('recoveryCodes.copyFailed') : ''}
      </p>
      <FormGroup error={missing}>
        {missing ? <ErrorMessage id="recovery-codes-saved-error">{t('recoveryCodes.savedRequired')}</ErrorMessage> : null}
        <Checkbox
          id="recovery-codes-saved"
          name="saved"
          label={t('recoveryCodes.saved')}
          checked={saved}
          aria-describedby={missing ? 'recovery-codes-saved-error' : undefined}
          onChange={(event) => {
            setSaved(event.target.checked);
            if (event.target.checked) setMissing(false);
          }}
        />
      </FormGroup>
      <Button type="button" onClick={goOn}>
        {continueLabel ?? t('common.continue')}
      </Button>
    </div>
  );
}
