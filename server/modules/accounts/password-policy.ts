import { isCommonPassword } from './common-passwords.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-limits.js';

/** The rules a new password can break, as the API names them in `details.violations`. */
export type PasswordViolation =
  'length' | 'uppercase' | 'lowercase' | 'digit' | 'contains_user_id' | 'contains_name' | 'reused' | 'common';

export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-limits.js';

export interface PasswordOwner {
  userId: string;
  firstName: string;
  lastName: string;
}

/**
 * The rules a password can be checked against without the database: length, character classes,
 * the owner's user ID and names, the common list. Reuse is checked against the stored history
 * by the caller. Every violation is reported, so the page can mark each failing rule at once.
 */
export function passwordViolations(password: string, owner: PasswordOwner): PasswordViolation[] {
  const violations: PasswordViolation[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) violations.push('length');
  if (!/\p{Lu}/u.test(password)) violations.push('uppercase');
  if (!/\p{Ll}/u.test(password)) violations.push('lowercase');
  if (!/\p{Nd}/u.test(password)) violations.push('digit');
  const lowered = password.toLowerCase();
  if (containsIgnoringCase(lowered, owner.userId)) violations.push('contains_user_id');
  if (containsIgnoringCase(lowered, owner.firstName) || containsIgnoringCase(lowered, owner.lastName))
    violations.push('contains_name');
  if (isCommonPassword(password)) violations.push('common');
  return violations;
}

function containsIgnoringCase(loweredPassword: string, part: string): boolean {
  const needle = part.trim().toLowerCase();
  // A one-letter name would forbid half the alphabet; names that short are not checked.
  return needle.length >= 2 && loweredPassword.includes(needle);
}
