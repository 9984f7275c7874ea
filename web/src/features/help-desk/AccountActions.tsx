import { Button, ButtonGroup } from '@trussworks/react-uswds';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmBox } from '../admin/ConfirmBox';
import { takeAction, type HelpDeskAction, type Person } from './help-desk-api';

interface Props {
  person: Person;
  onDone: (updated: Person, message: string) => void;
}

/** Each action's words: its button, the question before it, what it does, and what was done. */
const ACTION_TEXT = {
  unlock: {
    button: 'helpDesk.actions.unlock.button',
    question: 'helpDesk.actions.unlock.question',
    effect: 'helpDesk.actions.unlock.effect',
    done: 'helpDesk.actions.unlock.done',
  },
  reset_mfa: {
    button: 'helpDesk.actions.resetMfa.button',
    question: 'helpDesk.actions.resetMfa.question',
    effect: 'helpDesk.actions.resetMfa.effect',
    done: 'helpDesk.actions.resetMfa.done',
  },
  resend_verification: {
    button: 'helpDesk.actions.resendVerification.button',
    question: 'helpDesk.actions.resendVerification.question',
    effect: 'helpDesk.actions.resendVerification.effect',
    done: 'helpDesk.actions.resendVerification.done',
  },
} as const satisfies Record<HelpDeskAction, Record<'button' | 'question' | 'effect' | 'done', string>>;

/**
 * What the help desk may do to the account now (the server's `allowedActions`), each asked
 * again before it is done: unlock, reset MFA, resend the verification email.
 */
export function AccountActions({ person, onDone }: Props) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState<HelpDeskAction | null>(null);
  const name = `${person.firstName} ${person.lastName}`;
  const action = useMutation({
    mutationFn: (chosen: HelpDeskAction) => takeAction(person.id, chosen),
    onSuccess: (updated, chosen) => {
      setAsking(null);
      onDone(updated, t(ACTION_TEXT[chosen].done, { name }));
    },
  });

  return (
    <section aria-labelledby="account-actions">
      <h2 id="account-actions">{t('helpDesk.actions.heading')}</h2>
      {person.allowedActions.length === 0 ? (
        <p>{t('helpDesk.actions.none')}</p>
      ) : asking ? (
        <ConfirmBox
          id={`action-${asking}`}
          question={t(ACTION_TEXT[asking].question, { name, userId: person.userId })}
          effect={t(ACTION_TEXT[asking].effect, { email: person.email })}
          confirmLabel={t(ACTION_TEXT[asking].button)}
          pendingLabel={t('common.saving')}
          pending={action.isPending}
          error={action.error}
          onConfirm={() => action.mutate(asking)}
          onCancel={() => {
            action.reset();
            setAsking(null);
          }}
        />
      ) : (
        <ButtonGroup>
          {person.allowedActions.map((allowed) => (
            <Button key={allowed} type="button" outline onClick={() => setAsking(allowed)}>
              {t(ACTION_TEXT[allowed].button)}
            </Button>
          ))}
        </ButtonGroup>
      )}
    </section>
  );
}
