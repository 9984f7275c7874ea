import { useRef, useState, type FormEvent } from 'react';

/**
 * A form whose sending is asked about first: a submit that passes the browser's check opens the
 * question instead of sending; "yes" submits the form again, which then goes through. A submit
 * with faults goes straight to the form, which shows them.
 */
export function useConfirmedSubmit(options: {
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  /** Whether the browser's check finds nothing wrong with the draft now. */
  passesCheck: () => boolean;
  /** The button that asked, given the focus back when the question is cancelled. */
  submitId: string;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const confirmed = useRef(false);
  const [confirming, setConfirming] = useState(false);
  // The form's faults and refusal describe the draft it last checked: once the draft passes the
  // check here, they describe an older draft and are not shown.
  const [stale, setStale] = useState(false);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    if (confirmed.current || !options.passesCheck()) {
      confirmed.current = false;
      setConfirming(false);
      setStale(false);
      options.onSubmit(event);
      return;
    }
    event.preventDefault();
    setStale(true);
    setConfirming(true);
  };

  return {
    formRef,
    onSubmit,
    confirming,
    /** Whether what the form last said about its draft no longer applies. */
    stale,
    confirm: () => {
      confirmed.current = true;
      formRef.current?.requestSubmit();
    },
    cancel: () => {
      setConfirming(false);
      document.getElementById(options.submitId)?.focus();
    },
  };
}
