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
