import type { Caller } from '../../shared/actor.js';

/**
 * Whose audit entries a person may read: administrators every entry; the help desk the entries
 * about its applications (roles, requests, organizations, certifications, sign-ins to them);
 * anyone else none. Null: none.
 */
export function auditScopeOf(
  caller: Caller,
  helpDeskApplicationIds: readonly string[],
): { all: true } | { applicationIds: readonly string[] } | null {
  if (caller.isAdministrator) return { all: true };
  return helpDeskApplicationIds.length > 0 ? { applicationIds: helpDeskApplicationIds } : null;
}

/** Only administrators verify the whole chain: it speaks of every entry. */
export function mayVerifyAudit(caller: Caller): boolean {
  return caller.isAdministrator;
}
