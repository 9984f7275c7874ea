import type { Static } from 'typebox';
import type * as schemas from '../../../../server/modules/certification/certification.schemas.js';
import { apiGet, apiPost, buildApiUrl } from '../../api/client';

/*
 * The certification answers as the server describes them, typed from the server's own schemas: a
 * change there that this app does not follow fails the web type check.
 */
/** The "I acknowledge" text the certifier agrees to; its version is sent with every decision. */
export type Acknowledgement = Static<typeof schemas.AcknowledgementSchema>;
export type CertificationItem = Static<typeof schemas.CertificationItemSchema>;
export type Holder = CertificationItem['holder'];
export type CertificationOrganization = NonNullable<CertificationItem['organization']>;
/** For approver roles, certified by the help desk: the person on the organization's records. */
export type OnFile = NonNullable<CertificationItem['onFile']>;

type DecisionBody = Static<typeof schemas.DecisionBody>;
export type Outcome = DecisionBody['outcome'];

/** One row, the selection, or (`all`) the whole list due now. */
export type Target = { assignmentIds: string[] } | { all: true };

export type DecisionResult = Static<typeof schemas.DecisionResultSchema>;
export type ExpiringList = Static<typeof schemas.ExpiringList>;
export type ExpiringItem = ExpiringList['items'][number];
export type Summary = Static<typeof schemas.SummarySchema>;
/** A page of My Annual Role Certifications, and the window it covers: roles due within `windowDays` days. */
export type CertificationPage = Static<typeof schemas.CertificationPage>;
export type HolderDetails = Static<typeof schemas.HolderDetails>;

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

/** My Annual Role Certifications, soonest due first; `cursor` is the page before's `nextCursor`. */
export function fetchCertifications(cursor: string | undefined, signal?: AbortSignal): Promise<CertificationPage> {
  return apiGet<CertificationPage>('/certifications', { cursor, limit: certificationPageSize }, signal);
}

export function fetchHolder(holderId: string, signal?: AbortSignal): Promise<HolderDetails> {
  return apiGet<HolderDetails>(`/certifications/users/${encodeURIComponent(holderId)}`, undefined, signal);
}

export function decide(outcome: Outcome, acknowledgementVersion: number, target: Target): Promise<DecisionResult> {
  const body: DecisionBody = { outcome, acknowledged: true, acknowledgementVersion, ...target };
  return apiPost<DecisionResult>('/certifications/decisions', body);
}

export function fetchExpiring(date: string, signal?: AbortSignal): Promise<ExpiringList> {
  return apiGet<ExpiringList>('/help-desk/certifications/expiring', { date }, signal);
}

export function fetchSummary(application: string, organization: string | undefined, signal?: AbortSignal): Promise<Summary> {
  return apiGet<Summary>('/certifications/summary', { application, organization }, signal);
}

/** Where the browser downloads the evidence CSV; the server names the file. */
export function evidenceUrl(query: Static<typeof schemas.EvidenceQuery>): string {
  return buildApiUrl('/certifications/evidence.csv', query);
}
