import type { User } from '../accounts/accounts.service.js';

/**
 * The mail viewer shows every undelivered message, reset links included, so it exists only
 * where the configuration turns it on (development by default, never by default in production),
 * and only administrators may read it.
 */
export function mayReadOutbox(mailViewer: boolean, user: Pick<User, 'isAdministrator' | 'status'> | undefined): boolean {
  return mailViewer && user?.isAdministrator === true && user.status === 'active';
}
