/** A text in each language the pages and emails speak; Spanish falls back to English when missing. */
export interface Localized {
  readonly en: string;
  readonly es: string;
}

/** A text in English with its Spanish version, '' meaning "none": the English one stands in. */
export function localized(en: string, es: string): Localized {
  return { en, es: es || en };
}

/** A catalog entry's name in both languages. */
export function localizedName(item: { name: string; nameEs: string }): Localized {
  return localized(item.name, item.nameEs);
}

/** A text that may exist in one language only, said in `language`. */
export function say(text: string | Localized, language: 'en' | 'es'): string {
  return typeof text === 'string' ? text : text[language];
}
