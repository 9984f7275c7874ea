import { describe, expect, it } from 'vitest';
import { mayDecideRequest, mayReadRequest, refusalOf, requestActions, type RequestStanding } from './requests.policy.js';

const toOrganization = {
  requesterId: 'requester',
  routedTo: 'org_approvers' as const,
  applicationId: 'spot',
  organizationId: 'org-a',
};
const toHelpDesk = { requesterId: 'requester', routedTo: 'help_desk' as const, applicationId: 'spot', organizationId: 'org-a' };
const nobody: RequestStanding = { userId: 'someone', helpDeskApplicationIds: [], approverOrganizationIds: [] };
const approverOfA: RequestStanding = { ...nobody, approverOrganizationIds: ['org-a'] };
const helpDeskOfSpot: RequestStanding = { ...nobody, helpDeskApplicationIds: ['spot'] };
const requester: RequestStanding = { userId: 'requester', helpDeskApplicationIds: ['spot'], approverOrganizationIds: ['org-a'] };

describe('who decides a role request', () => {
  it('is the organization’s approvers for a request routed to them, and not the help desk', () => {
    expect(mayDecideRequest(approverOfA, toOrganization)).toBe(true);
    expect(mayDecideRequest({ ...nobody, approverOrganizationIds: ['org-b'] }, toOrganization)).toBe(false);
    expect(mayDecideRequest(helpDeskOfSpot, toOrganization)).toBe(false);
    expect(mayDecideRequest(nobody, toOrganization)).toBe(false);
  });

  it('is the application’s help desk for a request routed there, and not an approver', () => {
    expect(mayDecideRequest(helpDeskOfSpot, toHelpDesk)).toBe(true);
    expect(mayDecideRequest({ ...nobody, helpDeskApplicationIds: ['other'] }, toHelpDesk)).toBe(false);
    expect(mayDecideRequest(approverOfA, toHelpDesk)).toBe(false);
  });

  it('is never the requester', () => {
    expect(mayDecideRequest(requester, toOrganization)).toBe(false);
    expect(mayDecideRequest(requester, toHelpDesk)).toBe(false);
  });

  it('shows a request only to its requester and its deciders', () => {
    expect(mayReadRequest(requester, toOrganization)).toBe(true);
    expect(mayReadRequest(approverOfA, toOrganization)).toBe(true);
    expect(mayReadRequest(helpDeskOfSpot, toOrganization)).toBe(false);
    expect(mayReadRequest(nobody, toHelpDesk)).toBe(false);
  });
});

describe('what a person may do with a role request', () => {
  const pending = { ...toOrganization, status: 'pending' as const };

  it('lets a decider approve or reject a pending request, and nothing else', () => {
    expect(requestActions(approverOfA, pending)).toEqual(['approve', 'reject']);
    expect(requestActions(helpDeskOfSpot, { ...toHelpDesk, status: 'pending' })).toEqual(['approve', 'reject']);
  });

  it('lets the requester cancel their own pending request, never decide it', () => {
    expect(requestActions(requester, pending)).toEqual(['cancel']);
    expect(refusalOf(requester, pending, 'approve')).toBe('role_request.self_decision');
  });

  it('offers nothing on a closed request, and says why when it is tried', () => {
    for (const status of ['approved', 'rejected', 'cancelled', 'expired'] as const) {
      expect(requestActions(approverOfA, { ...pending, status })).toEqual([]);
      expect(requestActions(requester, { ...pending, status })).toEqual([]);
      expect(refusalOf(approverOfA, { ...pending, status }, 'reject')).toBe('role_request.already_decided');
      expect(refusalOf(requester, { ...pending, status }, 'cancel')).toBe('role_request.already_decided');
    }
  });

  it('tells someone with no standing that the request does not exist', () => {
    expect(requestActions(nobody, pending)).toEqual([]);
    expect(refusalOf(nobody, pending, 'approve')).toBe('resource.not_found');
    expect(refusalOf(approverOfA, pending, 'cancel')).toBe('resource.not_found');
  });
});
