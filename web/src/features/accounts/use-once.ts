import { useEffect, useRef } from 'react';

/**
 * Runs `action` once for each distinct key while the page shows: an emailed link's token is
 * spent by its first use, so asking twice (as React's development checks would) must not happen.
 */
export function useOnce(key: string, action: () => void): void {
  const done = useRef<string | undefined>(undefined);
  const latest = useRef(action);
  latest.current = action;
  useEffect(() => {
    if (done.current === key) return;
    done.current = key;
    latest.current();
  }, [key]);
}
