import { Button, ButtonGroup } from '@trussworks/react-uswds';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Decision } from './use-decision';

/**
 * "Are you sure?" for a revoke or a whole-list action, in the page rather than a dialog: it takes
 * focus when it appears, says what will happen, and offers to go ahead or to cancel.
 */
export function ConfirmPanel({ decision }: { decision: Decision }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLElement>(null);
  const request = decision.confirming;
  useEffect(() => {
    if (request) ref.current?.focus();
  }, [request]);
  if (!request) return null;
  const revoke = request.outcome === 'revoke';
  const whole = 'all' in request.target;
  const words = { summary: request.summary };
  return (
    <section ref={ref} tabIndex={-1} className="rc-cert__confirm rc-focus-target" aria-labelledby="certification-confirm-heading">
      <h2 id="certification-confirm-heading">
        {revoke ? t('certifications.confirm.revokeHeading', words) : t('certifications.confirm.certifyHeading', words)}
      </h2>
      <p>{revoke ? t('certifications.confirm.revokeBody') : t('certifications.confirm.certifyBody')}</p>
      {whole ? <p>{t('certifications.confirm.wholeList')}</p> : null}
      <ButtonGroup>
        <Button type="button" secondary={revoke} disabled={decision.mutation.isPending} onClick={decision.confirm}>
          {decision.mutation.isPending
            ? t('certifications.saving')
            : revoke
              ? t('certifications.confirm.yesRevoke')
              : t('certifications.confirm.yesCertify')}
        </Button>
        <Button type="button" outline disabled={decision.mutation.isPending} onClick={decision.cancel}>
          {t('common.cancel')}
        </Button>
      </ButtonGroup>
    </section>
  );
}
