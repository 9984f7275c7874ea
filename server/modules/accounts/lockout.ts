import { toTimestamp } from '../../shared/time.js';
import type { User } from './accounts.repository.js';

/** Too many failed sign-ins lock a user ID until `lockedUntil`; a reset or the help desk unlocks it sooner. */
export function isLockedAt(user: Pick<User, 'lockedUntil'>, now: Date): boolean {
  return user.lockedUntil !== null && user.lockedUntil > toTimestamp(now);
}
