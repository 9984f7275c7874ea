import type { Static } from 'typebox';
import type {
  AuditEntry as AuditEntrySchema,
  AuditExportQuery,
  AuditPage as AuditPageSchema,
  AuditQuery,
  AuditVerificationSchema,
} from '../../../../server/modules/audit/audit.schemas.js';
import { apiGet, buildApiUrl } from '../../api/client';

/*
 * The audit search's answers as the server describes them, typed from its own schemas (type-only
 * imports: nothing of the server reaches the bundle), so a change there fails the web type check.
 */
export type AuditEntry = Static<typeof AuditEntrySchema>;
export type AuditPage = Static<typeof AuditPageSchema>;
export type AuditVerification = Static<typeof AuditVerificationSchema>;
/** What the search asks the server for: the filters, the cursor and the page size. */
export type AuditSearch = Static<typeof AuditQuery>;
/** The filters alone, as the export takes them. */
export type AuditFilters = Omit<AuditSearch, 'cursor' | 'limit'>;
export type AuditExportFormat = Static<typeof AuditExportQuery>['format'];

const auditKey = ['audit'] as const;

export function auditSearchKey(search: AuditSearch) {
  return [...auditKey, 'entries', search] as const;
}

export function auditEntryKey(id: string) {
  return [...auditKey, 'entry', id] as const;
}

export const auditVerificationKey = [...auditKey, 'verification'] as const;

/** One page of the matching entries the caller may read, newest first. */
export function fetchAuditPage(search: AuditSearch, signal?: AbortSignal): Promise<AuditPage> {
  return apiGet<AuditPage>('/audit/entries', search, signal);
}

export function fetchAuditEntry(id: string, signal?: AbortSignal): Promise<AuditEntry> {
  return apiGet<AuditEntry>(`/audit/entries/${encodeURIComponent(id)}`, undefined, signal);
}

/** The whole chain checked from its first entry (administrators). */
export function fetchAuditVerification(signal?: AbortSignal): Promise<AuditVerification> {
  return apiGet<AuditVerification>('/audit/verification', undefined, signal);
}

/** Every matching entry as a file the server streams: a plain link the browser downloads. */
export function auditExportUrl(filters: AuditFilters, format: AuditExportFormat): string {
  const query: Static<typeof AuditExportQuery> = { ...filters, format };
  return buildApiUrl('/audit/export', query);
}
