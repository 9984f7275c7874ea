import { Alert, Button } from '@trussworks/react-uswds';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { regenerateRecoveryCodes } from './mfa-api';
import { RecoveryCodesPanel } from './RecoveryCodesPanel';

/** At this many codes or fewer, the page says it is time for a new set. */
const FEW_CODES = 3;

/** How many recovery codes are left, and a new set on request (the old set stops working). */
export function RecoveryCodesSection({ remaining, onChanged }: { remaining: number; onChanged: () => void }) {
  const { t } = useTranslation();
  const generate = useMutation({ mutationFn: regenerateRecoveryCodes, onSuccess: onChanged });
  return (
    <section aria-labelledby="recovery-codes-heading" className="rc-section">
      <h2 id="recovery-codes-heading">{generate.isSuccess ? t('recoveryCodes.title') : t('manageMfa.recoveryHeading')}</h2>
      {generate.isSuccess ? (
        <RecoveryCodesPanel
          codes={generate.data.recoveryCodes}
          continueLabel={t('recoveryCodes.done')}
          onContinue={() => generate.reset()}
        />
      ) : (
        <>
          {remaining <= FEW_CODES ? (
            <Alert type="warning" headingLevel="h3" heading={t('manageMfa.fewCodesHeading')}>
              {t('manageMfa.fewCodes', { count: remaining })}
            </Alert>
          ) : null}
          <p>{t('manageMfa.recoveryRemaining', { count: remaining })}</p>
          <p className="usa-hint">{t('manageMfa.recoveryHint')}</p>
          <ErrorAlert error={generate.error} />
          <Button type="button" outline disabled={generate.isPending} onClick={() => generate.mutate()}>
            {t('manageMfa.generate')}
          </Button>
        </>
      )}
    </section>
  );
}
