import { describe, expect, it } from 'vitest';
import { mayDecideRequest } from './requests.policy.js';

const toOrganization = { requesterId: 'requester', routedTo: 'org_approvers' as const, applicationId: 'spot' };
const toHelpDesk = { requesterId: 'requester', routedTo: 'help_desk' as const, applicationId: 'spot' };
const nobody = { userId: 'someone', helpDeskApplicationIds: [], approvesForOrganization: false };

describe('who decides a role request', () => {
  it('is the organization’s approvers for a request routed to them, and not the help desk', () => {
    expect(mayDecideRequest({ ...nobody, approvesForOrganization: true }, toOrganization)).toBe(true);
    expect(mayDecideRequest({ ...nobody, helpDeskApplicationIds: ['spot'] }, toOrganization)).toBe(false);
    expect(mayDecideRequest(nobody, toOrganization)).toBe(false);
  });

  it('is the application’s help desk for a request routed there, and not an approver', () => {
    expect(mayDecideRequest({ ...nobody, helpDeskApplicationIds: ['spot'] }, toHelpDesk)).toBe(true);
    expect(mayDecideRequest({ ...nobody, helpDeskApplicationIds: ['other'] }, toHelpDesk)).toBe(false);
    expect(mayDecideRequest({ ...nobody, approvesForOrganization: true }, toHelpDesk)).toBe(false);
  });

  it('is never the requester', () => {
    const requester = { userId: 'requester', helpDeskApplicationIds: ['spot'], approvesForOrganization: true };
    expect(mayDecideRequest(requester, toOrganization)).toBe(false);
    expect(mayDecideRequest(requester, toHelpDesk)).toBe(false);
  });
});
