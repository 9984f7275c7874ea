import type { Caller } from '../../shared/actor.js';

/** Only administrators subscribe applications to webhooks, read their delivery log and replay. */
export function mayManageWebhooks(caller: Caller): boolean {
  return caller.isAdministrator;
}
