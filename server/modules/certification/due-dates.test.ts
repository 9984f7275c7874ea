import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  isCalendarDate,
  calendarDaysBetween,
  dueAtOnDay,
  dueDayOf,
  expiredBefore,
  expiresAt,
  firstDueAt,
  isExpired,
  nextDueAfterCertification,
  reachedThreshold,
  thresholdRange,
  windowEnd,
} from './due-dates.js';

const NY = 'America/New_York';
const CMS = { timeZone: NY, legacyCutoff: '2021-07-01', legacyFirstDue: '2022-07-15' };
const NO_LEGACY = { timeZone: NY, legacyCutoff: undefined, legacyFirstDue: undefined };
const endUser = { certifiedBy: 'org_approvers', certificationPeriodDays: 365 } as const;

describe('first due date', () => {
  it('is one period after the role was established', () => {
    expect(firstDueAt(endUser, new Date('2026-03-02T15:00:00.000Z'), CMS)?.toISOString()).toBe('2027-03-02T15:00:00.000Z');
    expect(
      firstDueAt({ certifiedBy: 'help_desk', certificationPeriodDays: 90 }, new Date('2026-03-02T15:00:00.000Z'), CMS),
    ).toEqual(new Date('2026-05-31T15:00:00.000Z'));
  });

  it('is the fixed legacy date for roles established before the cutoff, in the time zone', () => {
    const legacy = firstDueAt(endUser, new Date('2020-02-10T12:00:00.000Z'), CMS);
    expect(legacy && dueDayOf(legacy, NY)).toBe('2022-07-15');
    // 23:30 in New York on June 30, 2021 is already July 1 in UTC, but still before the cutoff.
    const lastEvening = firstDueAt(endUser, new Date('2021-07-01T03:30:00.000Z'), CMS);
    expect(lastEvening && dueDayOf(lastEvening, NY)).toBe('2022-07-15');
    // Midnight of the cutoff day in New York: established on the cutoff, one year later.
    expect(firstDueAt(endUser, new Date('2021-07-01T04:00:00.000Z'), CMS)).toEqual(new Date('2022-07-01T04:00:00.000Z'));
  });

  it('has no legacy rule when it is turned off', () => {
    expect(firstDueAt(endUser, new Date('2020-02-10T12:00:00.000Z'), NO_LEGACY)).toEqual(new Date('2021-02-09T12:00:00.000Z'));
  });

  it('does not exist for roles nobody certifies', () => {
    expect(firstDueAt({ certifiedBy: 'none', certificationPeriodDays: 365 }, new Date(), CMS)).toBeNull();
    expect(nextDueAfterCertification({ certifiedBy: 'none', certificationPeriodDays: 365 }, new Date(), new Date())).toBeNull();
  });
});

describe('after a certification', () => {
  it('is one period after the decision, not after the previous due date', () => {
    expect(nextDueAfterCertification(endUser, new Date('2026-05-20T18:00:00.000Z'), '2026-06-30T16:00:00.000Z')).toEqual(
      new Date('2027-05-20T18:00:00.000Z'),
    );
  });

  it('never falls on or before the due date it answered, even when the period is shorter than the window', () => {
    const monthly = { certifiedBy: 'org_approvers' as const, certificationPeriodDays: 30 };
    // Due in 45 days, certified today: 30 days from today would be sooner than the current due date.
    expect(nextDueAfterCertification(monthly, new Date('2026-05-20T18:00:00.000Z'), '2026-07-04T16:00:00.000Z')).toEqual(
      new Date('2026-08-03T16:00:00.000Z'),
    );
    // Certified twice at the same instant: the second moves the due date on again, never back.
    const first = nextDueAfterCertification(monthly, new Date('2026-05-20T18:00:00.000Z'), '2026-05-25T16:00:00.000Z')!;
    const second = nextDueAfterCertification(monthly, new Date('2026-05-20T18:00:00.000Z'), first)!;
    expect(second.getTime()).toBeGreaterThan(first.getTime());
  });
});

