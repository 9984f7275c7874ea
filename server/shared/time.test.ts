import { describe, expect, it } from 'vitest';
import { addDays, addMilliseconds, calendarDateIn, endOfDayIn, startOfDayIn, toTimestamp } from './time.js';

const HOUR = 3_600_000;

function dayLength(isoDate: string, nextIsoDate: string, timeZone: string): number {
  return startOfDayIn(nextIsoDate, timeZone).getTime() - startOfDayIn(isoDate, timeZone).getTime();
}

function everyDayOf(year: number): string[] {
  const days: string[] = [];
  for (let date = new Date(Date.UTC(year, 0, 1)); date.getUTCFullYear() === year; date = addDays(date, 1)) {
    days.push(date.toISOString().slice(0, 10));
  }
  return days;
}

describe('endOfDayIn America/New_York', () => {
  it('ends a summer day at 23:59:59.999 EDT', () => {
    expect(endOfDayIn('2026-07-15', 'America/New_York').toISOString()).toBe('2026-07-16T03:59:59.999Z');
  });

  it('ends a winter day at 23:59:59.999 EST', () => {
    expect(endOfDayIn('2026-01-15', 'America/New_York').toISOString()).toBe('2026-01-16T04:59:59.999Z');
  });

  it('ends the day clocks spring forward in EDT', () => {
    expect(endOfDayIn('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-09T03:59:59.999Z');
  });

  it('ends the day clocks fall back in EST', () => {
    expect(endOfDayIn('2026-11-01', 'America/New_York').toISOString()).toBe('2026-11-02T04:59:59.999Z');
  });

  it('ends the days either side of a change in the right offset', () => {
    expect(endOfDayIn('2026-03-07', 'America/New_York').toISOString()).toBe('2026-03-08T04:59:59.999Z');
    expect(endOfDayIn('2026-10-31', 'America/New_York').toISOString()).toBe('2026-11-01T03:59:59.999Z');
  });

  it('rolls over months, years and leap days', () => {
    expect(endOfDayIn('2026-12-31', 'America/New_York').toISOString()).toBe('2027-01-01T04:59:59.999Z');
    expect(endOfDayIn('2026-06-30', 'America/New_York').toISOString()).toBe('2026-07-01T03:59:59.999Z');
    expect(endOfDayIn('2028-02-28', 'America/New_York').toISOString()).toBe('2028-02-29T04:59:59.999Z');
    expect(endOfDayIn('2028-02-29', 'America/New_York').toISOString()).toBe('2028-03-01T04:59:59.999Z');
    expect(endOfDayIn('2027-02-28', 'America/New_York').toISOString()).toBe('2027-03-01T04:59:59.999Z');
  });
});

describe('startOfDayIn', () => {
  it('is midnight local time', () => {
    expect(startOfDayIn('2026-07-15', 'America/New_York').toISOString()).toBe('2026-07-15T04:00:00.000Z');
    expect(startOfDayIn('2026-01-15', 'America/New_York').toISOString()).toBe('2026-01-15T05:00:00.000Z');
  });

  it('is one millisecond after the end of the previous day', () => {
    for (const day of ['2026-01-15', '2026-03-09', '2026-11-02', '2026-07-15']) {
      const previous = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      expect(startOfDayIn(day, 'America/New_York').getTime() - endOfDayIn(previous, 'America/New_York').getTime()).toBe(1);
    }
  });

  it('gives the spring-forward day in New York 23 hours', () => {
    expect(dayLength('2026-03-08', '2026-03-09', 'America/New_York')).toBe(23 * HOUR);
  });

  it('gives the fall-back day in New York 25 hours', () => {
    expect(dayLength('2026-11-01', '2026-11-02', 'America/New_York')).toBe(25 * HOUR);
  });

  it('gives ordinary days 24 hours', () => {
    expect(dayLength('2026-03-07', '2026-03-08', 'America/New_York')).toBe(24 * HOUR);
    expect(dayLength('2026-03-09', '2026-03-10', 'America/New_York')).toBe(24 * HOUR);
    expect(dayLength('2026-10-31', '2026-11-01', 'America/New_York')).toBe(24 * HOUR);
    expect(dayLength('2026-07-15', '2026-07-16', 'America/New_York')).toBe(24 * HOUR);
  });

  it('gives 24 hours to every day of the year in a zone without daylight saving', () => {
    const days = everyDayOf(2026);
    for (let i = 0; i + 1 < days.length; i++) {
      expect(dayLength(days[i]!, days[i + 1]!, 'America/Puerto_Rico')).toBe(24 * HOUR);
    }
  });

  it('gives exactly one short and one long day per year in New York', () => {
    const days = everyDayOf(2026);
    const unusual: Record<string, number> = {};
    for (let i = 0; i + 1 < days.length; i++) {
      const hours = dayLength(days[i]!, days[i + 1]!, 'America/New_York') / HOUR;
      if (hours !== 24) unusual[days[i]!] = hours;
    }
    expect(unusual).toEqual({ '2026-03-08': 23, '2026-11-01': 25 });
  });
});

describe('other time zones', () => {
  it('America/Puerto_Rico is UTC-4 all year', () => {
    expect(endOfDayIn('2026-01-15', 'America/Puerto_Rico').toISOString()).toBe('2026-01-16T03:59:59.999Z');
    expect(endOfDayIn('2026-07-15', 'America/Puerto_Rico').toISOString()).toBe('2026-07-16T03:59:59.999Z');
    expect(endOfDayIn('2026-03-08', 'America/Puerto_Rico').toISOString()).toBe('2026-03-09T03:59:59.999Z');
  });

  it('UTC ends the day at 23:59:59.999Z', () => {
    expect(startOfDayIn('2026-07-15', 'UTC').toISOString()).toBe('2026-07-15T00:00:00.000Z');
    expect(endOfDayIn('2026-07-15', 'UTC').toISOString()).toBe('2026-07-15T23:59:59.999Z');
    expect(endOfDayIn('2026-12-31', 'UTC').toISOString()).toBe('2026-12-31T23:59:59.999Z');
  });

  it('Pacific/Auckland ends its days before UTC does, in NZDT and NZST', () => {
    expect(endOfDayIn('2026-01-15', 'Pacific/Auckland').toISOString()).toBe('2026-01-15T10:59:59.999Z');
    expect(endOfDayIn('2026-07-15', 'Pacific/Auckland').toISOString()).toBe('2026-07-15T11:59:59.999Z');
    expect(startOfDayIn('2026-07-15', 'Pacific/Auckland').toISOString()).toBe('2026-07-14T12:00:00.000Z');
  });

  it('Pacific/Auckland has a 25-hour day in April and a 23-hour day in September', () => {
    expect(dayLength('2026-04-05', '2026-04-06', 'Pacific/Auckland')).toBe(25 * HOUR);
    expect(dayLength('2026-09-27', '2026-09-28', 'Pacific/Auckland')).toBe(23 * HOUR);
    expect(endOfDayIn('2026-04-05', 'Pacific/Auckland').toISOString()).toBe('2026-04-05T11:59:59.999Z');
    expect(endOfDayIn('2026-09-27', 'Pacific/Auckland').toISOString()).toBe('2026-09-27T10:59:59.999Z');
  });

  it.each(['America/New_York', 'America/Puerto_Rico', 'UTC', 'Pacific/Auckland'])(
    'every day of 2026 in %s ends on that calendar day and the next millisecond is the next day',
    (timeZone) => {
      const days = everyDayOf(2026);
      for (let i = 0; i + 1 < days.length; i++) {
        const end = endOfDayIn(days[i]!, timeZone);
        expect(calendarDateIn(end, timeZone)).toBe(days[i]);
        expect(calendarDateIn(addMilliseconds(end, 1), timeZone)).toBe(days[i + 1]);
        expect(calendarDateIn(startOfDayIn(days[i]!, timeZone), timeZone)).toBe(days[i]);
      }
    },
  );

  it('starts a day whose midnight is skipped at its first instant (America/Santiago, 2026-09-06)', () => {
    const start = startOfDayIn('2026-09-06', 'America/Santiago');
    expect(calendarDateIn(start, 'America/Santiago')).toBe('2026-09-06');
    expect(calendarDateIn(addMilliseconds(endOfDayIn('2026-09-05', 'America/Santiago'), 1), 'America/Santiago')).toBe(
      '2026-09-06',
    );
  });
});

describe('calendarDateIn', () => {
  it('puts the last millisecond before New York midnight on the earlier day', () => {
    expect(calendarDateIn(new Date('2026-07-16T03:59:59.999Z'), 'America/New_York')).toBe('2026-07-15');
    expect(calendarDateIn(new Date('2026-07-16T04:00:00.000Z'), 'America/New_York')).toBe('2026-07-16');
    expect(calendarDateIn(new Date('2026-01-16T04:59:59.999Z'), 'America/New_York')).toBe('2026-01-15');
    expect(calendarDateIn(new Date('2026-01-16T05:00:00.000Z'), 'America/New_York')).toBe('2026-01-16');
  });

  it('differs between zones for the same instant', () => {
    const instant = new Date('2026-07-15T12:30:00.000Z');
    expect(calendarDateIn(instant, 'UTC')).toBe('2026-07-15');
    expect(calendarDateIn(instant, 'Pacific/Auckland')).toBe('2026-07-16');
    expect(calendarDateIn(new Date('2026-07-16T02:00:00.000Z'), 'America/New_York')).toBe('2026-07-15');
    expect(calendarDateIn(new Date('2026-07-16T02:00:00.000Z'), 'UTC')).toBe('2026-07-16');
  });

  it('handles UTC midnight and year boundaries', () => {
    expect(calendarDateIn(new Date('2026-12-31T23:59:59.999Z'), 'UTC')).toBe('2026-12-31');
    expect(calendarDateIn(new Date('2027-01-01T00:00:00.000Z'), 'UTC')).toBe('2027-01-01');
    expect(calendarDateIn(new Date('2027-01-01T04:59:59.999Z'), 'America/New_York')).toBe('2026-12-31');
    expect(calendarDateIn(new Date('2026-12-31T10:59:59.999Z'), 'Pacific/Auckland')).toBe('2026-12-31');
    expect(calendarDateIn(new Date('2026-12-31T11:00:00.000Z'), 'Pacific/Auckland')).toBe('2027-01-01');
  });

  it('pads months and days to two digits', () => {
    expect(calendarDateIn(new Date('2026-02-03T12:00:00.000Z'), 'UTC')).toBe('2026-02-03');
  });

  it('agrees with formatting in the zone at every instant, across clock changes of every shape', () => {
    // Changes of an hour (New York, London), half an hour (Lord Howe), at odd offsets (St John's,
    // Chatham, Kathmandu), a skipped midnight (Santiago) and a skipped day (Apia, 2011-12-30).
    const zones = [
      'America/New_York',
      'Europe/London',
      'Australia/Lord_Howe',
      'America/St_Johns',
      'Pacific/Chatham',
      'Asia/Kathmandu',
      'America/Santiago',
      'Pacific/Apia',
      'UTC',
    ];
    const years = [
      [Date.UTC(2011, 0, 1), Date.UTC(2012, 0, 1)],
      [Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1)],
    ];
    const step = 37 * 60_000 + 13_001; // not a divisor of an hour: instants fall at every minute of the day
    for (const timeZone of zones) {
      const formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
      const expected = (ms: number) => {
        const parts = formatter.formatToParts(ms);
        const get = (type: string) => parts.find((part) => part.type === type)?.value;
        return `${get('year')}-${get('month')}-${get('day')}`;
      };
      const wrong: string[] = [];
      for (const [from, to] of years) {
        for (let ms = from!; ms < to!; ms += step) {
          if (calendarDateIn(new Date(ms), timeZone) !== expected(ms)) wrong.push(new Date(ms).toISOString());
        }
      }
      expect({ timeZone, wrong: wrong.slice(0, 5) }).toEqual({ timeZone, wrong: [] });
    }
  });
});

