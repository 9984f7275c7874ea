import type { Static } from 'typebox';
import type { ApplicationSchema } from '../../../../server/modules/catalog/catalog.schemas.js';
import type * as schemas from '../../../../server/modules/organization-forms/organization-forms.schemas.js';
import { apiGet, apiPost, apiRequest } from '../../api/client';

/*
 * The organization forms and records as the server describes them, typed from the server's own
 * schemas: a change there that this app does not follow fails the web type check.
 */
export type OrganizationForm = Static<typeof schemas.FormViewSchema>;
export type FormPage = Static<typeof schemas.FormPage>;
export type OrganizationRecords = Static<typeof schemas.OrganizationRecordsSchema>;
type OrganizationRecordsList = Static<typeof schemas.OrganizationRecordsList>;
/** What the form asks for; a new-organization form also names the organization (never its TIN). */
export type FormData = OrganizationForm['data'];
/** What an update request may change, and what every form holds: the records on file. */
export type OrganizationDetails = NonNullable<OrganizationForm['onFile']>;
export type Address = OrganizationDetails['address'];
export type Person = OrganizationDetails['approver'];
export type Contact = OrganizationDetails['contact'];
export type ApplicationRef = OrganizationForm['application'];
export type FormKind = OrganizationForm['kind'];
export type FormStatus = OrganizationForm['status'];

type NewFormBody = Static<typeof schemas.NewFormBody>;
type UpdateFormBody = Static<typeof schemas.UpdateFormBody>;
type ResubmitBody = Static<typeof schemas.ResubmitBody>;
type ReviewBody = Static<typeof schemas.ReviewBody>;
/** The organization's own fields on a new-organization form; the TIN goes only one way, in. */
export type NewOrganization = NewFormBody['organization'];
export type Location = NewOrganization['location'];
export type LineOfBusiness = NewOrganization['lineOfBusiness'];
export type ReviewDecision = ReviewBody['decision'];

export const locations: readonly Location[] = ['FL', 'PR', 'USVI'];
export const linesOfBusiness: readonly LineOfBusiness[] = ['part_a', 'part_b', 'part_a_and_b'];
/** The most backup approvers an organization may have on file. */
export const maxBackupApprovers = 3;

/** The forms read only these fields of each application `GET /applications` lists. */
export type Application = Pick<Static<typeof ApplicationSchema>, 'id' | 'code' | 'name' | 'status'>;

export const organizationFormsKey = ['organization-forms'] as const;
export const myFormsKey = [...organizationFormsKey, 'mine'] as const;
export const formKey = (id: string) => [...organizationFormsKey, 'form', id] as const;
export const queueKey = [...organizationFormsKey, 'help-desk'] as const;
export const myOrganizationsKey = ['organizations', 'mine'] as const;
export const organizationKey = (id: string) => ['organizations', id] as const;
export const applicationsKey = ['applications'] as const;

const formPath = (id: string) => `/organization-forms/${encodeURIComponent(id)}`;

export function fetchApplications(signal?: AbortSignal): Promise<{ items: Application[] }> {
  return apiGet<{ items: Application[] }>('/applications', undefined, signal);
}

export function submitNewForm(body: NewFormBody): Promise<OrganizationForm> {
  return apiPost<OrganizationForm>('/organization-forms', body);
}

export function fetchMyForms(cursor: string | null, signal?: AbortSignal): Promise<FormPage> {
  return apiGet<FormPage>('/me/organization-forms', { cursor }, signal);
}

export function fetchForm(id: string, signal?: AbortSignal): Promise<OrganizationForm> {
  return apiGet<OrganizationForm>(formPath(id), undefined, signal);
}

export function resubmitForm(id: string, body: ResubmitBody): Promise<OrganizationForm> {
  return apiRequest<OrganizationForm>(formPath(id), { method: 'PUT', body });
}

export function withdrawForm(id: string): Promise<OrganizationForm> {
  return apiPost<OrganizationForm>(`${formPath(id)}/withdraw`);
}

export function fetchQueue(cursor: string | null, signal?: AbortSignal): Promise<FormPage> {
  return apiGet<FormPage>('/help-desk/organization-forms', { cursor }, signal);
}

export function reviewForm(id: string, body: ReviewBody): Promise<OrganizationForm> {
  return apiPost<OrganizationForm>(`${formPath(id)}/review`, body);
}

export function fetchMyOrganizations(signal?: AbortSignal): Promise<OrganizationRecordsList> {
  return apiGet<OrganizationRecordsList>('/me/organizations', undefined, signal);
}

export function fetchOrganization(id: string, signal?: AbortSignal): Promise<OrganizationRecords> {
  return apiGet<OrganizationRecords>(`/organizations/${encodeURIComponent(id)}`, undefined, signal);
}

export function requestUpdate(organizationId: string, body: UpdateFormBody): Promise<OrganizationForm> {
  return apiPost<OrganizationForm>(`/organizations/${encodeURIComponent(organizationId)}/update-requests`, body);
}
