import { Button, ButtonGroup, Form } from '@trussworks/react-uswds';
import type { ReactNode } from 'react';
import { ErrorAlert, type FieldProblem } from '../../components/ErrorAlert';
import { ConfirmBox } from './ConfirmBox';
import type { useConfirmedSubmit } from './use-confirmed-submit';

/** What the page says at each step of publishing the next version. */
export interface PublishWords {
  startFromCurrent: string;
  submit: string;
  submitting: string;
  confirmQuestion: string;
  confirmEffect: string;
  confirm: string;
}

interface Props {
  /** Names the submit button and the question box. */
  id: string;
  words: PublishWords;
  confirmed: ReturnType<typeof useConfirmedSubmit>;
  alert: { error: unknown; message?: string; problems?: FieldProblem[] };
  pending: boolean;
  /** Fills the fields with the current version's text; absent before the first version. */
  onStartFromCurrent?: () => void;
  /** The version's fields. */
  children: ReactNode;
}

/**
 * Publishing a new version of a text everyone must accept again (terms, the certification
 * acknowledgement): the fields, an offer to start from the current text, and a question asked
 * before it is published.
 */
export function PublishVersionForm({ id, words, confirmed, alert, pending, onStartFromCurrent, children }: Props) {
  const submitId = `${id}-submit`;
  return (
    <>
      {confirmed.stale ? null : <ErrorAlert error={alert.error} message={alert.message} problems={alert.problems} />}
      <Form ref={confirmed.formRef} onSubmit={confirmed.onSubmit} noValidate large className="rc-admin-console__wide-form">
        {onStartFromCurrent ? (
          <Button type="button" outline onClick={onStartFromCurrent}>
            {words.startFromCurrent}
          </Button>
        ) : null}
        {children}
        <ButtonGroup>
          <Button type="submit" id={submitId} disabled={pending || confirmed.confirming}>
            {pending ? words.submitting : words.submit}
          </Button>
        </ButtonGroup>
        {confirmed.confirming ? (
          <ConfirmBox
            id={`${id}-confirm`}
            question={words.confirmQuestion}
            effect={words.confirmEffect}
            confirmLabel={words.confirm}
            pendingLabel={words.submitting}
            pending={pending}
            error={null}
            onConfirm={confirmed.confirm}
            onCancel={confirmed.cancel}
          />
        ) : null}
      </Form>
    </>
  );
}
