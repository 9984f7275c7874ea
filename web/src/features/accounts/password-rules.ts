import { hasErrorCode } from '../../api/client';

/** The password rules in the order the page lists them, named as the server names violations. */
export const passwordRules = [
  'length',
  'uppercase',
  'lowercase',
  'digit',
  'contains_user_id',
  'contains_name',
  'reused',
  'common',
] as const;
export type PasswordRule = (typeof passwordRules)[number];

/** The rules a `password.rejected` answer says the password breaks; none for any other answer. */
export function passwordViolations(error: unknown): PasswordRule[] {
  if (!hasErrorCode(error, 'password.rejected')) return [];
  const violations = error.details?.violations;
  if (!Array.isArray(violations)) return [];
  return passwordRules.filter((rule) => violations.includes(rule));
}
