import { Button, ButtonGroup } from '@trussworks/react-uswds';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { factorName } from './factor-kinds';
import { removeFactor, type Factor } from './mfa-api';

interface Props {
  factor: Factor;
  onRemoved: () => void;
  onCancel: () => void;
}

/** The confirm step before a device is removed; the server refuses to remove the last one. */
export function RemoveFactor({ factor, onRemoved, onCancel }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const remove = useMutation({ mutationFn: () => removeFactor(factor.id), onSuccess: onRemoved });
  useEffect(() => ref.current?.focus(), [factor.id]);
  return (
    <div ref={ref} tabIndex={-1} className="rc-confirm-box rc-focus-target" role="group" aria-labelledby="remove-factor-question">
      <p id="remove-factor-question" className="text-bold">
        {t('manageMfa.removeQuestion', { label: factorName(factor, t) })}
      </p>
      <ErrorAlert error={remove.error} />
      <ButtonGroup>
        <Button type="button" secondary disabled={remove.isPending} onClick={() => remove.mutate()}>
          {t('manageMfa.removeConfirm')}
        </Button>
        <Button type="button" outline onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </ButtonGroup>
    </div>
  );
}