describe('timestamps and arithmetic', () => {
  it('toTimestamp writes ISO-8601 UTC with milliseconds', () => {
    expect(toTimestamp(new Date(Date.UTC(2026, 0, 1, 12, 0, 0, 5)))).toBe('2026-01-01T12:00:00.005Z');
  });

  it('addDays moves by whole 24-hour days, forwards and backwards', () => {
    const start = new Date('2026-01-01T12:00:00.000Z');
    expect(addDays(start, 10).toISOString()).toBe('2026-01-11T12:00:00.000Z');
    expect(addDays(start, -1).toISOString()).toBe('2025-12-31T12:00:00.000Z');
    expect(addDays(start, 0).toISOString()).toBe(start.toISOString());
    expect(addDays(start, 365).toISOString()).toBe('2027-01-01T12:00:00.000Z');
    expect(addDays(new Date('2028-02-28T00:00:00.000Z'), 1).toISOString()).toBe('2028-02-29T00:00:00.000Z');
  });

  it('addDays counts exact days across a daylight-saving change', () => {
    expect(addDays(new Date('2026-03-07T12:00:00.000Z'), 2).getTime() - Date.parse('2026-03-07T12:00:00.000Z')).toBe(48 * HOUR);
  });

  it('addDays does not change its argument', () => {
    const start = new Date('2026-01-01T12:00:00.000Z');
    addDays(start, 3);
    expect(start.toISOString()).toBe('2026-01-01T12:00:00.000Z');
  });

  it('addMilliseconds adds milliseconds', () => {
    expect(addMilliseconds(new Date('2026-01-01T23:59:59.999Z'), 1).toISOString()).toBe('2026-01-02T00:00:00.000Z');
    expect(addMilliseconds(new Date('2026-01-01T00:00:00.000Z'), -1).toISOString()).toBe('2025-12-31T23:59:59.999Z');
  });
});
