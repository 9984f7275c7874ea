import { Button, ButtonGroup } from '@trussworks/react-uswds';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';

interface Props {
  /** Ties the question to the group that asks it. */
  id: string;
  question: string;
  /** What happens once confirmed, said before it is too late. */
  effect: string;
  confirmLabel: string;
  pendingLabel: string;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * "Are you sure?" asked in place, before something that cannot be undone: it says what will
 * happen and takes focus when it appears, so a keyboard or screen-reader user meets it first.
 */
export function ConfirmBox({ id, question, effect, confirmLabel, pendingLabel, pending, error, onConfirm, onCancel }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const questionId = `${id}-question`;
  useEffect(() => ref.current?.focus(), []);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      className="rc-confirm-box rc-focus-target rc-admin__confirm"
      role="group"
      aria-labelledby={questionId}
    >
      <p id={questionId} className="text-bold">
        {question}
      </p>
      <p>{effect}</p>
      <ErrorAlert error={error} />
      <ButtonGroup>
        <Button type="button" secondary disabled={pending} onClick={onConfirm}>
          {pending ? pendingLabel : confirmLabel}
        </Button>
        <Button type="button" outline disabled={pending} onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </ButtonGroup>
    </div>
  );
}
