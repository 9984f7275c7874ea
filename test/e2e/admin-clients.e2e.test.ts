/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { clientSecretMatches } from '../../server/modules/oidc/clients.service.js';
import { chromiumAvailable, chromiumSkipReason, expectNoAxeViolations } from '../browser/browser.js';
import { browserScenario } from '../browser/scenario.js';
import { checkBothLanguages, expectHeading, expectOnlyRefusals, switchLanguage, tick } from '../browser/visit.js';
import { signedInAdministrator, signedInUser } from '../helpers/accounts.js';
import { loadSpot } from '../helpers/organizations.js';

const hasChromium = chromiumAvailable();
if (!hasChromium) console.log(chromiumSkipReason());

const title = 'Application clients';
const titleEs = 'Clientes de las aplicaciones';

/*
 * The administrators' page for the applications' clients, as an administrator uses it: from the
 * home tile, a client registered after the browser's and the server's checks, its secret seen
 * once and working, replaced (the old one stops at once), then deleted. Someone else is told the
 * page is for administrators, and has no tile for it.
 */
describe.skipIf(!hasChromium)('Application clients', { timeout: 300_000 }, () => {
  const scenario = browserScenario();

  const form = (page: Page) => page.getByRole('region', { name: 'Register a client' });
  const list = (page: Page) => page.getByRole('table', { name: 'Registered clients, oldest first' });
  const newSecret = (page: Page) => page.getByTestId('new-client-secret');

  /** The client the server keeps under `clientId`, secret hash included. */
  async function registered(clientId: string) {
    const found = await scenario.server.ctx.oidc.clients.find(scenario.server.ctx.database.db, clientId);
    if (!found) throw new Error(`no client ${clientId}`);
    return found;
  }

  /** The client ID and the secret the alert shows, once it has taken focus. */
  async function shownCredentials(page: Page): Promise<{ clientId: string; clientSecret: string }> {
    await newSecret(page).waitFor();
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'new-client-secret');
    const clientId = (await page.getByTestId('new-client-id').textContent()) ?? '';
    const clientSecret = (await page.getByTestId('new-client-secret-value').textContent()) ?? '';
    expect(clientId).toMatch(/^[0-9a-f]{32}$/);
    expect(clientSecret.length).toBeGreaterThanOrEqual(40);
    return { clientId, clientSecret };
  }

  it('lets an administrator register a client, replace its secret and delete it', async () => {
    await loadSpot(scenario.server.ctx);
    const administrator = await signedInAdministrator(scenario.server.app, scenario.server.ctx, scenario.server.clock);
    const visit = await scenario.visitAs(administrator);
    const { page } = visit;

    await page.goto(`${scenario.server.url}/`);
    await page.getByRole('link', { name: title }).click();
    await expectHeading(page, title);
    expect(await page.title()).toBe(`${title} | Rolecall`);
    await page.getByText('No client is registered yet.').waitFor();

    // The browser's own checks: what is missing, each linked from the summary.
    await form(page).getByRole('button', { name: 'Register the client' }).click();
    const summary = page.getByRole('alert');
    await summary.getByText('Check the fields marked below and try again.').waitFor();
    for (const message of ['Choose the application.', "Enter the client's name.", 'Choose what the client does.']) {
      await summary.getByRole('link', { name: message }).waitFor();
    }
    // A link to a group of choices puts the cursor on its first choice, not on its error message.
    await summary.getByRole('link', { name: 'Choose what the client does.' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('client-kind-web');
    await page.getByLabel('Application', { exact: true }).selectOption('SPOT');
    await page.getByLabel('Name', { exact: true }).fill('SPOT website');
    await tick(page, page.getByRole('radio', { name: /^Signs people in/ }));
    await form(page).getByRole('button', { name: 'Register the client' }).click();
    await page.getByText('Enter at least one redirect URI').first().waitFor();
    expect(await page.getByLabel('Redirect URIs').getAttribute('aria-invalid')).toBe('true');

    // The server's rule: http only on this machine. Its refusal is shown under the field.
    await page.getByLabel('Redirect URIs').fill('http://spot.example.org/cb');
    await form(page).getByRole('button', { name: 'Register the client' }).click();
    await summary.getByRole('link', { name: /^Each redirect URI must be a full https address/ }).waitFor();
    const redirectError = page.locator('#client-redirect-uris-error');
    expect(await redirectError.textContent()).toContain('Each redirect URI must be a full https address');
    expect(await page.getByLabel('Redirect URIs').getAttribute('aria-describedby')).toContain('client-redirect-uris-error');
    expect(await page.getByLabel('Name', { exact: true }).getAttribute('aria-invalid')).toBeNull();
    await checkBothLanguages(page, 'the client form with the server refusal', title, titleEs);

    // Corrected, with a sign-out address and a recent MFA required: registered, its secret shown once.
    await page.getByLabel('Redirect URIs').fill('https://spot.example.org/callback\n\nhttp://localhost:3000/callback\n');
    await page.getByLabel('Sign-out addresses').fill('https://spot.example.org/');
    await page.getByLabel('Require recent MFA, in minutes').fill('15');
    await form(page).getByRole('button', { name: 'Register the client' }).click();
    await newSecret(page).getByRole('heading', { name: 'SPOT website is registered' }).waitFor();
    await newSecret(page).getByText('Copy the secret now: it will not be shown again.').waitFor();
    const first = await shownCredentials(page);
    const client = await registered(first.clientId);
    expect(clientSecretMatches(client, first.clientSecret)).toBe(true);
    expect(client.redirectUris).toEqual(['https://spot.example.org/callback', 'http://localhost:3000/callback']);
    expect(client.postLogoutRedirectUris).toEqual(['https://spot.example.org/']);
    expect(client.mfaMaxAgeMinutes).toBe(15);
    // The form is empty again, ready for another client.
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('');

    const row = list(page).getByRole('row', { name: /SPOT website/ });
    await row.getByText('Signs people in').waitFor();
    expect(await row.textContent()).toContain('Requires MFA within the last 15 minutes');
    expect(await row.locator('code').textContent()).toBe(first.clientId);
    expect(await row.textContent()).toContain('https://spot.example.org/callback');
    expect(await row.textContent()).toContain('http://localhost:3000/callback');
    await checkBothLanguages(page, 'the clients with a new secret shown', title, titleEs);
    await newSecret(page).getByRole('button', { name: 'Done' }).click();
    expect(await newSecret(page).count()).toBe(0);

    // A back end: no addresses asked for, and none shown.
    await page.getByLabel('Application', { exact: true }).selectOption('SPOT');
    await page.getByLabel('Name', { exact: true }).fill('SPOT back end');
    await tick(page, page.getByRole('radio', { name: /^Back end/ }));
    expect(await page.getByLabel('Redirect URIs').count()).toBe(0);
    await form(page).getByRole('button', { name: 'Register the client' }).click();
    await newSecret(page).getByRole('heading', { name: 'SPOT back end is registered' }).waitFor();
    const backEnd = await shownCredentials(page);
    expect((await registered(backEnd.clientId)).kind).toBe('service');
    const backEndRow = list(page).getByRole('row', { name: /SPOT back end/ });
    await backEndRow.getByText('Back end', { exact: true }).waitFor();
    expect(await backEndRow.getByRole('cell').nth(3).textContent()).toBe('None');
    await newSecret(page).getByRole('button', { name: 'Done' }).click();

    // Replacing the secret asks first, and says the old one stops at once.
    await list(page).getByRole('button', { name: 'Replace the secret of SPOT website' }).click();
    await page.getByText('The old secret stops working at once').waitFor();
    await expectNoAxeViolations(page, 'confirming a new secret (English)');
    await page.getByRole('button', { name: 'Yes, replace the secret' }).click();
    await newSecret(page).getByRole('heading', { name: 'New secret for SPOT website' }).waitFor();
    await newSecret(page).getByText('The old secret no longer works.').waitFor();
    const second = await shownCredentials(page);
    expect(second.clientId).toBe(first.clientId);
    expect(second.clientSecret).not.toBe(first.clientSecret);
    const rotated = await registered(first.clientId);
    expect(clientSecretMatches(rotated, first.clientSecret)).toBe(false);
    expect(clientSecretMatches(rotated, second.clientSecret)).toBe(true);
    await newSecret(page).getByRole('button', { name: 'Done' }).click();

    // Deleting asks first; cancelling keeps the client and returns to its button.
    const deleteButton = list(page).getByRole('button', { name: 'Delete SPOT website' });
    await deleteButton.click();
    await page.getByText('Its tokens stop working at once').waitFor();
    await switchLanguage(page, 'es');
    await page.getByText('Sus tokens dejan de funcionar de inmediato').waitFor();
    await expectNoAxeViolations(page, 'confirming a deletion (Spanish)');
    await switchLanguage(page, 'en');
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByText('Its tokens stop working at once').count()).toBe(0);
    expect(await deleteButton.evaluate((button) => button === document.activeElement)).toBe(true);
    await deleteButton.click();
    await page.getByRole('button', { name: 'Yes, delete it' }).click();
    await page.getByText('SPOT website was deleted. Its tokens no longer work.').waitFor();
    await list(page)
      .getByRole('row', { name: /SPOT website/ })
      .waitFor({ state: 'detached' });
    expect(
      await list(page)
        .getByRole('row', { name: /SPOT back end/ })
        .count(),
    ).toBe(1);
    const remaining = await scenario.server.ctx.oidc.clients.list();
    expect(remaining.map((kept) => kept.clientId)).toEqual([backEnd.clientId]);

    // The one refusal was the server's, provoked on purpose.
    expectOnlyRefusals(visit.problems, [400]);
  });

  it('tells anyone else the page is for administrators, and shows them no tile for it', async () => {
    const person = await signedInUser(scenario.server.app, scenario.server.ctx, scenario.server.clock);
    const visit = await scenario.visitAs(person);
    const { page } = visit;
    await page.goto(`${scenario.server.url}/`);
    await page.getByRole('link', { name: 'Manage My Roles' }).first().waitFor();
    expect(await page.getByRole('link', { name: title }).count()).toBe(0);

    // Typed in: the address loads the web app as any of its pages does, and only the API refuses.
    await page.goto(`${scenario.server.url}/admin/clients`);
    await expectHeading(page, title);
    await page.getByRole('heading', { name: 'For administrators' }).waitFor();
    await page.getByText("Only administrators manage the applications' clients.").waitFor();
    expect(await page.getByRole('button', { name: 'Register the client' }).count()).toBe(0);
    await checkBothLanguages(page, 'the clients page for someone else', title, titleEs);
    await page.getByRole('heading', { name: 'For administrators' }).waitFor();

    expectOnlyRefusals(visit.problems, [403]);
  });
});
