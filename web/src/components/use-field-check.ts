import { useMemo, useState } from 'react';
import { FormCheckError } from './form-errors';

export interface FieldCheck {
  /** The field's message while the check has failed, in the page's current language. */
  error: string | undefined;
  /** The form's alert while the check has failed: one per failure, so typing never refocuses it. */
  alert: FormCheckError | undefined;
  fail: () => void;
  clear: () => void;
}

/**
 * A one-field form's own check before sending. It keeps whether the check failed, not its words,
 * so the message follows a change of language; `message` is the words in the current one.
 */
export function useFieldCheck(message: string): FieldCheck {
  const [failed, setFailed] = useState(false);
  const alert = useMemo(() => (failed ? new FormCheckError() : undefined), [failed]);
  return { error: failed ? message : undefined, alert, fail: () => setFailed(true), clear: () => setFailed(false) };
}
