import type { Caller } from '../../shared/actor.js';

/** Only administrators change the catalog, or read it whole: applications, roles and their policies. */
export function mayManageCatalog(caller: Caller): boolean {
  return caller.isAdministrator;
}
