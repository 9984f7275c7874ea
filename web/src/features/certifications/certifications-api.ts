import { apiGet, apiPost, buildApiUrl, type Page } from '../../api/client';
import type { ApplicationRef, RoleRef } from '../roles/roles-api';

/** The "I acknowledge" text the certifier agrees to; its version is sent with every decision. */
export interface Acknowledgement {
  version: number;
  /** In the language of the request. */
  text: string;
  textEn: string;
  textEs: string;
  publishedAt: string;
}

export interface Holder {
  id: string;
  userId: string;
  firstName: string;
  lastName: string;
  email: string;
  lastSignInAt: string | null;
}

export interface CertificationOrganization {
  id: string;
  submitterId: string;
  legalName: string;
}

/** For approver roles, certified by the help desk: the person on the organization's records. */
export interface OnFile {
  firstName: string;
  lastName: string;
  email: string;
  nameMatches: boolean;
  emailMatches: boolean;
  matches: boolean;
}

export interface CertificationItem {
  assignmentId: string;
  holder: Holder;
  application: ApplicationRef;
  role: RoleRef;
  organization: CertificationOrganization | null;
  establishedAt: string;
  lastCertifiedAt: string | null;
  dueAt: string;
  /** YYYY-MM-DD in the program's time zone: the role is removed when this day ends. */
  dueDay: string;
  /** 0 on the due day, negative when overdue. */
  daysLeft: number;
  certifiedAs: 'org_approvers' | 'help_desk';
  onFile: OnFile | null;
  /** Due within the list window, so it can be certified or revoked now. */
  decidable: boolean;
}

export type Outcome = 'certify' | 'revoke';

/** One row, the selection, or (`all`) the whole list due now. */
export type Target = { assignmentIds: string[] } | { all: true };

export interface DecisionResult {
  outcome: 'certified' | 'revoked';
  count: number;
  decidedAt: string;
  acknowledgementVersion: number;
  assignmentIds: string[];
}

export interface ExpiringItem {
  assignmentId: string;
  holder: Omit<Holder, 'lastSignInAt'>;
  application: ApplicationRef;
  role: RoleRef;
  organization: CertificationOrganization | null;
  dueAt: string;
  dueDay: string;
}

export interface ExpiringList {
  date: string;
  removedAfter: string;
  items: ExpiringItem[];
}

export interface Summary {
  application: ApplicationRef;
  organizationId: string | null;
  asOf: string;
  certified: number;
  due: number;
  overdue: number;
  removed: number;
  expired: number;
  revoked: number;
  windowDays: number;
  periodDays: number;
}

export const certificationsKey = ['certifications'] as const;
export const certificationListKey = [...certificationsKey, 'list'] as const;
export const acknowledgementKey = [...certificationsKey, 'acknowledgement'] as const;
export const holderKey = (holderId: string) => [...certificationsKey, 'holder', holderId] as const;
export const expiringKey = (date: string) => [...certificationsKey, 'expiring', date] as const;
export const summaryKey = (application: string, organization: string | undefined) =>
  [...certificationsKey, 'summary', application, organization ?? ''] as const;

export const certificationPageSize = 50;

export function fetchAcknowledgement(signal?: AbortSignal): Promise<Acknowledgement> {
  return apiGet<Acknowledgement>('/certifications/acknowledgement', undefined, signal);
}

/** A page of My Annual Role Certifications, and the window it covers: roles due within `windowDays` days. */
export interface CertificationPage extends Page<CertificationItem> {
  windowDays: number;
}

/** My Annual Role Certifications, soonest due first; `cursor` is the page before's `nextCursor`. */
export function fetchCertifications(cursor: string | undefined, signal?: AbortSignal): Promise<CertificationPage> {
  return apiGet<CertificationPage>('/certifications', { cursor, limit: certificationPageSize }, signal);
}

export function fetchHolder(holderId: string, signal?: AbortSignal): Promise<{ holder: Holder; items: CertificationItem[] }> {
  return apiGet<{ holder: Holder; items: CertificationItem[] }>(
    `/certifications/users/${encodeURIComponent(holderId)}`,
    undefined,
    signal,
  );
}

export function decide(outcome: Outcome, acknowledgementVersion: number, target: Target): Promise<DecisionResult> {
  return apiPost<DecisionResult>('/certifications/decisions', {
    outcome,
    acknowledged: true,
    acknowledgementVersion,
    ...target,
  });
}

export function fetchExpiring(date: string, signal?: AbortSignal): Promise<ExpiringList> {
  return apiGet<ExpiringList>('/help-desk/certifications/expiring', { date }, signal);
}

export function fetchSummary(application: string, organization: string | undefined, signal?: AbortSignal): Promise<Summary> {
  return apiGet<Summary>('/certifications/summary', { application, organization }, signal);
}

/** Where the browser downloads the evidence CSV; the server names the file. */
export function evidenceUrl(query: { application: string; organization?: string; from: string; to: string }): string {
  return buildApiUrl('/certifications/evidence.csv', query);
}
