import { Alert } from '@trussworks/react-uswds';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { FormCheckError } from './form-errors';

interface Props {
  error: unknown;
  /** Words for an error that is not the server's, e.g. the browser's own refusal. */
  message?: string;
  id?: string;
}

/**
 * The server's answer to a failed form, in an error alert that takes focus when it appears, so
 * screen-reader and keyboard users hear it and start from it.
 */
export function ErrorAlert({ error, message, id }: Props) {
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
      </Alert>
    </div>
  );
}
