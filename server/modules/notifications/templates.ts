import type { Language } from '../../http/errors.js';

/**
 * Email templates, each in English and Spanish. A template turns typed parameters into a
 * subject and a plain-text body; the HTML part is derived from the text so the two never drift.
 */
export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

interface TemplateText {
  subject: string;
  /** Paragraphs; blank lines separate them. */
  body: string;
}

type TemplateDefinition<P> = Record<Language, (params: P) => TemplateText>;

function defineTemplate<P>(definition: TemplateDefinition<P>): TemplateDefinition<P> {
  return definition;
}

export const TEMPLATES = {
  /** Sent by an administrator to check that mail delivery works. */
  'system.test': defineTemplate<{ sentBy: string }>({
    en: ({ sentBy }) => ({
      subject: 'Rolecall test message',
      body: `This is a test message from Rolecall, sent by ${sentBy}.\n\nIf you can read it, email delivery works.`,
    }),
    es: ({ sentBy }) => ({
      subject: 'Mensaje de prueba de Rolecall',
      body: `Este es un mensaje de prueba de Rolecall, enviado por ${sentBy}.\n\nSi puede leerlo, el envío de correo funciona.`,
    }),
  }),
};

export type TemplateName = keyof typeof TEMPLATES;
export type TemplateParams<T extends TemplateName> = Parameters<(typeof TEMPLATES)[T]['en']>[0];

const FOOTER: Record<Language, string> = {
  en: 'This message was sent by Rolecall. Please do not reply to it.',
  es: 'Este mensaje fue enviado por Rolecall. No responda a este mensaje.',
};

export function renderTemplate<T extends TemplateName>(name: T, language: Language, params: TemplateParams<T>): RenderedMessage {
  const render = TEMPLATES[name][language] as (p: TemplateParams<T>) => TemplateText;
  const { subject, body } = render(params);
  const text = `${body}\n\n--\n${FOOTER[language]}\n`;
  const paragraphs = [...body.split(/\n{2,}/), FOOTER[language]]
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
  const html = `<!doctype html>\n<html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>\n${paragraphs}\n</body></html>\n`;
  return { subject, text, html };
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
