import { Alert } from '@trussworks/react-uswds';
import { useEffect, useRef, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { FormCheckError } from './form-errors';

/** A field the browser found wrong: the summary links to it. */
export interface FieldProblem {
  fieldId: string;
  message: string;
}

interface Props {
  error: unknown;
  /** With a form the browser refused to send: each field to fix, linked from the summary. */
  problems?: readonly FieldProblem[];
  /** Words for an error that is not the server's, e.g. the browser's own refusal. */
  message?: string;
  id?: string;
}

/**
 * The server's answer to a failed form, in an error alert that takes focus when it appears, so
 * screen-reader and keyboard users hear it and start from it.
 */
export function ErrorAlert({ error, message, id, problems }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);
  if (!error) return null;
  const text =
    message ??
    (error instanceof FormCheckError ? t('errors.checkFields') : isApiError(error) ? error.message : t('errors.network'));
  return (
    <div ref={ref} id={id} tabIndex={-1} className="rc-focus-target">
      <Alert type="error" headingLevel="h2" heading={t('errors.formHeading')} role="alert">
        {text}
        {problems && problems.length > 0 ? (
          <ul className="usa-list rc-error-summary">
            {problems.map((problem) => (
              <li key={problem.fieldId}>
                <a className="usa-link" href={`#${problem.fieldId}`} onClick={(event) => focusField(event, problem.fieldId)}>
                  {problem.message}
                </a>
              </li>
            ))}
          </ul>
        ) : null}
      </Alert>
    </div>
  );
}

/** Following a summary link puts the cursor in the field, not only the page at it. */
function focusField(event: MouseEvent<HTMLAnchorElement>, fieldId: string): void {
  // A group of choices has no element of its own id: its first choice's id starts with it (as
  // does its error message's, which comes first and is no place for the cursor).
  const field =
    document.getElementById(fieldId) ??
    document.querySelector<HTMLElement>(`input[id^="${fieldId}-"], select[id^="${fieldId}-"], textarea[id^="${fieldId}-"]`);
  if (!field) return;
  event.preventDefault();
  field.focus();
  field.scrollIntoView({ block: 'center' });
}
