import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

function useLanguage(): string {
  const { i18n } = useTranslation();
  return i18n.resolvedLanguage ?? 'en';
}

export function useDateTimeFormat(): Intl.DateTimeFormat {
  const language = useLanguage();
  return useMemo(() => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }), [language]);
}

/** A day without its time, e.g. for a certification due date. */
export function useDateFormat(): Intl.DateTimeFormat {
  const language = useLanguage();
  return useMemo(() => new Intl.DateTimeFormat(language, { dateStyle: 'medium' }), [language]);
}

export function useTimeFormat(): Intl.DateTimeFormat {
  const language = useLanguage();
  return useMemo(() => new Intl.DateTimeFormat(language, { timeStyle: 'short' }), [language]);
}

/** A server timestamp for people, or the text itself when it is not a date. */
export function formatDate(format: Intl.DateTimeFormat, iso: string | null | undefined, empty = ''): string {
  if (!iso) return empty;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : format.format(date);
}

/**
 * How long ago something was, in words, from whole days ("5 months ago", "yesterday"): days
 * within a month, months within a year, years beyond. Day 0 is `today`. The server counts the
 * days by its clock, as it counts the days left to a due day.
 */
export function useDaysAgo(): (days: number, today: string) => string {
  const language = useLanguage();
  return useMemo(() => {
    const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
    return (days: number, today: string) => {
      if (days < 1) return today;
      if (days < 31) return format.format(-days, 'day');
      if (days < 365) return format.format(-Math.floor(days / 30.44), 'month');
      return format.format(-Math.floor(days / 365.25), 'year');
    };
  }, [language]);
}
