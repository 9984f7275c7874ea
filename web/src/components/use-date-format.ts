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

const DAY_MS = 86_400_000;

/**
 * How long ago a server timestamp was, in words ("5 months ago", "yesterday"): days within a
 * month, months within a year, years beyond. Today's is `today`.
 */
export function useTimeAgo(): (iso: string, today: string) => string {
  const language = useLanguage();
  return useMemo(() => {
    const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
    return (iso: string, today: string) => {
      const days = Math.floor((Date.now() - Date.parse(iso)) / DAY_MS);
      if (days < 1) return today;
      if (days < 31) return format.format(-days, 'day');
      if (days < 365) return format.format(-Math.floor(days / 30.44), 'month');
      return format.format(-Math.floor(days / 365.25), 'year');
    };
  }, [language]);
}
