import { describe, expect, it } from 'vitest';
import { expiringScope, itemActions, mayPublishAcknowledgement } from './certification.policy.js';
import type { CertificationState } from './certification-states.js';

const states: CertificationState[] = ['not_due', 'due', 'overdue', 'certified', 'revoked', 'expired', 'removed'];

describe('the actions on a certification item', () => {
  it('offers certify and revoke on a due or overdue item to whoever certifies it, as approver or help desk', () => {
    for (const certifiedAs of ['org_approvers', 'help_desk'] as const) {
      const offered = states.map((state) => [state, itemActions(certifiedAs, state)]);
      expect(offered).toEqual([
        ['not_due', []],
        ['due', ['certify', 'revoke']],
        ['overdue', ['certify', 'revoke']],
        ['certified', []],
        ['revoked', []],
        ['expired', []],
        ['removed', []],
      ]);
    }
  });

  it('offers nothing to someone who does not certify the item, whatever its state', () => {
    for (const state of states) expect(itemActions(undefined, state)).toEqual([]);
  });
});

describe('who sees the dry run and publishes the acknowledgement', () => {
  it('shows administrators every application, the help desk its own, and nobody else anything', () => {
    expect(expiringScope({ isAdministrator: true, helpDeskApplicationIds: [] })).toEqual({ applications: 'all' });
    expect(expiringScope({ isAdministrator: false, helpDeskApplicationIds: ['spot'] })).toEqual({ applications: ['spot'] });
    expect(expiringScope({ isAdministrator: false, helpDeskApplicationIds: [] })).toBeUndefined();
  });

  it('lets only administrators publish a new acknowledgement text', () => {
    expect(mayPublishAcknowledgement({ isAdministrator: true })).toBe(true);
    expect(mayPublishAcknowledgement({ isAdministrator: false })).toBe(false);
  });
});
