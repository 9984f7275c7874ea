import type { Config } from '../../config/config.js';
import type { Actor } from '../../shared/actor.js';

/**
 * The mail viewer shows every undelivered message, reset links included, so it exists only
 * where the configuration turns it on (development by default, never by default in production).
 */
export function mayReadOutbox(config: Config, _actor: Actor): boolean {
  return config.mailViewer;
}
