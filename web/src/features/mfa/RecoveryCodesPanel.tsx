import { Button } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';

interface Props {
  codes: string[];
  onContinue: () => void;
  continueLabel?: string;
}

/** "Save your recovery codes": shown once, right after the server made them. */
export function RecoveryCodesPanel({ codes, onContinue, continueLabel }: Props) {
  const { t } = useTranslation();
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
      <Button type="button" onClick={onContinue}>
        {continueLabel ?? t('common.continue')}
      </Button>
    </div>
  );
}
