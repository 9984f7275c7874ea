import type { CatalogDocument, RolePolicy, RolePolicyPatch } from './admin-console-api';
import type { ApprovedBy, CertifiedBy } from './catalog-words';
import type { FieldFault } from './use-admin-form';

/** A role's policy as the form holds it: numbers as typed. */
export interface RolePolicyDraft {
  approvedBy: ApprovedBy;
  certifiedBy: CertifiedBy;
  /** Empty: no limit. */
  maxActivePerOrg: string;
  requestExpiryDays: string;
  certificationPeriodDays: string;
  requestable: boolean;
}

export type RolePolicyField = keyof RolePolicyDraft;

export function draftOf(role: RolePolicy): RolePolicyDraft {
  return {
    approvedBy: role.approvedBy,
    certifiedBy: role.certifiedBy,
    maxActivePerOrg: role.maxActivePerOrg === null ? '' : String(role.maxActivePerOrg),
    requestExpiryDays: String(role.requestExpiryDays),
    certificationPeriodDays: String(role.certificationPeriodDays),
    requestable: role.requestable,
  };
}

/** The server's ranges (catalog-document.ts), checked before sending. */
const ranges = {
  maxActivePerOrg: [1, 100_000],
  requestExpiryDays: [1, 365],
  certificationPeriodDays: [1, 3650],
} as const;

function wholeNumberIn(text: string, [min, max]: readonly [number, number]): boolean {
  if (!/^\d+$/.test(text.trim())) return false;
  const value = Number(text.trim());
  return value >= min && value <= max;
}

export function checkPolicy(draft: RolePolicyDraft): Partial<Record<RolePolicyField, FieldFault>> {
  const faults: Partial<Record<RolePolicyField, FieldFault>> = {};
  if (draft.maxActivePerOrg.trim() !== '' && !wholeNumberIn(draft.maxActivePerOrg, ranges.maxActivePerOrg))
    faults.maxActivePerOrg = 'invalid';
  for (const field of ['requestExpiryDays', 'certificationPeriodDays'] as const) {
    if (draft[field].trim() === '') faults[field] = 'missing';
    else if (!wholeNumberIn(draft[field], ranges[field])) faults[field] = 'invalid';
  }
  return faults;
}

/** The change, as the server's role route takes it, from a draft the check found nothing wrong with. */
export function patchOf(draft: RolePolicyDraft): RolePolicyPatch {
  return {
    approvedBy: draft.approvedBy,
    certifiedBy: draft.certifiedBy,
    maxActivePerOrg: draft.maxActivePerOrg.trim() === '' ? null : Number(draft.maxActivePerOrg.trim()),
    requestExpiryDays: Number(draft.requestExpiryDays.trim()),
    certificationPeriodDays: Number(draft.certificationPeriodDays.trim()),
    requestable: draft.requestable,
  };
}

/** The whole catalog with one role's policy changed: what the server previews. */
export function documentWith(
  catalog: CatalogDocument,
  applicationCode: string,
  roleCode: string,
  patch: RolePolicyPatch,
): CatalogDocument {
  return {
    applications: catalog.applications.map((application) =>
      application.code !== applicationCode
        ? application
        : {
            ...application,
            roles: application.roles.map((role) => (role.code === roleCode ? { ...role, ...patch } : role)),
          },
    ),
  };
}
