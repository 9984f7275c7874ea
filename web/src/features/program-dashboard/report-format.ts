import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestWeek } from './program-dashboard-api';

/** Whole numbers, hours to a tenth and shares as percentages, in the page's language. */
export function useFigures() {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  return useMemo(() => {
    const whole = new Intl.NumberFormat(language, { maximumFractionDigits: 0 });
    const tenth = new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const percent = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 });
    return {
      count: (value: number) => whole.format(value),
      hours: (value: number) => tenth.format(value),
      share: (part: number, total: number) => (total === 0 ? null : percent.format(part / total)),
    };
  }, [language]);
}

/**
 * A week's names: its first day, short (a chart's axis), and its days from Monday to Sunday (a
 * table's row). The days are calendar days of the program's time zone, formatted as such.
 */
export function useWeekNames() {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  return useMemo(() => {
    const day = new Intl.DateTimeFormat(language, { month: 'short', day: 'numeric', timeZone: 'UTC' });
    const dayWithYear = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' });
    const at = (date: string) => new Date(`${date}T00:00:00.000Z`);
    return {
      short: (week: RequestWeek) => day.format(at(week.start)),
      range: (week: RequestWeek) => `${day.format(at(week.start))} – ${dayWithYear.format(at(week.end))}`,
      /** The first and last day of a run of weeks. */
      period: (weeks: readonly RequestWeek[]) => ({
        first: weeks[0] ? dayWithYear.format(at(weeks[0].start)) : '',
        last: weeks.at(-1) ? dayWithYear.format(at(weeks.at(-1)!.end)) : '',
      }),
    };
  }, [language]);
}
