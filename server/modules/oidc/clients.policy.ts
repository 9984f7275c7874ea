import type { Caller } from '../../shared/actor.js';

/** Only administrators register, list, re-key and remove the applications' clients. */
export function mayManageClients(caller: Caller): boolean {
  return caller.isAdministrator;
}
