import { describe, expect, it } from 'vitest';
import { isoWeekOf, reportWeeks } from './report-weeks.js';

describe('report weeks', () => {
  it('name ISO weeks by the year of their Thursday, including a 53rd week', () => {
    expect(isoWeekOf('2025-12-29')).toBe('2026-W01');
    expect(isoWeekOf('2026-12-07')).toBe('2026-W50');
    expect(isoWeekOf('2026-12-28')).toBe('2026-W53');
    expect(isoWeekOf('2027-01-04')).toBe('2027-W01');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
  });

  it('end with the week in progress in the program time zone, not in UTC', () => {
    // Sunday 13 December, 22:00 in New York, already Monday in UTC.
    const { weeks, boundaries } = reportWeeks(new Date('2026-12-14T03:00:00.000Z'), 2, 'America/New_York');
    expect(weeks).toEqual([
      { week: '2026-W49', start: '2026-11-30', end: '2026-12-06', current: false },
      { week: '2026-W50', start: '2026-12-07', end: '2026-12-13', current: true },
    ]);
    expect(boundaries).toEqual(['2026-11-30T05:00:00.000Z', '2026-12-07T05:00:00.000Z', '2026-12-14T05:00:00.000Z']);
  });

  it('start each week at local midnight across a daylight-saving change and a new year', () => {
    const spring = reportWeeks(new Date('2026-03-10T12:00:00.000Z'), 2, 'America/New_York');
    expect(spring.boundaries).toEqual(['2026-03-02T05:00:00.000Z', '2026-03-09T04:00:00.000Z', '2026-03-16T04:00:00.000Z']);
    const newYear = reportWeeks(new Date('2027-01-05T12:00:00.000Z'), 2, 'UTC');
    expect(newYear.weeks.map((week) => week.week)).toEqual(['2026-W53', '2027-W01']);
    expect(newYear.weeks[0]).toMatchObject({ start: '2026-12-28', end: '2027-01-03' });
  });
});
