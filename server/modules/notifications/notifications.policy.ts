import type { Config } from '../../config/config.js';
import type { User } from '../accounts/accounts.service.js';

/**
 * The mail viewer shows every undelivered message, reset links included, so it exists only
 * where the configuration turns it on (development by default, never by default in production),
 * and only administrators may read it.
 */
export function mayReadOutbox(config: Config, user: User | undefined): boolean {
  return config.mailViewer && user?.isAdministrator === true && user.status === 'active';
}
