import { includesId } from '../../shared/id-lookup.js';
import type { Role } from '../catalog/catalog.service.js';
import type { Assignment, RemovalKind } from './assignments.repository.js';

/** Where someone stands towards the roles others hold: found by the service from their own roles. */
export interface RemoverStanding {
  userId: string;
  isAdministrator: boolean;
  /** Applications where they hold the help desk role. */
  helpDeskApplicationIds: readonly string[];
  /** Organizations where they hold the approver or backup approver role. */
  approverOrganizationIds: readonly string[];
}

type AssignmentFacts = Pick<Assignment, 'userId' | 'applicationId' | 'organizationId' | 'status'>;

/**
 * Who may remove a role (PRODUCT.md): its holder; the organization's approvers, for end-user
 * roles; the application's help desk; administrators. Answers how, or undefined for nobody.
 */
export function removalKindFor(
  standing: RemoverStanding,
  assignment: AssignmentFacts,
  role: Pick<Role, 'kind'>,
): RemovalKind | undefined {
  if (standing.userId === assignment.userId) return 'holder';
  if (standing.helpDeskApplicationIds.includes(assignment.applicationId)) return 'help_desk';
  const approvesForIt =
    assignment.organizationId !== '' && includesId(standing.approverOrganizationIds, assignment.organizationId);
  if (approvesForIt && role.kind === 'end_user') return 'approver';
  if (standing.isAdministrator) return 'administrator';
  return undefined;
}

/** What a person may do with a role someone holds: remove it. */
export const ASSIGNMENT_ACTIONS = ['remove'] as const;
export type AssignmentAction = (typeof ASSIGNMENT_ACTIONS)[number];

/** The actions the person may take on the assignment now: what its answer lists and the pages offer. */
export function assignmentActions(
  standing: RemoverStanding,
  assignment: AssignmentFacts,
  role: Pick<Role, 'kind'>,
): AssignmentAction[] {
  return assignment.status === 'active' && removalKindFor(standing, assignment, role) ? ['remove'] : [];
}

/**
 * Who sees an organization's end users and their roles ("My organization"): its active approver
 * and backup approvers, who manage them (PRODUCT.md). To anyone else the list does not exist.
 */
export function mayListOrganizationEndUsers(standing: RemoverStanding, organizationId: string): boolean {
  return organizationId !== '' && includesId(standing.approverOrganizationIds, organizationId);
}

/** Only administrators name an application's help desk staff. */
export function mayAssignHelpDesk(caller: { isAdministrator: boolean }): boolean {
  return caller.isAdministrator;
}
