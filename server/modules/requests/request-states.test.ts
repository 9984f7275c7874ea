import { describe, expect, it } from 'vitest';
import { AppError } from '../../http/errors.js';
import { assertRequestMove, mayMoveRequest } from './request-states.js';
import type { RequestStatus } from './requests.repository.js';

const statuses: RequestStatus[] = ['pending', 'approved', 'rejected', 'cancelled', 'expired'];

describe('role request states', () => {
  it('moves only from pending, to a decision, a cancel or an expiry', () => {
    const allowed = statuses.flatMap((from) => statuses.filter((to) => mayMoveRequest(from, to)).map((to) => `${from}→${to}`));
    expect(allowed).toEqual(['pending→approved', 'pending→rejected', 'pending→cancelled', 'pending→expired']);
  });

  it('answers a move from a closed request with "already decided", naming its state', () => {
    for (const from of statuses.filter((status) => status !== 'pending')) {
      let refused: unknown;
      try {
        assertRequestMove(from, 'approved');
      } catch (error) {
        refused = error;
      }
      expect(refused).toBeInstanceOf(AppError);
      expect(refused).toMatchObject({ code: 'role_request.already_decided', details: { status: from } });
    }
    expect(() => assertRequestMove('pending', 'rejected')).not.toThrow();
  });
});
