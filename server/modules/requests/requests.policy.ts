import type { RoleRequest } from './requests.repository.js';

/** Where the would-be decider stands, found by the service from the roles they hold now. */
export interface DeciderStanding {
  userId: string;
  /** Applications where they are help desk. */
  helpDeskApplicationIds: readonly string[];
  /** Whether they are an active approver or backup approver of the request's organization. */
  approvesForOrganization: boolean;
}

/**
 * Who decides a role request (PRODUCT.md "Routing"): the application's help desk when it was
 * routed there (approver roles, orphan organizations), otherwise the organization's approvers;
 * never the requester.
 */
export function mayDecideRequest(
  standing: DeciderStanding,
  request: Pick<RoleRequest, 'requesterId' | 'routedTo' | 'applicationId'>,
): boolean {
  if (standing.userId === request.requesterId) return false;
  if (request.routedTo === 'help_desk') return standing.helpDeskApplicationIds.includes(request.applicationId);
  return standing.approvesForOrganization;
}
