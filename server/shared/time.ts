/**
 * Timestamps are stored as ISO-8601 UTC text with milliseconds ("2026-01-01T12:00:00.000Z") in
 * both databases, so they compare correctly as strings and read the same everywhere.
 */
export function toTimestamp(date: Date): string {
  return date.toISOString();
}

export function addMilliseconds(date: Date, ms: number): Date {
  return new Date(date.getTime() + ms);
}

export function addDays(date: Date, days: number): Date {
  return addMilliseconds(date, days * 86_400_000);
}

/**
 * One formatter per time zone and purpose, made once: building an Intl.DateTimeFormat costs far
 * more than formatting with it, and a list page works out a due day for every row.
 */
function cachedFormatter(cache: Map<string, Intl.DateTimeFormat>, timeZone: string, make: () => Intl.DateTimeFormat) {
  let formatter = cache.get(timeZone);
  if (!formatter) {
    formatter = make();
    cache.set(timeZone, formatter);
  }
  return formatter;
}
const calendarDateFormatters = new Map<string, Intl.DateTimeFormat>();
const wallClockFormatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (YYYY-MM-DD) that `date` falls on in `timeZone`. */
export function calendarDateIn(date: Date, timeZone: string): string {
  const ms = date.getTime();
  const offset = steadyOffsetOnUtcDay(ms, timeZone);
  if (offset !== undefined) return new Date(ms + offset).toISOString().slice(0, 10);
  return formattedCalendarDate(date, timeZone);
}

function formattedCalendarDate(date: Date, timeZone: string): string {
  const parts = cachedFormatter(
    calendarDateFormatters,
    timeZone,
    () => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }),
  ).formatToParts(date);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

const DAY_MS = 86_400_000;
/** Per time zone, per UTC day number: the zone's offset all that day, or null on a day the clocks change. */
const steadyOffsets = new Map<string, Map<number, number | null>>();
/** Days each of these memories holds before it starts afresh: years of due dates. */
const DAYS_KEPT = 4096;

/*
 * A list page works out the due day of every row, and formatting a date in a time zone costs
 * microseconds each time. A zone's offset changes at most on a few days a year, so it is found
 * once per UTC day: when the offset at the day's first and last millisecond agree, the clocks did
 * not change that day and every instant of it is its UTC time moved by that offset. Days with a
 * change are formatted one instant at a time.
 */
function steadyOffsetOnUtcDay(ms: number, timeZone: string): number | undefined {
  let days = steadyOffsets.get(timeZone);
  if (!days) {
    days = new Map();
    steadyOffsets.set(timeZone, days);
  }
  const day = Math.floor(ms / DAY_MS);
  let offset = days.get(day);
  if (offset === undefined) {
    const first = zoneOffsetMs(new Date(day * DAY_MS), timeZone);
    const last = zoneOffsetMs(new Date(day * DAY_MS + DAY_MS - 1), timeZone);
    offset = first === last ? first : null;
    if (days.size >= DAYS_KEPT) days.clear();
    days.set(day, offset);
  }
  return offset ?? undefined;
}

/**
 * The last instant (23:59:59.999) of the calendar day `isoDate` in `timeZone`, as a UTC Date.
 * Certification expiry happens at the end of the due day in the program's time zone.
 */
export function endOfDayIn(isoDate: string, timeZone: string): Date {
  const nextMidnight = startOfDayIn(nextCalendarDate(isoDate), timeZone);
  return new Date(nextMidnight.getTime() - 1);
}

/** Per time zone and calendar day: its first instant, found once (see startOfDayIn). */
const dayStarts = new Map<string, number>();

/** Midnight at the start of the calendar day `isoDate` in `timeZone`, as a UTC Date. */
export function startOfDayIn(isoDate: string, timeZone: string): Date {
  // Every list request asks for the start of today and the end of its window: kept, as a day
  // starts at the same instant however often it is asked.
  const key = `${timeZone} ${isoDate}`;
  let start = dayStarts.get(key);
  if (start === undefined) {
    start = firstInstantOf(isoDate, timeZone);
    if (dayStarts.size >= DAYS_KEPT) dayStarts.clear();
    dayStarts.set(key, start);
  }
  return new Date(start);
}

function firstInstantOf(isoDate: string, timeZone: string): number {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  // Guess midnight UTC, then correct by the zone's offset at that moment; a second pass settles
  // days on which the offset changes (daylight saving).
  let guess = Date.UTC(year, month - 1, day);
  for (let pass = 0; pass < 2; pass++) {
    const offset = zoneOffsetMs(new Date(guess), timeZone);
    guess = Date.UTC(year, month - 1, day) - offset;
  }
  const isDayOrLater = (ms: number) => calendarDateIn(new Date(ms), timeZone) >= isoDate;
  if (isDayOrLater(guess) && !isDayOrLater(guess - 1)) return guess;
  // Midnight does not exist that day (clocks jump from 00:00 to 01:00) or happens twice: find
  // the day's first instant by bisection within the few hours around the guess.
  let before = guess - 4 * 3_600_000;
  let from = guess + 4 * 3_600_000;
  while (from - before > 1) {
    const middle = Math.floor((before + from) / 2);
    if (isDayOrLater(middle)) from = middle;
    else before = middle;
  }
  return from;
}

function nextCalendarDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}

/** How far `timeZone` is ahead of UTC at `date`, in milliseconds (negative west of Greenwich). */
function zoneOffsetMs(date: Date, timeZone: string): number {
  const parts = cachedFormatter(
    wallClockFormatters,
    timeZone,
    () =>
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      }),
  ).formatToParts(date);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(date.getTime() / 1000) * 1000;
}
