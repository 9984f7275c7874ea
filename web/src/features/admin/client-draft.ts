import type { FieldFault } from './use-admin-form';
import type { ClientKind, NewClient } from './clients-api';
import { refusedField } from './refused-field';

/** The registration form as typed: addresses one per line, the minutes as text. */
export interface ClientDraft {
  applicationCode: string;
  name: string;
  kind: ClientKind | undefined;
  redirectUris: string;
  postLogoutRedirectUris: string;
  mfaMaxAgeMinutes: string;
}

export type ClientField = keyof ClientDraft;

export type DraftFaults = Partial<Record<ClientField, FieldFault>>;

export const emptyDraft: ClientDraft = {
  applicationCode: '',
  name: '',
  kind: undefined,
  redirectUris: '',
  postLogoutRedirectUris: '',
  mfaMaxAgeMinutes: '',
};

/** The server's limit on how long ago MFA may have been done: a day. */
export const mfaMinutesLimit = 1440;

const clientFields: readonly ClientField[] = [
  'applicationCode',
  'name',
  'kind',
  'redirectUris',
  'postLogoutRedirectUris',
  'mfaMaxAgeMinutes',
];

/** The addresses of a text area, one a line, blank lines left out. */
export function linesOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/**
 * What the browser can tell before sending: what is missing, and minutes that are not a whole
 * number in range. Whether the addresses are acceptable is the server's to say (it alone knows
 * its rules for them), so they are not judged here.
 */
export function checkDraft(draft: ClientDraft): DraftFaults {
  const faults: DraftFaults = {};
  if (draft.applicationCode === '') faults.applicationCode = 'missing';
  if (draft.name.trim() === '') faults.name = 'missing';
  if (!draft.kind) faults.kind = 'missing';
  if (draft.kind === 'web') {
    if (linesOf(draft.redirectUris).length === 0) faults.redirectUris = 'missing';
    const minutes = draft.mfaMaxAgeMinutes.trim();
    if (minutes !== '' && !isMinutes(minutes)) faults.mfaMaxAgeMinutes = 'invalid';
  }
  return faults;
}

function isMinutes(text: string): boolean {
  if (!/^\d+$/.test(text)) return false;
  const minutes = Number(text);
  return minutes >= 1 && minutes <= mfaMinutesLimit;
}

/** The request for a checked draft; a back end signs no one in, so it sends no addresses. */
export function toNewClient(draft: ClientDraft & { kind: ClientKind }): NewClient {
  const base = { applicationCode: draft.applicationCode, name: draft.name.trim(), kind: draft.kind };
  if (draft.kind === 'service') return base;
  const minutes = draft.mfaMaxAgeMinutes.trim();
  return {
    ...base,
    redirectUris: linesOf(draft.redirectUris),
    postLogoutRedirectUris: linesOf(draft.postLogoutRedirectUris),
    mfaMaxAgeMinutes: minutes === '' ? null : Number(minutes),
  };
}

/** The field the server refused, if it named one of the form's. */
export function fieldRefused(error: unknown): ClientField | undefined {
  return refusedField(error, 'oidc_client.invalid', clientFields);
}
