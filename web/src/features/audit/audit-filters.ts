import type { AuditFilters, AuditSearch } from './audit-api';

/**
 * The search as the page's address holds it, so that a search can be bookmarked, shared and
 * reached again with the browser's Back button: each filter under the API's own name, the days
 * as YYYY-MM-DD (`to` is the last day included), the page size and the cursor of the page shown.
 */
export interface AuditFormValues {
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  applicationId: string;
  organizationId: string;
  from: string;
  to: string;
  limit: string;
}

export type AuditField = keyof AuditFormValues;

/** A filter the page will not send as it is, and why (the words are looked up by the form). */
export interface AuditValueProblem {
  field: AuditField;
  rule: 'organizationId' | 'day' | 'dayOrder';
}

export const pageSizes = [10, 25, 50, 100, 200] as const;
export const defaultPageSize = 50;

const textFields = ['actor', 'action', 'targetType', 'targetId', 'applicationId', 'organizationId'] as const;
const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const emptyFormValues: AuditFormValues = {
  actor: '',
  action: '',
  targetType: '',
  targetId: '',
  applicationId: '',
  organizationId: '',
  from: '',
  to: '',
  limit: String(defaultPageSize),
};

/** A page size from the address, or the default one when it is not a whole number from 1 to 200. */
function pageSizeOf(value: string | null): number {
  const size = Number(value);
  return Number.isInteger(size) && size >= 1 && size <= 200 ? size : defaultPageSize;
}

export function readFormValues(params: URLSearchParams): AuditFormValues {
  const values = { ...emptyFormValues };
  for (const field of [...textFields, 'from', 'to'] as const) values[field] = params.get(field)?.trim() ?? '';
  values.limit = String(pageSizeOf(params.get('limit')));
  return values;
}

/** The cursor of the page shown: the `nextCursor` of the page before it; none for the newest. */
export function readCursor(params: URLSearchParams): string | undefined {
  const cursor = params.get('cursor');
  return cursor && /^\d{1,15}$/.test(cursor) ? cursor : undefined;
}

/** What the page checks before it asks: the server checks the same, in words less plain. */
export function problemsOf(values: AuditFormValues): AuditValueProblem[] {
  const problems: AuditValueProblem[] = [];
  if (values.organizationId && !uuidPattern.test(values.organizationId))
    problems.push({ field: 'organizationId', rule: 'organizationId' });
  for (const field of ['from', 'to'] as const) {
    if (values[field] && !isDay(values[field])) problems.push({ field, rule: 'day' });
  }
  if (isDay(values.from) && isDay(values.to) && values.to < values.from) problems.push({ field: 'to', rule: 'dayOrder' });
  return problems;
}

function isDay(value: string): boolean {
  return dayPattern.test(value) && !Number.isNaN(localMidnight(value, 0).getTime());
}

/** Midnight at the start of a day (`days` later) in the browser's time zone: people's days are their own. */
function localMidnight(day: string, days: number): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date + days);
}

/** The filters as the API takes them: the first day from its start, the last day to its end. */
export function filtersOf(values: AuditFormValues): AuditFilters {
  const filters: AuditFilters = {};
  for (const field of textFields) if (values[field]) filters[field] = values[field];
  if (values.from) filters.from = localMidnight(values.from, 0).toISOString();
  if (values.to) filters.to = localMidnight(values.to, 1).toISOString();
  return filters;
}

export function searchOf(values: AuditFormValues, cursor: string | undefined): AuditSearch {
  return { ...filtersOf(values), limit: pageSizeOf(values.limit), ...(cursor ? { cursor } : {}) };
}

/** The address of a search (and of one of its pages): only what was filled in, and the page size when not the default. */
export function searchParamsOf(values: AuditFormValues, cursor?: string): URLSearchParams {
  const params = new URLSearchParams();
  for (const field of [...textFields, 'from', 'to'] as const) if (values[field]) params.set(field, values[field]);
  if (pageSizeOf(values.limit) !== defaultPageSize) params.set('limit', String(pageSizeOf(values.limit)));
  if (cursor) params.set('cursor', cursor);
  return params;
}

/** The address of the search page for these filters. */
export function auditPath(values: Partial<AuditFormValues>, cursor?: string): string {
  const search = searchParamsOf({ ...emptyFormValues, ...values }, cursor).toString();
  return search ? `/audit?${search}` : '/audit';
}
