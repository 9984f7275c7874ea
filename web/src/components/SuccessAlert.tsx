import { Alert } from '@trussworks/react-uswds';
import { useEffect, useRef } from 'react';

/**
 * A success message that takes focus when it appears or changes: after the form or control that
 * was used goes away, focus starts again from what happened.
 */
export function SuccessAlert({ message, focus = true }: { message: string; focus?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [message, focus]);
  return (
    <div ref={ref} tabIndex={-1} className="rc-focus-target">
      <Alert type="success" headingLevel="h2" slim role="status">
        {message}
      </Alert>
    </div>
  );
}
