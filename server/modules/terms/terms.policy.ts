import type { Caller } from '../../shared/actor.js';

/** Only administrators publish a new version of the terms: everyone accepts it at their next sign-in. */
export function mayPublishTerms(caller: Caller): boolean {
  return caller.isAdministrator;
}

/** Only administrators read every version published, with how many people accepted each. */
export function mayReadTermsVersions(caller: Caller): boolean {
  return caller.isAdministrator;
}
