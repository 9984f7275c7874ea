/*
 * Whether a role looks unused, for the person who certifies it: never signed in to its
 * application through Rolecall, or not for a long time.
 */

export type UsageFlag = 'never_used' | 'unused';

export interface Usage {
  /** When the holder last signed in to the role's application through Rolecall, if ever. */
  readonly lastSignInAt: string | null;
  /** Whole days since then, by the server's clock (null: never). */
  readonly daysSince: number | null;
  /** `never_used`: no sign-in on record; `unused`: none for `unusedDays`; null: in use. */
  readonly flag: UsageFlag | null;
  /** How many days without a sign-in flag a role unused (the program's setting). */
  readonly unusedDays: number;
}

const DAY_MS = 86_400_000;

export function usageOf(lastSignInAt: string | null, now: Date, unusedDays: number): Usage {
  if (lastSignInAt === null) return { lastSignInAt, daysSince: null, flag: 'never_used', unusedDays };
  const idleMs = Math.max(0, now.getTime() - Date.parse(lastSignInAt));
  return {
    lastSignInAt,
    daysSince: Math.floor(idleMs / DAY_MS),
    flag: idleMs >= unusedDays * DAY_MS ? 'unused' : null,
    unusedDays,
  };
}
