import { apiGet, apiPost, apiRequest, type Page } from '../../api/client';

export type Location = 'FL' | 'PR' | 'USVI';
export type LineOfBusiness = 'part_a' | 'part_b' | 'part_a_and_b';
export type FormKind = 'new_organization' | 'update';
export type FormStatus = 'submitted' | 'returned' | 'approved' | 'rejected' | 'withdrawn';
export type ReviewDecision = 'approve' | 'return' | 'reject';

export const locations: readonly Location[] = ['FL', 'PR', 'USVI'];
export const linesOfBusiness: readonly LineOfBusiness[] = ['part_a', 'part_b', 'part_a_and_b'];
/** The most backup approvers an organization may have on file. */
export const maxBackupApprovers = 3;

export interface Address {
  line1: string;
  line2?: string;
  city: string;
  state: string;
  zip: string;
}

export interface Person {
  firstName: string;
  lastName: string;
  email: string;
}

export interface Contact {
  name: string;
  email: string;
  phone: string;
}

/** What an update request may change, and what every form holds: the records on file. */
export interface OrganizationDetails {
  address: Address;
  phone: string;
  fax: string | null;
  contact: Contact;
  approver: Person;
  backupApprovers: Person[];
}

/** The organization's own fields on a new-organization form; the TIN goes only one way, in. */
export interface NewOrganization extends OrganizationDetails {
  legalName: string;
  tin: string;
  groupNpi: string;
  ptan: string;
  lineOfBusiness: LineOfBusiness;
  location: Location;
}

export interface ApplicationRef {
  id: string;
  code: string;
  name: string;
}

export interface FormData extends OrganizationDetails {
  legalName?: string;
  groupNpi?: string;
  ptan?: string;
  lineOfBusiness?: LineOfBusiness;
  location?: Location;
}

export interface OrganizationForm {
  id: string;
  trackingNumber: string;
  kind: FormKind;
  status: FormStatus;
  application: ApplicationRef;
  organization: { id: string; submitterId: string; legalName: string } | null;
  data: FormData;
  /** Only the last digits of the TIN: the server never answers with more. */
  maskedTin: string | null;
  /** For an update request, the records on file now. */
  onFile: OrganizationDetails | null;
  submittedBy: { id: string; userId: string; firstName: string; lastName: string; email: string };
  signatureName: string;
  signedAt: string;
  reviewReason: string | null;
  reviewedAt: string | null;
  issuedSubmitterId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface OrganizationRecords extends OrganizationDetails {
  id: string;
  application: ApplicationRef;
  submitterId: string;
  legalName: string;
  maskedTin: string;
  groupNpi: string | null;
  ptan: string | null;
  lineOfBusiness: string | null;
  location: string | null;
  status: string;
  orphaned: boolean;
  mayRequestUpdate: boolean;
}

export interface Application {
  id: string;
  code: string;
  name: string;
  status: string;
}

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

export function submitNewForm(body: {
  applicationCode: string;
  organization: NewOrganization;
  signatureName: string;
}): Promise<OrganizationForm> {
  return apiPost<OrganizationForm>('/organization-forms', body);
}

export function fetchMyForms(cursor: string | null, signal?: AbortSignal): Promise<Page<OrganizationForm>> {
  return apiGet<Page<OrganizationForm>>('/me/organization-forms', { cursor }, signal);
}

export function fetchForm(id: string, signal?: AbortSignal): Promise<OrganizationForm> {
  return apiGet<OrganizationForm>(formPath(id), undefined, signal);
}

export function resubmitForm(
  id: string,
  body: { organization?: NewOrganization; changes?: OrganizationDetails; signatureName: string },
): Promise<OrganizationForm> {
  return apiRequest<OrganizationForm>(formPath(id), { method: 'PUT', body });
}

export function withdrawForm(id: string): Promise<OrganizationForm> {
  return apiPost<OrganizationForm>(`${formPath(id)}/withdraw`);
}

export function fetchQueue(cursor: string | null, signal?: AbortSignal): Promise<Page<OrganizationForm>> {
  return apiGet<Page<OrganizationForm>>('/help-desk/organization-forms', { cursor }, signal);
}

export function reviewForm(id: string, body: { decision: ReviewDecision; reason?: string }): Promise<OrganizationForm> {
  return apiPost<OrganizationForm>(`${formPath(id)}/review`, body);
}

export function fetchMyOrganizations(signal?: AbortSignal): Promise<{ items: OrganizationRecords[] }> {
  return apiGet<{ items: OrganizationRecords[] }>('/me/organizations', undefined, signal);
}

export function fetchOrganization(id: string, signal?: AbortSignal): Promise<OrganizationRecords> {
  return apiGet<OrganizationRecords>(`/organizations/${encodeURIComponent(id)}`, undefined, signal);
}

export function requestUpdate(
  organizationId: string,
  body: { changes: OrganizationDetails; signatureName: string },
): Promise<OrganizationForm> {
  return apiPost<OrganizationForm>(`/organizations/${encodeURIComponent(organizationId)}/update-requests`, body);
}
