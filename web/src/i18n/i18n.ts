import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import es from './es.json';

export const supportedLanguages = ['en', 'es'] as const;
export type Language = (typeof supportedLanguages)[number];

export const languageStorageKey = 'rolecall.lang';

function isLanguage(value: string | null | undefined): value is Language {
  return supportedLanguages.some((language) => language === value);
}

function readStoredLanguage(): Language | undefined {
  try {
    const stored = window.localStorage.getItem(languageStorageKey);
    return isLanguage(stored) ? stored : undefined;
  } catch {
    // Storage can be disabled (private modes, strict policies); the site still works without it.
    return undefined;
  }
}

// A stored choice wins; otherwise follow the browser, so a Spanish-speaking visitor's first page
// is already in Spanish.
export function initialLanguage(): Language {
  const stored = readStoredLanguage();
  if (stored) return stored;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

function reflectLanguage(language: string): void {
  document.documentElement.lang = language;
}

export function changeLanguage(language: Language): Promise<unknown> {
  try {
    window.localStorage.setItem(languageStorageKey, language);
  } catch {
    // See readStoredLanguage: the choice then lasts for this page only.
  }
  return i18next.changeLanguage(language);
}

export async function setUpI18n(): Promise<void> {
  const lng = initialLanguage();
  i18next.on('languageChanged', reflectLanguage);
  await i18next.use(initReactI18next).init({
    lng,
    fallbackLng: 'en',
    supportedLngs: [...supportedLanguages],
    resources: { en: { translation: en }, es: { translation: es } },
    interpolation: { escapeValue: false },
  });
  // "Enter the legal business name": a label said inside a sentence starts in lower case, unless
  // it starts with an abbreviation ("TIN", "NPI").
  i18next.services.formatter?.add('lowerfirst', (value: unknown) => lowerFirst(String(value)));
  reflectLanguage(lng);
}

export function lowerFirst(text: string): string {
  const [first, second] = text;
  if (first === undefined || (second !== undefined && second === second.toUpperCase() && second !== second.toLowerCase()))
    return text;
  return first.toLowerCase() + text.slice(1);
}
