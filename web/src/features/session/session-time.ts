/** Whole minutes and seconds left, never below zero. */
export function splitRemaining(ms: number): { minutes: number; seconds: number } {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return { minutes: Math.floor(total / 60), seconds: total % 60 };
}

/** `9:05`: the visible countdown. */
export function formatCountdown(ms: number): string {
  const { minutes, seconds } = splitRemaining(ms);
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

/**
 * The time left rounded up to a 30-second step: what a screen reader hears, so a live region
 * changes (and speaks) at most every 30 seconds rather than every second.
 */
export function announcedRemaining(ms: number): { minutes: number; seconds: number } {
  const steps = Math.ceil(Math.max(0, ms) / 30_000);
  return splitRemaining(steps * 30_000);
}
