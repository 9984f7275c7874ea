import type { RoleRequest } from '../roles/roles-api';

/** The requester as people name them; their user ID when the account has no name. */
export function fullName(request: RoleRequest): string {
  return `${request.requester.firstName} ${request.requester.lastName}`.trim() || request.requester.userId;
}
