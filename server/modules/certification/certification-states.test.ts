import { describe, expect, it } from 'vitest';
import {
  assertCertificationMove,
  certificationStateOf,
  mayMoveCertification,
  type CertificationState,
} from './certification-states.js';

const states: CertificationState[] = ['not_due', 'due', 'overdue', 'certified', 'revoked', 'expired', 'removed'];

function refusal(items: { assignmentId: string; state: CertificationState }[], to: CertificationState) {
  try {
    assertCertificationMove(items, to);
    return undefined;
  } catch (error) {
    return error as { code?: string; details?: unknown };
  }
}

describe('certification item states', () => {
  it('lets a certifier certify or revoke a due or overdue item, and the sweep expire an overdue one', () => {
    const allowed = states.flatMap((from) => states.filter((to) => mayMoveCertification(from, to)).map((to) => `${from}→${to}`));
    expect(allowed).toEqual(['due→certified', 'due→revoked', 'overdue→certified', 'overdue→revoked', 'overdue→expired']);
  });

  it('names the items refused: decided or removed ones first, then those not due yet', () => {
    expect(refusal([{ assignmentId: 'a', state: 'due' }], 'certified')).toBeUndefined();
    expect(refusal([{ assignmentId: 'a', state: 'overdue' }], 'revoked')).toBeUndefined();
    expect(refusal([], 'certified')).toBeUndefined();
    for (const from of ['certified', 'revoked', 'expired', 'removed'] as const) {
      expect(refusal([{ assignmentId: 'a', state: from }], 'certified')).toMatchObject({
        code: 'certification.already_decided',
        details: { assignmentIds: ['a'] },
      });
    }
    expect(
      refusal(
        [
          { assignmentId: 'a', state: 'not_due' },
          { assignmentId: 'b', state: 'due' },
          { assignmentId: 'c', state: 'expired' },
          { assignmentId: 'd', state: 'removed' },
        ],
        'revoked',
      ),
    ).toMatchObject({ code: 'certification.already_decided', details: { assignmentIds: ['c', 'd'] } });
    expect(
      refusal(
        [
          { assignmentId: 'a', state: 'not_due' },
          { assignmentId: 'b', state: 'due' },
        ],
        'certified',
      ),
    ).toMatchObject({ code: 'certification.not_due', details: { assignmentIds: ['a'] } });
  });

  it('reads the state from the assignment, the list window and the start of today', () => {
    const bounds = { overdueBefore: '2026-03-10T05:00:00.000Z', dueUpTo: '2026-04-10T03:59:59.999Z' };
    const active = (certificationDueAt: string | null) => ({ status: 'active' as const, removalKind: null, certificationDueAt });
    expect(certificationStateOf(active('2026-03-09T04:59:59.999Z'), bounds)).toBe('overdue');
    expect(certificationStateOf(active('2026-03-10T05:00:00.000Z'), bounds)).toBe('due');
    expect(certificationStateOf(active('2026-04-10T03:59:59.999Z'), bounds)).toBe('due');
    expect(certificationStateOf(active('2026-04-10T04:00:00.000Z'), bounds)).toBe('not_due');
    expect(certificationStateOf(active(null), bounds)).toBe('not_due');
    const removed = (removalKind: 'certification_revoked' | 'certification_expired' | 'approver') => ({
      status: 'removed' as const,
      removalKind,
      certificationDueAt: '2026-03-20T03:59:59.999Z',
    });
    expect(certificationStateOf(removed('certification_revoked'), bounds)).toBe('revoked');
    expect(certificationStateOf(removed('certification_expired'), bounds)).toBe('expired');
    expect(certificationStateOf(removed('approver'), bounds)).toBe('removed');
  });
});
