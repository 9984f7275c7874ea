import { useEffect, useRef } from 'react';

/**
 * A page made of steps keeps one h1 that names the current step; when the step changes, focus
 * moves to it, so screen-reader and keyboard users start the new step from its top.
 */
export function useStepHeading<T extends HTMLElement = HTMLHeadingElement>(step: string) {
  const ref = useRef<T>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    ref.current?.focus();
  }, [step]);
  return ref;
}
