import type { Database, Reader } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import { calendarDateIn, endOfDayIn, toTimestamp } from '../../shared/time.js';
import { expiredBefore } from '../certification/due-dates.js';
import { findHoldingEvidence, type AccessQuestion } from './access.repository.js';

export type { AccessQuestion } from './access.repository.js';

/**
 * Why a check was answered as it was; stable codes that the access evaluation API passes on.
 * - `role_held`: an active holding of the role, or of a role that includes it, not expired.
 * - `subject_unknown`: no such user.
 * - `subject_inactive`: the account is disabled or not yet verified.
 * - `role_not_held`: no active holding (never granted, removed, or another organization).
 * - `certification_expired`: held, but its certification due day has ended; the expiry sweep
 *   will remove it, and until then it is already refused.
 */
export type AccessReason = 'role_held' | 'subject_unknown' | 'subject_inactive' | 'role_not_held' | 'certification_expired';

export interface AccessDecision {
  readonly decision: boolean;
  readonly reason: AccessReason;
}

/** Does user U hold role R of application A in organization O now? The hot path of every application. */
export interface AccessService {
  evaluate(question: AccessQuestion, db?: Reader): Promise<AccessDecision>;
}

export function createAccessService(deps: { database: Database; clock: Clock; config: { timeZone: string } }): AccessService {
  const { database, clock, config } = deps;

  /**
   * Holdings due before the start of today (in the program's time zone) have expired. Working the
   * day out takes longer than the check's statement, so it is kept until the day changes.
   */
  let today = { cutoff: '', startMs: 0, endMs: -1 };
  function expiryCutoff(now: Date): string {
    const at = now.getTime();
    if (at < today.startMs || at > today.endMs) {
      const start = expiredBefore(now, config.timeZone);
      today = {
        cutoff: toTimestamp(start),
        startMs: start.getTime(),
        endMs: endOfDayIn(calendarDateIn(now, config.timeZone), config.timeZone).getTime(),
      };
    }
    return today.cutoff;
  }

  return {
    async evaluate(question, db = database.db) {
      const evidence = await findHoldingEvidence(db, question);
      if (!evidence) return { decision: false, reason: 'subject_unknown' };
      if (evidence.userStatus !== 'active') return { decision: false, reason: 'subject_inactive' };
      if (evidence.dueDates.length === 0) return { decision: false, reason: 'role_not_held' };
      // Timestamps are stored in one sortable form (toTimestamp), so they compare as text.
      const cutoff = expiryCutoff(clock.now());
      const current = evidence.dueDates.some((dueAt) => dueAt === null || dueAt >= cutoff);
      return current ? { decision: true, reason: 'role_held' } : { decision: false, reason: 'certification_expired' };
    },
  };
}
