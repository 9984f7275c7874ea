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
 * A page of the provider's, served without the web app's script: the web app's stylesheets
 * (`stylesheets`, from its build; none when it is not built) and USWDS's classes, no inline style
 * or script (the security headers allow neither).
 */
function page(stylesheets: readonly string[], language: Language, title: string, body: string): string {
  const links = stylesheets.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`).join('');
  return `<!doctype html>
<html lang="${language}" class="rc-text-medium">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} | Rolecall</title><link rel="icon" href="/favicon.svg" type="image/svg+xml">${links}</head>
<body>
<main id="main-content" class="grid-container usa-section">
<div class="usa-prose">
<h1>${escapeHtml(title)}</h1>
${body}
</div>
</main>
</body>
</html>
`;
}

const LOGOUT: Record<
  Language,
  { title: string; body: string; yes: string; no: string; done: string; doneBody: string; home: string }
> = {
  en: {
    title: 'Sign out of Rolecall?',
    body: 'The application you were using asks to sign you out. Signing out ends your Rolecall session too: every application you signed in to through Rolecall will ask you to sign in again.',
    yes: 'Yes, sign me out',
    no: 'No, stay signed in',
    done: 'You signed out',
    doneBody: 'Your Rolecall session has ended.',
    home: 'Go to Rolecall',
  },
  es: {
    title: '¿Cerrar sesión en Rolecall?',
    body: 'La aplicación que usaba pide cerrar su sesión. Al cerrarla también termina su sesión de Rolecall: cada aplicación en la que inició sesión con Rolecall le pedirá iniciar sesión de nuevo.',
    yes: 'Sí, cerrar sesión',
    no: 'No, seguir con la sesión iniciada',
    done: 'Cerró sesión',
    doneBody: 'Su sesión de Rolecall terminó.',
    home: 'Ir a Rolecall',
  },
};

export interface ProviderPages {
  /**
   * The question an application's sign-out (RP-initiated logout) asks the person; `form` is the
   * provider's form (its action and anti-forgery token), which both buttons submit.
   */
  logoutPage(language: Language, form: string): string;
  /** After a sign-out the application did not ask to be sent back from. */
  signedOutPage(language: Language): string;
  /**
   * The page a person sees when the provider cannot send them back to the application (a redirect
   * URI not registered, a request it cannot parse): what happened in their language, the
   * protocol's error for the application's administrators, and a way out.
   */
  errorPage(language: Language, error: { error: string; error_description?: string }): string;
}

/** The provider's pages, styled with the web app's `stylesheets`. */
export function providerPages(stylesheets: readonly string[]): ProviderPages {
  function logoutPage(language: Language, form: string): string {
    const text = LOGOUT[language];
    return page(
      stylesheets,
      language,
      text.title,
      `<p>${escapeHtml(text.body)}</p>
${form}
<p><button type="submit" class="usa-button" form="op.logoutForm" name="logout" value="yes">${escapeHtml(text.yes)}</button>
<button type="submit" class="usa-button usa-button--outline" form="op.logoutForm">${escapeHtml(text.no)}</button></p>`,
    );
  }

  function signedOutPage(language: Language): string {
    const text = LOGOUT[language];
    return page(
      stylesheets,
      language,
      text.done,
      `<p>${escapeHtml(text.doneBody)}</p>
<p><a class="usa-link" href="/">${escapeHtml(text.home)}</a></p>`,
    );
  }

  function errorPage(language: Language, error: { error: string; error_description?: string }): string {
    const text = TEXTS[language];
    const detail = error.error_description ? `${error.error}: ${error.error_description}` : error.error;
    return page(
      stylesheets,
      language,
      text.title,
      `<p>${escapeHtml(text.body)}</p>
<p>${escapeHtml(text.code)}: <code>${escapeHtml(detail)}</code></p>
<p><a class="usa-link" href="/">${escapeHtml(text.home)}</a></p>`,
    );
  }

  return { logoutPage, signedOutPage, errorPage };
}
