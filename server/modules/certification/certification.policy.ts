import { includesId } from '../../shared/id-lookup.js';
import type { Role } from '../catalog/catalog.service.js';
import type { PersonOnFile } from '../organizations/organizations.service.js';
import type { CertifierScope } from './certification.repository.js';
import { mayMoveCertification, type CertificationState } from './certification-states.js';

/*
 * Who certifies what (PRODUCT.md, "Annual role certification"):
 * - end-user roles (certifiedBy org_approvers): the organization's active approvers and backup
 *   approvers; when it has none besides the holder (an orphan), the application's help desk;
 * - approver and backup approver roles (certifiedBy help_desk): the application's help desk,
 *   which compares the holder with the records on file;
 * - nobody certifies their own role; roles certified by nobody have no due date.
 * certification.repository.ts applies the same rule as SQL (CertifierScope) for whole lists.
 */

export type CertifierKind = 'org_approvers' | 'help_desk';

export interface CertifiableItem {
  holderId: string;
  applicationId: string;
  organizationId: string;
  role: Pick<Role, 'id' | 'certifiedBy'>;
}

/** Who certifies an item now, and as what. `approvers`: the organization's active approvers. */
export function certifiersOf(
  item: CertifiableItem,
  approvers: readonly string[],
  helpDesk: readonly string[],
): { kind: CertifierKind; userIds: string[] } | undefined {
  if (item.role.certifiedBy === 'none') return undefined;
  const others = (ids: readonly string[]) => [...new Set(ids)].filter((id) => id !== item.holderId);
  if (item.role.certifiedBy === 'org_approvers') {
    const fromOrganization = others(approvers);
    if (fromOrganization.length > 0) return { kind: 'org_approvers', userIds: fromOrganization };
  }
  return { kind: 'help_desk', userIds: others(helpDesk) };
}

/** Whether the scope's owner may certify an item, and as what; undefined when not (or their own). */
export function certifierKindFor(
  scope: CertifierScope,
  item: CertifiableItem,
  organizationApprovers: readonly string[],
): CertifierKind | undefined {
  if (item.holderId === scope.userId) return undefined;
  const found = certifiersOf(
    item,
    organizationApprovers,
    scope.helpDeskApplicationIds.includes(item.applicationId) ? [scope.userId] : [],
  );
  if (!found) return undefined;
  if (found.kind === 'org_approvers') {
    // The caller is one of the organization's approvers: certifiersOf names them.
    return found.userIds.includes(scope.userId) && includesId(scope.approverOrganizationIds, item.organizationId)
      ? 'org_approvers'
      : undefined;
  }
  return found.userIds.includes(scope.userId) ? 'help_desk' : undefined;
}

/** What a certifier may do with a certification item. */
export const CERTIFICATION_ACTIONS = ['certify', 'revoke'] as const;
export type CertificationAction = (typeof CERTIFICATION_ACTIONS)[number];

/** The state each action moves an item to, in certification-states.ts. */
export const CERTIFICATION_ACTION_TARGETS: Readonly<Record<CertificationAction, CertificationState>> = {
  certify: 'certified',
  revoke: 'revoked',
};

/**
 * The actions the caller may take on an item now: none when it is not theirs to certify
 * (`certifiedAs` undefined, from certifierKindFor), otherwise those its state allows (due or
 * overdue, within the list window). Sent with each item, and the rule the service authorizes a
 * decision by.
 */
export function itemActions(certifiedAs: CertifierKind | undefined, state: CertificationState): CertificationAction[] {
  if (certifiedAs === undefined) return [];
  return CERTIFICATION_ACTIONS.filter((action) => mayMoveCertification(state, CERTIFICATION_ACTION_TARGETS[action]));
}

/** How the holder of an approver role compares with the person on file for it. */
export interface OnFileComparison {
  person: PersonOnFile;
  nameMatches: boolean;
  emailMatches: boolean;
  matches: boolean;
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The help desk certifies approvers "against the records on file": the approver on file for an
 * approver; for a backup approver, the backup on file who matches them (by name or email), or the
 * first one when none does. Undefined when the organization has nobody on file for that role.
 */
export function compareWithOnFile(
  holder: { firstName: string; lastName: string; email: string },
  roleKind: Role['kind'],
  records: { approverOnFile: PersonOnFile | null; backupApproversOnFile: readonly PersonOnFile[] },
): OnFileComparison | undefined {
  const nameMatches = (person: PersonOnFile) =>
    same(person.firstName, holder.firstName) && same(person.lastName, holder.lastName);
  const emailMatches = (person: PersonOnFile) => same(person.email, holder.email);
  let person: PersonOnFile | undefined;
  if (roleKind === 'approver') person = records.approverOnFile ?? undefined;
  else if (roleKind === 'backup_approver') {
    const candidates = records.backupApproversOnFile;
    person =
      candidates.find((candidate) => nameMatches(candidate) && emailMatches(candidate)) ??
      candidates.find((candidate) => nameMatches(candidate) || emailMatches(candidate)) ??
      candidates[0];
  }
  if (!person) return undefined;
  const byName = nameMatches(person);
  const byEmail = emailMatches(person);
  return { person, nameMatches: byName, emailMatches: byEmail, matches: byName && byEmail };
}

/** Who may read certification evidence and dashboards of an application (and organization). */
export function evidenceScope(
  standing: { isAdministrator: boolean; helpDeskApplicationIds: readonly string[]; approverOrganizationIds: readonly string[] },
  applicationId: string,
): { organizations: 'all' } | { organizations: readonly string[] } {
  if (standing.isAdministrator || standing.helpDeskApplicationIds.includes(applicationId)) return { organizations: 'all' };
  return { organizations: standing.approverOrganizationIds };
}

/**
 * Whose roles the dry run ("roles that would be removed") may show: every application's for
 * administrators, the applications where the caller is help desk, or nobody's (undefined).
 */
export function expiringScope(standing: {
  isAdministrator: boolean;
  helpDeskApplicationIds: readonly string[];
}): { applications: 'all' } | { applications: readonly string[] } | undefined {
  if (standing.isAdministrator) return { applications: 'all' };
  return standing.helpDeskApplicationIds.length > 0 ? { applications: standing.helpDeskApplicationIds } : undefined;
}

/** Only administrators publish a new acknowledgement text, and read every version published. */
export function mayPublishAcknowledgement(caller: { isAdministrator: boolean }): boolean {
  return caller.isAdministrator;
}
