import type { Static } from 'typebox';
import type { OrphanPage, PeopleFound, PersonDetail } from '../../../../server/modules/help-desk/help-desk.schemas.js';
import { apiGet, apiPost } from '../../api/client';

/*
 * The help desk console's answers as the server describes them (type-only imports of its
 * schemas), so a change there that this app does not follow fails the web type check.
 */
export type PersonHit = Static<typeof PeopleFound>['people'][number];
export type Person = Static<typeof PersonDetail>;
export type HelpDeskAction = Person['allowedActions'][number];
export type SignInAttempt = Person['signIns'][number];
export type Orphan = Static<typeof OrphanPage>['items'][number];

export const helpDeskKey = ['help-desk'] as const;
export const peopleKey = (q: string) => [...helpDeskKey, 'people', q] as const;
export const personKey = (id: string) => [...helpDeskKey, 'person', id] as const;
export const orphansKey = [...helpDeskKey, 'orphans'] as const;

export function searchPeople(q: string, signal?: AbortSignal): Promise<Static<typeof PeopleFound>> {
  return apiGet('/help-desk/users', { q }, signal);
}

export function fetchPerson(id: string, signal?: AbortSignal): Promise<Person> {
  return apiGet(`/help-desk/users/${encodeURIComponent(id)}`, undefined, signal);
}

/** Each account action answers the person as they are after it. */
const ACTION_PATHS: Record<HelpDeskAction, string> = {
  unlock: 'unlock',
  reset_mfa: 'mfa-reset',
  resend_verification: 'verification-email',
};

export function takeAction(id: string, action: HelpDeskAction): Promise<Person> {
  return apiPost(`/help-desk/users/${encodeURIComponent(id)}/${ACTION_PATHS[action]}`, {});
}

export function fetchOrphans(cursor: string | null, signal?: AbortSignal): Promise<Static<typeof OrphanPage>> {
  return apiGet('/help-desk/orphan-organizations', { cursor: cursor ?? undefined, limit: 25 }, signal);
}