describe('due days and expiry', () => {
  it('takes the due day in the time zone and expires at its end', () => {
    // 02:00 UTC on March 3 is still March 2 in New York.
    const dueAt = new Date('2026-03-03T02:00:00.000Z');
    expect(dueDayOf(dueAt, NY)).toBe('2026-03-02');
    expect(expiresAt(dueAt, NY).toISOString()).toBe('2026-03-03T04:59:59.999Z');
    expect(isExpired(dueAt, new Date('2026-03-03T04:59:59.999Z'), NY)).toBe(false);
    expect(isExpired(dueAt, new Date('2026-03-03T05:00:00.000Z'), NY)).toBe(true);
    expect(dueDayOf(dueAt, 'UTC')).toBe('2026-03-03');
  });

  it('agrees with isExpired when comparing with the start of today', () => {
    const now = new Date('2026-07-10T03:00:00.000Z'); // July 9, 23:00 in New York
    expect(expiredBefore(now, NY).toISOString()).toBe('2026-07-09T04:00:00.000Z');
    for (const due of ['2026-07-09T03:59:59.999Z', '2026-07-09T04:00:00.000Z', '2026-07-09T20:00:00.000Z']) {
      expect(isExpired(due, now, NY)).toBe(new Date(due) < expiredBefore(now, NY));
    }
  });

  it('places a due day given as a date in the middle of that day, across daylight saving', () => {
    expect(dueAtOnDay('2026-03-08', NY).toISOString()).toBe('2026-03-08T17:00:00.000Z');
    expect(dueDayOf(dueAtOnDay('2026-03-08', NY), NY)).toBe('2026-03-08');
    expect(dueAtOnDay('2026-11-01', NY).toISOString()).toBe('2026-11-01T16:00:00.000Z');
    expect(dueDayOf(dueAtOnDay('2026-11-01', NY), NY)).toBe('2026-11-01');
  });

  it('ends the list window at the end of the day 60 days from today', () => {
    expect(windowEnd(new Date('2026-03-02T15:00:00.000Z'), 60, NY).toISOString()).toBe('2026-05-02T03:59:59.999Z');
  });

  it('accepts only real calendar dates in a sensible range', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    for (const bad of ['2026-02-30', '2026-13-01', '26-01-01', '2026-1-1', '0000-01-01', '9999-12-31', '2026-01-01T00:00'])
      expect(isCalendarDate(bad), bad).toBe(false);
  });

  it('counts calendar days', () => {
    expect(addCalendarDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(addCalendarDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(calendarDaysBetween('2026-03-01', '2026-04-30')).toBe(60);
    expect(calendarDaysBetween('2026-03-09', '2026-03-08')).toBe(-1);
  });
});

describe('reminder thresholds', () => {
  it('reaches the smallest threshold not below the days left', () => {
    expect(reachedThreshold(61)).toBeUndefined();
    expect(reachedThreshold(60)).toBe(60);
    expect(reachedThreshold(31)).toBe(60);
    expect(reachedThreshold(30)).toBe(30);
    expect(reachedThreshold(10)).toBe(14);
    expect(reachedThreshold(7)).toBe(7);
    expect(reachedThreshold(2)).toBe(7);
    expect(reachedThreshold(1)).toBe(1);
    expect(reachedThreshold(0)).toBe(1);
    expect(reachedThreshold(-3)).toBe(1);
  });

  it('turns a threshold into a range of due instants that matches reachedThreshold', () => {
    const today = '2026-03-02';
    for (const threshold of [60, 30, 14, 7, 1] as const) {
      const { after, upTo } = thresholdRange(today, threshold, NY);
      expect(reachedThreshold(calendarDaysBetween(today, dueDayOf(upTo, NY)))).toBe(threshold);
      if (after)
        expect(reachedThreshold(calendarDaysBetween(today, dueDayOf(new Date(after.getTime() + 1), NY)))).toBe(threshold);
    }
  });
});
