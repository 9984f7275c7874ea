import type { Transaction } from 'kysely';
import type { AccountPolicy } from '../../config/config.js';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { newId } from '../../shared/ids.js';
import { addMilliseconds, toTimestamp } from '../../shared/time.js';
import { insertPasswordHistory, listRecentPasswordHashes, updateUser, type User } from './accounts.repository.js';
import { hashPassword, verifyPassword } from './password-hashing.js';
import { passwordViolations, type PasswordOwner } from './password-policy.js';

/**
 * Checks a new password against every rule, the history included, and throws
 * `password.rejected` naming each rule it breaks.
 */
/** The rules a password of a new account must meet: no history to check it against yet. */
export function assertNewPasswordAllowed(password: string, owner: PasswordOwner): void {
  const violations = passwordViolations(password, owner);
  if (violations.length > 0) throw new AppError('password.rejected', { violations });
}

export async function assertPasswordAllowed(
  trx: Transaction<DB>,
  policy: AccountPolicy,
  password: string,
  owner: PasswordOwner & { id?: string },
): Promise<void> {
  const violations = passwordViolations(password, owner);
  if (owner.id !== undefined && !violations.includes('length')) {
    const recent = await listRecentPasswordHashes(trx, owner.id, policy.passwordHistory);
    for (const storedHash of recent) {
      if (await verifyPassword(storedHash, password)) {
        violations.push('reused');
        break;
      }
    }
  }
  if (violations.length > 0) throw new AppError('password.rejected', { violations });
}

/** Refuses a second change within the minimum age (a reset by email is not limited). */
export function assertPasswordOldEnough(policy: AccountPolicy, user: User, now: Date): void {
  if (!user.passwordChangedAt || policy.passwordMinAgeHours === 0) return;
  const allowedFrom = addMilliseconds(new Date(user.passwordChangedAt), policy.passwordMinAgeHours * 3_600_000);
  if (now < allowedFrom) throw new AppError('password.changed_recently', { allowedFrom: toTimestamp(allowedFrom) });
}

/** Stores a new password hash and remembers it in the history. */
export async function storePassword(trx: Transaction<DB>, userId: string, password: string, now: Date): Promise<void> {
  const passwordHash = await hashPassword(password);
  const at = toTimestamp(now);
  await updateUser(trx, userId, { password_hash: passwordHash, password_changed_at: at, updated_at: at });
  await insertPasswordHistory(trx, { id: newId(now), userId, passwordHash, now: at });
}
