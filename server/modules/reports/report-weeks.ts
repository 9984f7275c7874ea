import { calendarDateIn, startOfDayIn, toTimestamp } from '../../shared/time.js';

/*
 * The weeks of the program report: ISO 8601 weeks, Monday to Sunday, in the program's time zone,
 * the last one being the week in progress. Pure: the instant and the zone are passed in.
 */

export interface ReportWeek {
  /** The ISO week, e.g. 2026-W49: the year is the one its Thursday falls in. */
  week: string;
  /** Its Monday and Sunday (YYYY-MM-DD). */
  start: string;
  end: string;
  /** The week in progress: counted up to now. */
  current: boolean;
}

function utcDay(day: string): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date));
}

function moveDays(day: string, days: number): string {
  const date = utcDay(day);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The ISO week of the week starting on Monday `monday`. */
export function isoWeekOf(monday: string): string {
  const thursday = moveDays(monday, 3);
  const year = thursday.slice(0, 4);
  const dayOfYear = Math.round((utcDay(thursday).getTime() - utcDay(`${year}-01-01`).getTime()) / 86_400_000);
  return `${year}-W${String(Math.floor(dayOfYear / 7) + 1).padStart(2, '0')}`;
}

/**
 * The last `count` weeks up to the one `now` falls in, oldest first, and their boundaries: the
 * instants their Mondays begin in `timeZone`, then the next Monday's, `count + 1` in all. A row
 * belongs to week i when boundaries[i] <= its time < boundaries[i + 1].
 */
export function reportWeeks(now: Date, count: number, timeZone: string): { weeks: ReportWeek[]; boundaries: string[] } {
  const today = calendarDateIn(now, timeZone);
  const sinceMonday = (utcDay(today).getUTCDay() + 6) % 7;
  const thisMonday = moveDays(today, -sinceMonday);
  const mondays = Array.from({ length: count + 1 }, (_, index) => moveDays(thisMonday, 7 * (index - count + 1)));
  return {
    weeks: mondays.slice(0, -1).map((monday, index) => ({
      week: isoWeekOf(monday),
      start: monday,
      end: moveDays(monday, 6),
      current: index === count - 1,
    })),
    boundaries: mondays.map((monday) => toTimestamp(startOfDayIn(monday, timeZone))),
  };
}
