import { addDays, calendarDateIn, endOfDayIn, startOfDayIn } from '../../shared/time.js';

/**
 * When a role's certification falls due, and the calendar days the rules speak of. Pure: no
 * database, no clock; every instant is passed in. Dates (YYYY-MM-DD) are calendar days in the
 * program's time zone; due instants are UTC Dates.
 */
export interface DueDateRules {
  readonly timeZone: string;
  /** Assignments established before this day had the fixed first due date below; undefined: no legacy rule. */
  readonly legacyCutoff: string | undefined;
  readonly legacyFirstDue: string | undefined;
}

export interface CertifiedRole {
  readonly certifiedBy: 'org_approvers' | 'help_desk' | 'none';
  readonly certificationPeriodDays: number;
}

/**
 * The first due date of an assignment: one period after it was established, except that an
 * assignment established before the legacy cutoff is due on the fixed legacy date (CMS: roles
 * from before July 2021 were due July 15, 2022). Roles nobody certifies have none.
 */
export function firstDueAt(role: CertifiedRole, establishedAt: Date, rules: DueDateRules): Date | null {
  if (role.certifiedBy === 'none') return null;
  if (
    rules.legacyCutoff !== undefined &&
    rules.legacyFirstDue !== undefined &&
    establishedAt.getTime() < startOfDayIn(rules.legacyCutoff, rules.timeZone).getTime()
  ) {
    return dueAtOnDay(rules.legacyFirstDue, rules.timeZone);
  }
  return addDays(establishedAt, role.certificationPeriodDays);
}

/**
 * After a certification, the next one is due one period after the decision, and always after the
 * due date the decision answered: when a period is not longer than the list window, a role
 * certified early would otherwise fall due sooner than before, onto a due date already decided.
 * A certification decided that early moves the due date one period past the one it answered.
 * Strictly increasing due dates are what let one due date be decided once.
 */
export function nextDueAfterCertification(role: CertifiedRole, decidedAt: Date, answeredDueAt: Date | string): Date | null {
  if (role.certifiedBy === 'none') return null;
  const fromDecision = addDays(decidedAt, role.certificationPeriodDays);
  const answered = new Date(answeredDueAt);
  return fromDecision.getTime() > answered.getTime() ? fromDecision : addDays(answered, role.certificationPeriodDays);
}

/**
 * The due instant for a due day given as a date: twelve hours after the day starts in the time
 * zone, so the day it falls on stays the same whatever the daylight-saving offset.
 */
export function dueAtOnDay(day: string, timeZone: string): Date {
  return new Date(startOfDayIn(day, timeZone).getTime() + 12 * 3_600_000);
}

/** The due day: the calendar date of the due instant in the time zone. */
export function dueDayOf(dueAt: Date | string, timeZone: string): string {
  return calendarDateIn(new Date(dueAt), timeZone);
}

/** An uncertified item expires when its due day ends in the time zone. */
export function expiresAt(dueAt: Date | string, timeZone: string): Date {
  return endOfDayIn(dueDayOf(dueAt, timeZone), timeZone);
}

/** Whether an item due at `dueAt` has expired at `now`. */
export function isExpired(dueAt: Date | string, now: Date, timeZone: string): boolean {
  return now.getTime() > expiresAt(dueAt, timeZone).getTime();
}

/**
 * Items due before this instant have expired at `now`: the start of today in the time zone.
 * Comparing stored due timestamps with it answers isExpired() for many rows in one query.
 */
export function expiredBefore(now: Date, timeZone: string): Date {
  return startOfDayIn(calendarDateIn(now, timeZone), timeZone);
}

/** The end of the list window: items due up to the end of the day `windowDays` days from today. */
export function windowEnd(now: Date, windowDays: number, timeZone: string): Date {
  return endOfDayIn(addCalendarDays(calendarDateIn(now, timeZone), windowDays), timeZone);
}

/** A calendar date moved by whole days (negative goes back). */
export function addCalendarDays(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function calendarDaysBetween(from: string, to: string): number {
  const ms = (day: string) => {
    const [year, month, date] = day.split('-').map(Number) as [number, number, number];
    return Date.UTC(year, month - 1, date);
  };
  return Math.round((ms(to) - ms(from)) / 86_400_000);
}

/** Days before the due day at which the certifiers are reminded. */
export const REMINDER_THRESHOLDS = [60, 30, 14, 7, 1] as const;
export type ReminderThreshold = (typeof REMINDER_THRESHOLDS)[number];

/**
 * The reminder an item has reached today: the smallest threshold not below the days left (an
 * item due in 10 days has crossed 14; one due today or overdue has crossed 1), or undefined
 * while it is further away than the first threshold.
 */
export function reachedThreshold(daysLeft: number): ReminderThreshold | undefined {
  let reached: ReminderThreshold | undefined;
  for (const threshold of REMINDER_THRESHOLDS) if (daysLeft <= threshold) reached = threshold;
  return reached;
}

/**
 * The due instants, for one day `today`, whose items have reached `threshold` and no smaller one:
 * due after the end of the day `next` days from today (the next threshold) and up to the end of
 * the day `threshold` days from today. The smallest threshold has no lower bound.
 */
export function thresholdRange(
  today: string,
  threshold: ReminderThreshold,
  timeZone: string,
): { after: Date | undefined; upTo: Date } {
  const index = REMINDER_THRESHOLDS.indexOf(threshold);
  const next = REMINDER_THRESHOLDS[index + 1];
  return {
    after: next === undefined ? undefined : endOfDayIn(addCalendarDays(today, next), timeZone),
    upTo: endOfDayIn(addCalendarDays(today, threshold), timeZone),
  };
}

/**
 * Whether a string is a real calendar date as YYYY-MM-DD (not 2026-02-30), in years 1900 to 9000:
 * the day after 9999-12-31 has no four-digit year to be written with.
 */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match || Number(match[1]) < 1900 || Number(match[1]) > 9000) return false;
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))).toISOString().slice(0, 10) === value;
}
