import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSpotDemo } from '../../examples/spot-demo/spot-demo.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../../server/modules/demo/demo-data.js';
import { loadDemo } from '../../server/modules/demo/load-demo.js';
import { systemActor } from '../../server/shared/actor.js';
import { totpAt } from '../helpers/accounts.js';
import { loadSpot } from '../helpers/organizations.js';
import { expectNoAxeViolations } from '../browser/browser.js';
import { browserScenario } from '../browser/scenario.js';
import { expectHeading, tick, type Visit } from '../browser/visit.js';

/*
 * examples/spot-demo, a relying application of its own, signs the demo accounts in through
 * Rolecall in a real browser: the person signs in on Rolecall's pages, sees their SPOT roles,
 * switches organization (the demo asks the access evaluation API each time), and signs out of
 * both. Rolecall's pages on the way are checked with axe, in English and in Spanish.
 */
describe('the SPOT demo application', () => {
  const scenario = browserScenario();
  let demo: Server;
  let demoUrl = '';

  beforeAll(async () => {
    const { server } = scenario;
    demo = createServer();
    await new Promise<void>((resolve) => demo.listen(0, '127.0.0.1', resolve));
    demoUrl = `http://127.0.0.1:${(demo.address() as AddressInfo).port}`;
    await loadSpot(server.ctx);
    await loadDemo(server.ctx);
    // The demo's own clients are registered for localhost:4000; this one runs on a port of its own.
    const web = await server.ctx.oidc.clients.create(systemActor, {
      applicationCode: 'SPOT',
      name: 'SPOT demo (test)',
      kind: 'web',
      redirectUris: [`${demoUrl}/callback`],
      postLogoutRedirectUris: [`${demoUrl}/signed-out`],
    });
    const service = await server.ctx.oidc.clients.create(systemActor, {
      applicationCode: 'SPOT',
      name: 'SPOT demo back end (test)',
      kind: 'service',
    });
    demo.on(
      'request',
      await createSpotDemo({
        rolecallUrl: server.url,
        publicUrl: demoUrl,
        web: { clientId: web.client.clientId, clientSecret: web.clientSecret },
        service: { clientId: service.client.clientId, clientSecret: service.clientSecret },
      }),
    );
  });
  afterAll(() => new Promise<void>((resolve) => demo.close(() => resolve())));

  /** What went wrong on Rolecall's side: the demo is another origin, which is the point. */
  const problemsOf = (visit: Visit) => visit.problems.filter((problem) => !problem.includes(demoUrl));

  /** Rolecall's sign-in and MFA pages, in the words of `language`, each checked with axe. */
  async function signInOnRolecall(page: Page, userId: string, language: 'en' | 'es') {
    const words = {
      en: {
        title: 'Sign in',
        userId: 'User ID',
        password: 'Password',
        terms: 'I agree to the terms and conditions',
        submit: 'Sign In',
      },
      es: {
        title: 'Iniciar sesión',
        userId: 'ID de usuario',
        password: 'Contraseña',
        terms: 'Acepto los términos y condiciones',
        submit: 'Iniciar sesión',
      },
    }[language];
    const mfa = {
      en: { title: 'Enter your code', code: 'Enter the code from your authenticator app', verify: 'Verify' },
      es: { title: 'Ingrese su código', code: 'Ingrese el código de su aplicación de autenticación', verify: 'Verificar' },
    }[language];
    await expectHeading(page, words.title);
    await expectNoAxeViolations(page, `Rolecall sign-in for SPOT demo (${language})`);
    await page.getByLabel(words.userId, { exact: true }).fill(userId);
    await page.getByLabel(words.password, { exact: true }).fill(DEMO_PASSWORD);
    await tick(page, page.getByRole('checkbox', { name: words.terms }));
    await page.getByRole('main').getByRole('button', { name: words.submit, exact: true }).click();
    await expectHeading(page, mfa.title);
    await expectNoAxeViolations(page, `Rolecall MFA for SPOT demo (${language})`);
    scenario.server.clock.advance({ seconds: 30 });
    await page.getByLabel(mfa.code).fill(await totpAt(DEMO_TOTP_SECRET, scenario.server.clock));
    await page.getByRole('button', { name: mfa.verify, exact: true }).click();
  }

  /** The demo's table of roles, row by row. */
  async function rolesTable(page: Page): Promise<string[][]> {
    return page
      .getByRole('table')
      .getByRole('row')
      .evaluateAll((rows) => rows.slice(1).map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? '')));
  }

  it('signs an approver in through Rolecall, switches organization, and signs out of both', async () => {
    const visit = await scenario.visit();
    const { page } = visit;
    await page.goto(demoUrl);
    await expectHeading(page, 'Welcome to SPOT');
    await page.getByRole('link', { name: 'Sign in with Rolecall' }).click();
    await signInOnRolecall(page, 'demo.approver', 'en');

    await page.waitForURL(`${demoUrl}/`);
    await expectHeading(page, 'Welcome, Olivia Quintero');
    await page.getByText('Signed in through Rolecall as demo.approver.').waitFor();
    expect(await rolesTable(page)).toEqual([
      ['Approver', 'Sunrise Dermatology P.A.', 'DEMO01'],
      ['Approver', 'Bayview Family Clinic', 'DEMO02'],
    ]);
    await page.getByRole('heading', { name: 'Acting for Sunrise Dermatology P.A.' }).waitFor();
    await page.getByText('Yes: you may use SPOT for Sunrise Dermatology P.A. (role_held)').waitFor();

    await page.getByLabel('Switch organization').selectOption({ label: 'Bayview Family Clinic (DEMO02)' });
    await page.getByRole('button', { name: 'Switch', exact: true }).click();
    await page.getByRole('heading', { name: 'Acting for Bayview Family Clinic' }).waitFor();
    await page.getByText('Yes: you may use SPOT for Bayview Family Clinic (role_held)').waitFor();

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expectHeading(page, 'Sign out of Rolecall?');
    await expectNoAxeViolations(page, 'Rolecall sign-out for SPOT demo (en)');
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL((url) => url.href.startsWith(`${demoUrl}/signed-out`));
    await expectHeading(page, 'You signed out');

    // Signed out of Rolecall too: the next sign-in asks for the password again.
    await page.getByRole('link', { name: 'Sign in with Rolecall' }).click();
    await expectHeading(page, 'Sign in');
    expect(problemsOf(visit)).toEqual([]);
    await visit.context.close();
  });

  it('signs an end user in on Rolecall’s Spanish pages and out again', async () => {
    const visit = await scenario.visit({ locale: 'es-ES' });
    const { page } = visit;
    await page.goto(`${demoUrl}/sign-in`);
    await signInOnRolecall(page, 'demo.enduser', 'es');

    await page.waitForURL(`${demoUrl}/`);
    expect(await rolesTable(page)).toEqual([['End User', 'Sunrise Dermatology P.A.', 'DEMO01']]);
    await page.getByText('Yes: you may use SPOT for Sunrise Dermatology P.A. (role_held)').waitFor();
    // One organization: nothing to switch to.
    expect(await page.getByLabel('Switch organization').count()).toBe(0);

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expectHeading(page, '¿Cerrar sesión en Rolecall?');
    await expectNoAxeViolations(page, 'Rolecall sign-out for SPOT demo (es)');
    await page.getByRole('button', { name: 'Sí, cerrar sesión' }).click();
    await page.waitForURL((url) => url.href.startsWith(`${demoUrl}/signed-out`));
    await expectHeading(page, 'You signed out');
    expect(problemsOf(visit)).toEqual([]);
    await visit.context.close();
  });
});
