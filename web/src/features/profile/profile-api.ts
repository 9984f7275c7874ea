import type { Static } from 'typebox';
import type * as schemas from '../../../../server/modules/accounts/accounts.schemas.js';
import type * as sessionSchemas from '../../../../server/modules/sessions/sessions.schemas.js';
import { apiDelete, apiGet, apiPatch, apiPost } from '../../api/client';

/** My Profile, as the server describes it (typed from its schemas). */
export type Profile = Static<typeof schemas.Profile>;
export type ProfilePatch = Static<typeof schemas.ProfilePatchBody>;

export type OpenSession = Static<typeof sessionSchemas.SessionListItem>;

export const profileQueryKey = ['me'] as const;
export const sessionsQueryKey = ['me', 'sessions'] as const;

export function fetchProfile(signal?: AbortSignal): Promise<Profile> {
  return apiGet<Profile>('/me', undefined, signal);
}

export function updateProfile(patch: ProfilePatch): Promise<Profile> {
  return apiPatch<Profile>('/me', patch);
}

export function requestEmailChange(email: string): Promise<{ pendingEmail: string }> {
  return apiPost<{ pendingEmail: string }>('/me/email', { email });
}

export function confirmEmailChange(token: string): Promise<Profile> {
  return apiPost<Profile>('/me/email/verify', { token });
}

export function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  return apiPost<void>('/me/password', { currentPassword, newPassword });
}

export function fetchOpenSessions(signal?: AbortSignal): Promise<{ items: OpenSession[] }> {
  return apiGet<{ items: OpenSession[] }>('/me/sessions', undefined, signal);
}

export function endOpenSession(id: string): Promise<void> {
  return apiDelete(`/me/sessions/${encodeURIComponent(id)}`);
}
