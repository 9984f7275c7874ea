import type { Language } from '../../http/errors.js';

const TEXTS: Record<Language, { title: string; body: string; code: string; home: string }> = {
  en: {
    title: 'Sign-in could not continue',
    body: 'The application that sent you here asked Rolecall for something it cannot do. Go back to the application and try again. If it happens again, tell the application’s administrators what is written below.',
    code: 'Error',
    home: 'Go to Rolecall',
  },
  es: {
    title: 'No se pudo continuar con el inicio de sesión',
    body: 'La aplicación que lo envió aquí le pidió a Rolecall algo que no puede hacer. Vuelva a la aplicación e inténtelo de nuevo. Si vuelve a ocurrir, informe a los administradores de la aplicación lo que dice abajo.',
    code: 'Error',
    home: 'Ir a Rolecall',
  },
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/**
 * The page a person sees when the provider cannot send them back to the application (a redirect
 * URI not registered, a request it cannot parse): what happened in their language, the protocol's
 * error for the application's administrators, and a way out. Plain HTML: no script, no style.
 */
export function errorPage(language: Language, error: { error: string; error_description?: string }): string {
  const text = TEXTS[language];
  const detail = error.error_description ? `${error.error}: ${error.error_description}` : error.error;
  return `<!doctype html>
<html lang="${language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(text.title)} | Rolecall</title></head>
<body>
<main>
<h1>${escapeHtml(text.title)}</h1>
<p>${escapeHtml(text.body)}</p>
<p>${escapeHtml(text.code)}: <code>${escapeHtml(detail)}</code></p>
<p><a href="/">${escapeHtml(text.home)}</a></p>
</main>
</body>
</html>
`;
}
