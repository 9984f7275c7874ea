import type { ErrorCode } from '../../http/errors.js';
import { includesId } from '../../shared/id-lookup.js';
import { mayMoveRequest } from './request-states.js';
import type { RequestStatus, RoleRequest } from './requests.repository.js';

/** Where someone stands towards role requests, found by the service from the roles they hold now. */
export interface RequestStanding {
  userId: string;
  /** Applications where they are help desk. */
  helpDeskApplicationIds: readonly string[];
  /** Organizations where they are an active approver or backup approver. */
  approverOrganizationIds: readonly string[];
}

/** What a person may do with a role request: decide it, or cancel their own. */
export const REQUEST_ACTIONS = ['approve', 'reject', 'cancel'] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];

type RequestFacts = Pick<RoleRequest, 'requesterId' | 'routedTo' | 'applicationId' | 'organizationId' | 'status'>;

/**
 * Who decides a role request (PRODUCT.md "Routing"): the application's help desk when it was
 * routed there (approver roles, orphan organizations), otherwise the organization's approvers;
 * never the requester.
 */
export function mayDecideRequest(standing: RequestStanding, request: Omit<RequestFacts, 'status'>): boolean {
  if (standing.userId === request.requesterId) return false;
  if (request.routedTo === 'help_desk') return standing.helpDeskApplicationIds.includes(request.applicationId);
  return includesId(standing.approverOrganizationIds, request.organizationId);
}

/** Who may see a request at all: its requester and whoever decides it. Others are not told it exists. */
export function mayReadRequest(standing: RequestStanding, request: Omit<RequestFacts, 'status'>): boolean {
  return standing.userId === request.requesterId || mayDecideRequest(standing, request);
}

const MOVE_OF: Record<RequestAction, RequestStatus> = { approve: 'approved', reject: 'rejected', cancel: 'cancelled' };

/**
 * Why `action` is refused on `request`, or undefined when it is allowed: the one rule the service
 * enforces and the list answers present. The order is what the caller is told: someone who may
 * not see the request learns nothing about it; a requester deciding their own request is told so;
 * a request already closed says so.
 */
export function refusalOf(standing: RequestStanding, request: RequestFacts, action: RequestAction): ErrorCode | undefined {
  if (action === 'cancel') {
    if (standing.userId !== request.requesterId) return 'resource.not_found';
  } else {
    if (standing.userId === request.requesterId) return 'role_request.self_decision';
    if (!mayDecideRequest(standing, request)) return 'resource.not_found';
  }
  if (!mayMoveRequest(request.status, MOVE_OF[action])) return 'role_request.already_decided';
  return undefined;
}

/** The actions the person may take on the request now: what its answer lists and the pages offer. */
export function requestActions(standing: RequestStanding, request: RequestFacts): RequestAction[] {
  return REQUEST_ACTIONS.filter((action) => refusalOf(standing, request, action) === undefined);
}
