/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, chromiumSkipReason, expectNoAxeViolations, launchBrowser } from '../browser/browser.js';
import { expectHeading, openVisit, switchLanguage, takeOverSession, type Visit } from '../browser/visit.js';
import { signedInAdministrator } from '../helpers/accounts.js';
import { startTestServer } from '../helpers/test-server.js';

const hasChromium = chromiumAvailable();
if (!hasChromium) console.log(chromiumSkipReason());

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe.skipIf(!hasChromium)('the web app shell', { timeout: 120_000 }, () => {
  let server: Server;
  let browser: Browser;
  const visits: Visit[] = [];

  beforeAll(async () => {
    // This operator turned the US government banner on; another test starts a server without it.
    [server, browser] = await Promise.all([startTestServer({ env: { ROLECALL_GOV_BANNER: 'true' } }), launchBrowser()]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(visits.map((visit) => visit.context.close()));
    await browser?.close();
    await server?.close();
  });

  // A fresh browser profile per test, English-speaking, that records anything the strict CSP
  // refused, any script error, any refused answer and any request leaving our origin.
  async function openPage(origin: string = server.url): Promise<Visit> {
    const visit = await openVisit(browser, origin);
    visits.push(visit);
    return visit;
  }

  async function expectLanguage(page: Page, language: 'en' | 'es'): Promise<void> {
    await page.waitForFunction((lang) => document.documentElement.lang === lang, language);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);
  }

  // An administrator signed in through the API; the browser takes over the session cookies.
  async function signInAsAdministrator(page: Page): Promise<void> {
    const administrator = await signedInAdministrator(server.app, server.ctx, server.clock);
    await takeOverSession(page.context(), administrator.client, server.url);
  }

  async function rootFontSize(page: Page): Promise<string> {
    return page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
  }

  it('welcomes a visitor in English and in Spanish, with the official banner', async () => {
    const { page, problems } = await openPage();
    await page.goto(`${server.url}/`);

    await expectHeading(page, 'Welcome to Rolecall');
    await expectLanguage(page, 'en');
    expect(await page.title()).toBe('Rolecall');
    await page.getByText('An official website of the United States government').waitFor();
    expect(await page.getByRole('link', { name: 'Sign in' }).last().getAttribute('href')).toBe('/sign-in');
    expect(await page.getByRole('link', { name: 'Create an account' }).last().getAttribute('href')).toBe('/register');
    await expectNoAxeViolations(page, '/ (English)');

    // The banner's disclosure opens in place and its content must pass too.
    const howYouKnow = page.getByRole('button', { name: /^Here.s how you know$/ });
    await howYouKnow.click();
    expect(await howYouKnow.getAttribute('aria-expanded')).toBe('true');
    await page.getByText('Official websites use .gov').waitFor();
    await expectNoAxeViolations(page, '/ (English, banner open)');

    await switchLanguage(page, 'es');
    await expectHeading(page, 'Bienvenido a Rolecall');
    await page.getByText('Un sitio oficial del Gobierno de Estados Unidos').waitFor();
    expect(await page.getByRole('link', { name: 'Iniciar sesión' }).count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page, '/ (Spanish)');

    // The choice is remembered by this browser.
    await page.reload();
    await expectLanguage(page, 'es');
    await expectHeading(page, 'Bienvenido a Rolecall');
    expect(await page.evaluate(() => localStorage.getItem('rolecall.lang'))).toBe('es');

    await switchLanguage(page, 'en');
    await expectHeading(page, 'Welcome to Rolecall');
    expect(problems).toEqual([]);
  });

  it('shows no government banner unless the operator turns it on, and footer links only to those who may use them', async () => {
    const plainServer = await startTestServer();
    try {
      const { page, problems } = await openPage(plainServer.url);
      await page.goto(`${plainServer.url}/`);
      await expectHeading(page, 'Welcome to Rolecall');
      expect(await page.getByText('An official website of the United States government').count()).toBe(0);
      const footer = page.getByRole('contentinfo');
      expect(await footer.getByRole('link', { name: 'API documentation' }).count()).toBe(0);
      expect(await footer.getByRole('link', { name: 'Mail viewer' }).count()).toBe(0);
      await expectNoAxeViolations(page, '/ without the banner (English)');

      // An administrator is offered both.
      const administrator = await signedInAdministrator(plainServer.app, plainServer.ctx, plainServer.clock);
      await takeOverSession(page.context(), administrator.client, plainServer.url);
      await page.goto(`${plainServer.url}/`);
      await footer.getByRole('link', { name: 'Mail viewer' }).waitFor();
      expect(await footer.getByRole('link', { name: 'API documentation' }).getAttribute('href')).toBe('/docs');

      // Someone signed in has nothing to register: /register goes home.
      await page.goto(`${plainServer.url}/register`);
      await page.waitForURL(`${plainServer.url}/`);
      expect(await page.getByRole('heading', { name: 'New User Registration' }).count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await plainServer.close();
    }
  });

  it('changes the text size for the whole page and remembers it', async () => {
    const { page, problems } = await openPage();
    await page.goto(`${server.url}/`);
    await expectHeading(page, 'Welcome to Rolecall');

    const heading = page.getByRole('heading', { level: 1 });
    const headingSize = () => heading.evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
    const medium = page.getByRole('button', { name: 'Medium' });
    const large = page.getByRole('button', { name: 'Large' });
    const small = page.getByRole('button', { name: 'Small' });
    expect(await medium.getAttribute('aria-pressed')).toBe('true');
    expect(await rootFontSize(page)).toBe('16px');
    const mediumHeading = await headingSize();

    await large.click();
    expect(await large.getAttribute('aria-pressed')).toBe('true');
    expect(await medium.getAttribute('aria-pressed')).toBe('false');
    expect(await rootFontSize(page)).toBe('20px');
    expect(await headingSize()).toBeCloseTo(mediumHeading * 1.25, 0);
    await expectNoAxeViolations(page, '/ (English, large text)');

    await page.reload();
    await expectHeading(page, 'Welcome to Rolecall');
    expect(await rootFontSize(page)).toBe('20px');
    expect(await page.evaluate(() => localStorage.getItem('rolecall.textSize'))).toBe('large');

    // The control speaks the page's language too.
    await switchLanguage(page, 'es');
    await page.getByRole('group', { name: 'Tamaño del texto' }).waitFor();
    await page.getByRole('button', { name: 'Pequeño' }).click();
    expect(await rootFontSize(page)).toBe('14px');
    await expectNoAxeViolations(page, '/ (Spanish, small text)');

    await switchLanguage(page, 'en');
    await small.waitFor();
    expect(await small.getAttribute('aria-pressed')).toBe('true');
    expect(problems).toEqual([]);
  });

  it('shows the sign-in and registration pages, reached from the home page', async () => {
    const { page, problems } = await openPage();
    await page.goto(`${server.url}/`);
    await expectHeading(page, 'Welcome to Rolecall');

    await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/sign-in`);
    await expectHeading(page, 'Sign in');
    await page.getByLabel('User ID').waitFor();
    expect(await page.title()).toBe('Sign in | Rolecall');
    await expectNoAxeViolations(page, '/sign-in (English)');
    await switchLanguage(page, 'es');
    await expectHeading(page, 'Iniciar sesión');
    await expectNoAxeViolations(page, '/sign-in (Spanish)');

    await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Crear una cuenta' }).click();
    await page.waitForURL(`${server.url}/register`);
    await expectHeading(page, 'Registro de usuario nuevo');
    await page.getByLabel('Correo electrónico').waitFor();
    await expectNoAxeViolations(page, '/register (Spanish)');
    await switchLanguage(page, 'en');
    await expectHeading(page, 'New User Registration');
    await expectNoAxeViolations(page, '/register (English)');
    expect(problems).toEqual([]);
  });

  it('offers a skip link that moves keyboard focus to the main content', async () => {
    const { page, problems } = await openPage();
    await page.goto(`${server.url}/`);
    await expectHeading(page, 'Welcome to Rolecall');

    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    expect(await skip.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'main-content');
    expect(problems).toEqual([]);
  });

  it('keeps the mail viewer for administrators: a visitor is asked to sign in as one', async () => {
    const { page, problems } = await openPage();
    await page.goto(`${server.url}/dev/outbox`);
    await expectHeading(page, 'Mail viewer');
    await page.getByText('Sign in as an administrator to see it.', { exact: false }).waitFor();
    expect(await page.getByText('There are no messages yet.').count()).toBe(0);
    await expectNoAxeViolations(page, '/dev/outbox signed out (English)');
    // The browser logs the refused API call itself; that one is expected.
    expect(problems.filter((problem) => !problem.includes('401'))).toEqual([]);
  });

  it('says when the outbox holds no messages', async () => {
    const { page, problems } = await openPage();
    await signInAsAdministrator(page);
    // Setting up the administrator's account sent mail of its own; this is an outbox after cleanup.
    await server.ctx.database.db.deleteFrom('outbox').execute();
    await page.goto(`${server.url}/dev/outbox`);
    await expectHeading(page, 'Mail viewer');
    await page.getByText('There are no messages yet.').waitFor();
    await expectNoAxeViolations(page, '/dev/outbox (English)');

    await switchLanguage(page, 'es');
    await expectHeading(page, 'Visor de correo');
    await expectNoAxeViolations(page, '/dev/outbox (Spanish)');
    expect(problems).toEqual([]);
  });

  it('lists outbox messages page by page and shows the one chosen', async () => {
    const { page, problems } = await openPage();
    await signInAsAdministrator(page);
    await server.ctx.database.db.deleteFrom('outbox').execute();
    // One more message than fits on a page, queued as the server's own services queue them.
    for (let n = 1; n <= 51; n++) {
      await server.ctx.database.transaction((trx) =>
        server.ctx.notifications.enqueueEmail(trx, {
          to: `person${n}@example.test`,
          language: n === 1 ? 'es' : 'en',
          template: 'system.test',
          params: { sentBy: `sender number ${n}` },
        }),
      );
      server.clock.advance({ seconds: 1 });
    }
    await page.goto(`${server.url}/dev/outbox`);
    await expectHeading(page, 'Mail viewer');
    await page.getByText('50 messages shown').waitFor();
    // The newest message is open until another is chosen.
    await page.getByText('sent by sender number 51.').waitFor();
    await expectNoAxeViolations(page, '/dev/outbox with messages (English)');

    await page
      .getByRole('row', { name: /person50@example\.test/ })
      .getByRole('button')
      .click();
    await page.getByText('sent by sender number 50.').waitFor();
    expect(await page.getByText('sent by sender number 51.').count()).toBe(0);
    expect(
      await page
        .getByRole('row', { name: /person50@example\.test/ })
        .getByRole('button')
        .getAttribute('aria-pressed'),
    ).toBe('true');

    await page.getByRole('button', { name: 'Load more' }).click();
    await page.getByText('51 messages shown').waitFor();
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    await page
      .getByRole('row', { name: /person1@example\.test/ })
      .getByRole('button')
      .click();
    await page.getByText('enviado por sender number 1.').waitFor();

    await switchLanguage(page, 'es');
    await page.getByText('Se muestran 51 mensajes').waitFor();
    await expectNoAxeViolations(page, '/dev/outbox with messages (Spanish)');
    expect(problems).toEqual([]);
  });

  it('says when the mail viewer is turned off', async () => {
    const quietServer = await startTestServer({ env: { ROLECALL_MAIL_VIEWER: 'false' } });
    try {
      const { page, problems } = await openPage(quietServer.url);
      await page.goto(`${quietServer.url}/dev/outbox`);
      await page.getByText('The mail viewer is turned off.').waitFor();
      await expectNoAxeViolations(page, '/dev/outbox turned off (English)');
      await switchLanguage(page, 'es');
      await page.getByText('El visor de correo está desactivado.').waitFor();
      await expectNoAxeViolations(page, '/dev/outbox turned off (Spanish)');
      // The browser logs the 404 response itself; that one is expected.
      expect(problems.filter((problem) => !problem.includes('404'))).toEqual([]);
    } finally {
      await quietServer.close();
    }
  });

  it('answers an unknown address with "Page not found"', async () => {
    const { page, problems } = await openPage();
    // The server says 404 to the browser too (a client probing an address must not be told yes),
    // and the app shows its page for it.
    const response = await page.goto(`${server.url}/no/such/page`);
    expect(response?.status()).toBe(404);
    await expectHeading(page, 'Page not found');
    expect(await page.title()).toBe('Page not found | Rolecall');
    await expectNoAxeViolations(page, '/no/such/page (English)');
    await switchLanguage(page, 'es');
    await expectHeading(page, 'Página no encontrada');
    await expectNoAxeViolations(page, '/no/such/page (Spanish)');

    await page.getByRole('link', { name: 'Ir a la página de inicio' }).click();
    await expectHeading(page, 'Bienvenido a Rolecall');
    // The browser logs the document's 404 itself; that one is expected, nothing else.
    expect(problems.filter((problem) => !problem.includes('404'))).toEqual([]);
  });
});
