import type { Static } from 'typebox';
import type { HelpDeskStaffList as HelpDeskStaffListSchema } from '../../../../server/modules/assignments/help-desk.schemas.js';
import type { GrantedSchema, HelpDeskBody } from '../../../../server/modules/assignments/assignments.schemas.js';
import type { CatalogDocument as CatalogDocumentSchema } from '../../../../server/modules/catalog/catalog-document.js';
import type {
  CatalogChanges as CatalogChangesSchema,
  CatalogPreview as CatalogPreviewSchema,
  RolePolicyPatch as RolePolicyPatchSchema,
  RoleSchema,
} from '../../../../server/modules/catalog/catalog.schemas.js';
import type {
  AcknowledgementSchema,
  AcknowledgementVersionList as AcknowledgementVersionListSchema,
  PublishAcknowledgementBody,
} from '../../../../server/modules/certification/certification.schemas.js';
import type { ConfigurationSchema } from '../../../../server/modules/system/configuration.schemas.js';
import type {
  CurrentTerms,
  PublishBody as PublishTermsBody,
  TermsVersionList as TermsVersionListSchema,
} from '../../../../server/modules/terms/terms.schemas.js';
import { apiGet, apiPatch, apiPost, apiRequest } from '../../api/client';

/*
 * The administration console's calls, typed from the server's own schemas (type-only imports:
 * nothing of the server reaches the bundle).
 */
export type CatalogDocument = Static<typeof CatalogDocumentSchema>;
export type RolePolicy = CatalogDocument['applications'][number]['roles'][number];
export type CatalogPreview = Static<typeof CatalogPreviewSchema>;
export type ApplicationDiff = CatalogPreview['applications'][number];
export type RoleDiff = ApplicationDiff['roles'][number];
export type FieldChange = RoleDiff['fields'][number];
export type CatalogChanges = Static<typeof CatalogChangesSchema>;
export type RolePolicyPatch = Static<typeof RolePolicyPatchSchema>;
export type Role = Static<typeof RoleSchema>;
export type TermsVersionList = Static<typeof TermsVersionListSchema>;
export type TermsVersion = TermsVersionList['items'][number];
export type NewTerms = Static<typeof PublishTermsBody>;
export type PublishedTerms = Static<typeof CurrentTerms>;
export type AcknowledgementVersionList = Static<typeof AcknowledgementVersionListSchema>;
export type AcknowledgementVersion = AcknowledgementVersionList['items'][number];
export type NewAcknowledgement = Static<typeof PublishAcknowledgementBody>;
export type PublishedAcknowledgement = Static<typeof AcknowledgementSchema>;
export type HelpDeskStaffList = Static<typeof HelpDeskStaffListSchema>;
export type HelpDeskStaff = HelpDeskStaffList['items'][number];
export type NewHelpDesk = Static<typeof HelpDeskBody>;
export type Granted = Static<typeof GrantedSchema>;
export type Configuration = Static<typeof ConfigurationSchema>;

export const catalogQueryKey = ['admin', 'catalog'] as const;
export const termsVersionsQueryKey = ['admin', 'terms'] as const;
export const acknowledgementVersionsQueryKey = ['admin', 'acknowledgement'] as const;
export const helpDeskStaffQueryKey = ['admin', 'help-desk'] as const;
export const configurationQueryKey = ['admin', 'configuration'] as const;

export function fetchCatalog(signal?: AbortSignal): Promise<CatalogDocument> {
  return apiGet<CatalogDocument>('/admin/catalog', undefined, signal);
}

/** What applying the document would change; nothing changes yet. */
export function previewCatalog(document: unknown): Promise<CatalogPreview> {
  return apiPost<CatalogPreview>('/admin/catalog/preview', document);
}

export function applyCatalog(document: unknown): Promise<CatalogChanges> {
  return apiRequest<CatalogChanges>('/admin/catalog', { method: 'PUT', body: document });
}

export function updateRolePolicy(roleId: string, patch: RolePolicyPatch): Promise<Role> {
  return apiPatch<Role>(`/admin/roles/${encodeURIComponent(roleId)}`, patch);
}

export function fetchTermsVersions(signal?: AbortSignal): Promise<TermsVersionList> {
  return apiGet<TermsVersionList>('/admin/terms', undefined, signal);
}

/** Everyone accepts the new version at their next sign-in. */
export function publishTerms(body: NewTerms): Promise<PublishedTerms> {
  return apiPost<PublishedTerms>('/admin/terms', body);
}

export function fetchAcknowledgementVersions(signal?: AbortSignal): Promise<AcknowledgementVersionList> {
  return apiGet<AcknowledgementVersionList>('/admin/certifications/acknowledgement', undefined, signal);
}

/** Certification decisions acknowledge the new text from then on. */
export function publishAcknowledgement(body: NewAcknowledgement): Promise<PublishedAcknowledgement> {
  return apiPost<PublishedAcknowledgement>('/admin/certifications/acknowledgement', body);
}

export function fetchHelpDeskStaff(signal?: AbortSignal): Promise<HelpDeskStaffList> {
  return apiGet<HelpDeskStaffList>('/admin/help-desk', undefined, signal);
}

export function assignHelpDesk(body: NewHelpDesk): Promise<Granted> {
  return apiPost<Granted>('/admin/help-desk', body);
}

/** Removes the role; its holder is emailed the reason. */
export function removeAssignment(assignmentId: string, reason: string): Promise<void> {
  return apiPost<void>(`/assignments/${encodeURIComponent(assignmentId)}/remove`, { reason });
}

export function fetchConfiguration(signal?: AbortSignal): Promise<Configuration> {
  return apiGet<Configuration>('/admin/configuration', undefined, signal);
}
