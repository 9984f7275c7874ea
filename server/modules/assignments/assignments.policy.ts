import type { Role } from '../catalog/catalog.service.js';
import type { Assignment, RemovalKind } from './assignments.repository.js';

/** What the remover is, relative to the assignment: found by the service from their own roles. */
export interface RemoverStanding {
  userId: string;
  isAdministrator: boolean;
  /** Holds the help desk role of the assignment's application. */
  isHelpDesk: boolean;
  /** Holds the approver or backup approver role in the assignment's organization. */
  isOrganizationApprover: boolean;
}

/**
 * Who may remove a role (PRODUCT.md): its holder; the organization's approvers, for end-user
 * roles; the application's help desk; administrators. Answers how, or undefined for nobody.
 */
export function removalKindFor(standing: RemoverStanding, assignment: Assignment, role: Role): RemovalKind | undefined {
  if (standing.userId === assignment.userId) return 'holder';
  if (standing.isHelpDesk) return 'help_desk';
  if (standing.isOrganizationApprover && role.kind === 'end_user') return 'approver';
  if (standing.isAdministrator) return 'administrator';
  return undefined;
}
