/// <reference lib="dom" />
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/modules/catalog/catalog.service.js';
import type { Organization } from '../../server/modules/organizations/organizations.service.js';
import { chromiumAvailable, chromiumSkipReason, expectNoAxeViolations, launchBrowser } from '../browser/browser.js';
import { signedInUser, type SignedInUser } from '../helpers/accounts.js';
import { createOrganization, grantRole, idOf, loadSpot } from '../helpers/organizations.js';
import { startTestServer } from '../helpers/test-server.js';

const hasChromium = chromiumAvailable();
if (!hasChromium) console.log(chromiumSkipReason());

type Server = Awaited<ReturnType<typeof startTestServer>>;

const NOT_FOUND_EN =
  'If your organization is not found, it has not been created by an approver yet. Your organization must have a ' +
  "designated approver who has created your organization in Rolecall. Please consult with your organization's " +
  'designated official.';
const NOT_FOUND_ES =
  'Si no encuentra su organización, es porque un aprobador todavía no la ha creado. Su organización debe tener un ' +
  'aprobador designado que haya creado su organización en Rolecall. Consulte con el funcionario designado de su ' +
  'organización.';

// The seed page (shared/seeds/spot-add-role.txt), followed literally: Manage My Roles → the add-role
// icon under Actions → Select a Role → search and select the organization → Review Request →
// reason → Submit Role Request → the confirmation number; then the organization's approver
// decides it on Pending Approvals.
describe.skipIf(!hasChromium)('requesting and approving a role in the web app', { timeout: 120_000 }, () => {
  let server: Server;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let roles: Record<string, Role>;
  let applicationId: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    ({ roles, applicationId } = await loadSpot(server.ctx));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await server?.close();
  });

  interface Visit {
    page: Page;
    /** Everything that went wrong in the page: script errors, CSP refusals, other origins. */
    problems: string[];
  }

  // A fresh browser profile per person, English-speaking, that records anything the strict CSP
  // refused, any script error and any request leaving our origin.
  async function openPageAs(user: SignedInUser): Promise<Visit> {
    const context = await browser.newContext({ locale: 'en-US' });
    contexts.push(context);
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(server.url) && !url.startsWith('data:')) problems.push(`request to another origin: ${url}`);
    });
    // The user signed in through the API; the browser takes over the session cookies.
    const cookies = ['rolecall_session', 'rolecall_csrf'].map((name) => {
      const value = user.client.cookie(name);
      if (!value) throw new Error(`the user's client holds no ${name} cookie`);
      return { name, value, url: server.url };
    });
    await context.addCookies(cookies);
    return { page, problems };
  }

  async function expectHeading(page: Page, text: string): Promise<void> {
    const heading = page.getByRole('heading', { level: 1 });
    await heading.filter({ hasText: text }).waitFor();
    expect(await heading.allTextContents()).toEqual([text]);
  }

  async function switchLanguage(page: Page, to: 'en' | 'es'): Promise<void> {
    await page.getByRole('button', { name: to === 'es' ? 'Español' : 'English', exact: true }).click();
    await page.waitForFunction((lang) => document.documentElement.lang === lang, to);
  }

  /** Axe in English, then the page in Spanish (its h1 and axe), then back to English. */
  async function checkBothLanguages(page: Page, english: string, spanish: string, where: string): Promise<void> {
    await expectHeading(page, english);
    await expectNoAxeViolations(page, `${where} (English)`);
    await switchLanguage(page, 'es');
    await expectHeading(page, spanish);
    await expectNoAxeViolations(page, `${where} (Spanish)`);
    await switchLanguage(page, 'en');
    await expectHeading(page, english);
  }

  const optionLabel = (organization: Organization) =>
    `${organization.legalName} (submitter ID ${organization.submitterId}, TIN •••••${organization.tinLastDigits})`;

  const mediumDate = (iso: string) => new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(new Date(iso));

  it('lets an end user request SPOT End User and the organization’s approver approve it', async () => {
    const organization = await createOrganization(server.ctx, applicationId, {
      legalName: 'Lighthouse Dermatology Associates',
      tin: '59-8642097',
    });
    const approver = await signedInUser(server.app, server.ctx, server.clock, { firstName: 'Morgan', lastName: 'Reyes' });
    await grantRole(server.ctx, await idOf(server.ctx, approver.userId), roles.approver!, organization.id);
    const endUser = await signedInUser(server.app, server.ctx, server.clock, { firstName: 'Jordan', lastName: 'Blake' });

    // Step 6: Manage My Roles from the home page; an end user decides nothing, so no Pending Approvals.
    const user = await openPageAs(endUser);
    const { page } = user;
    await page.goto(`${server.url}/`);
    await expectHeading(page, 'Welcome, Jordan');
    const main = page.getByRole('main');
    await main.getByRole('link', { name: 'Manage My Roles', exact: true }).waitFor();
    expect(await main.getByRole('link', { name: 'Pending Approvals' }).count()).toBe(0);
    await expectNoAxeViolations(page, '/ (end user)');
    await main.getByRole('link', { name: 'Manage My Roles', exact: true }).click();
    await page.waitForURL(`${server.url}/roles`);
    expect(await page.title()).toBe('Manage My Roles | Rolecall');
    await page.getByText('You hold no roles in SPOT.').waitFor();
    await checkBothLanguages(page, 'Manage My Roles', 'Administrar mis roles', '/roles');

    // Steps 8 and 9: the SPOT row, the green icon under Actions.
    const spotRow = page
      .getByRole('row', { name: /SPOT/ })
      .filter({ has: page.getByRole('link', { name: 'Add a role in SPOT' }) });
    await spotRow.getByRole('link', { name: 'Add a role in SPOT' }).click();
    await page.waitForURL(`${server.url}/roles/add?application=SPOT`);
    await expectHeading(page, 'Add a role in SPOT');

    // Step 10: Select a Role → SPOT End User; a name that does not exist finds nothing.
    await page.getByLabel('Select a Role').selectOption({ label: 'SPOT End User' });
    await page.getByLabel('Search for your organization').fill('Zanzibar Orthodontics');
    await page.getByText(NOT_FOUND_EN).waitFor();
    expect(await page.getByLabel('Select your organization').count()).toBe(0);
    await checkBothLanguages(page, 'Add a role in SPOT', 'Agregar un rol en SPOT', '/roles/add not found');
    await switchLanguage(page, 'es');
    await page.getByText(NOT_FOUND_ES).waitFor();
    expect(await page.getByLabel('Seleccione un rol').inputValue()).toBe(roles.end_user!.id);
    await switchLanguage(page, 'en');

    // Review Request before choosing an organization: the form says what is missing.
    await page.getByRole('button', { name: 'Review Request' }).click();
    await page.getByText('There is a problem').waitFor();
    await page.getByText('Search for your organization and select it.').waitFor();
    await expectHeading(page, 'Add a role in SPOT');

    // A word from the middle of the name finds it; select it in the drop-down.
    await page.getByLabel('Search for your organization').fill('dermatology');
    await page.getByText('1 organization found. Select it below.').waitFor();
    await page.getByLabel('Select your organization').selectOption({ label: optionLabel(organization) });
    await expectNoAxeViolations(page, '/roles/add organization found (English)');
    await page.getByRole('button', { name: 'Review Request' }).click();

    // Review Request: what is asked for, then the reason, which is required.
    await expectHeading(page, 'Review Request');
    expect(await page.title()).toBe('Review Request | Rolecall');
    const summary = page.locator('dl.rc-summary');
    expect(await summary.textContent()).toContain('SPOT End User');
    expect(await summary.textContent()).toContain('Lighthouse Dermatology Associates');
    expect(await summary.textContent()).toContain('TIN: •••••2097');
    await page.getByRole('button', { name: 'Submit Role Request' }).click();
    await page.getByText('There is a problem').waitFor();
    await page.getByText('Enter the reason for your request.').waitFor();
    expect(await page.getByLabel('Reason for request').getAttribute('aria-invalid')).toBe('true');
    await checkBothLanguages(page, 'Review Request', 'Revisar solicitud', '/roles/add review with an error');
    await page.getByLabel('Reason for request').fill('Access to Medicare data');
    await page.getByRole('button', { name: 'Submit Role Request' }).click();

    // Step 11: the confirmation screen and number; the approvers were emailed.
    await expectHeading(page, 'Role request submitted');
    const trackingNumber = (await page.getByTestId('tracking-number').textContent()) ?? '';
    expect(trackingNumber).toMatch(/^RR-2026-\d{6}$/);
    await page
      .getByText('The approvers of Lighthouse Dermatology Associates were emailed your request.', { exact: false })
      .waitFor();
    await checkBothLanguages(page, 'Role request submitted', 'Solicitud de rol enviada', '/roles/add confirmation');
    const emailed = await server.ctx.database.db
      .selectFrom('outbox')
      .select('template')
      .where('recipient', '=', approver.email)
      .where('template', '=', 'role_request.awaiting_decision')
      .execute();
    expect(emailed).toHaveLength(1);

    // The request waits on Manage My Roles.
    await page.getByRole('link', { name: 'Back to Manage My Roles' }).click();
    await expectHeading(page, 'Manage My Roles');
    const pendingRow = page.getByRole('row', { name: new RegExp(trackingNumber) });
    await pendingRow.waitFor();
    expect(await pendingRow.textContent()).toContain('SPOT End User');
    expect(await pendingRow.getByRole('button', { name: `Cancel request ${trackingNumber}` }).count()).toBe(1);
    await expectNoAxeViolations(page, '/roles with a pending request (English)');

    // The approver, in another browser: Pending Approvals shows the request.
    const decider = await openPageAs(approver);
    const approverPage = decider.page;
    await approverPage.goto(`${server.url}/`);
    await expectHeading(approverPage, 'Welcome, Morgan');
    await approverPage.getByRole('main').getByRole('link', { name: 'Pending Approvals' }).click();
    await approverPage.waitForURL(`${server.url}/approvals`);
    expect(await approverPage.title()).toBe('Pending Approvals | Rolecall');
    const item = approverPage.getByRole('region', { name: `${trackingNumber}: Jordan Blake` });
    await item.waitFor();
    const details = (await item.textContent()) ?? '';
    for (const expected of [
      endUser.userId,
      endUser.email,
      'SPOT End User',
      'Lighthouse Dermatology Associates',
      '•••••2097',
      'Access to Medicare data',
    ])
      expect(details).toContain(expected);
    expect(details).not.toContain('8642097');
    await checkBothLanguages(approverPage, 'Pending Approvals', 'Aprobaciones pendientes', '/approvals');

    // Reject needs a comment; then approve.
    await item.getByRole('button', { name: `Reject ${trackingNumber}` }).click();
    await item.getByText('Enter a comment to reject this request.').waitFor();
    await approverPage.getByText('There is a problem').waitFor();
    await expectNoAxeViolations(approverPage, '/approvals reject without a comment (English)');
    await item.getByRole('button', { name: `Approve ${trackingNumber}` }).click();
    await approverPage.getByText(`You approved request ${trackingNumber} from Jordan Blake.`).waitFor();
    await approverPage.getByText('There are no requests waiting for your decision.').waitFor();
    expect(await item.count()).toBe(0);
    await expectNoAxeViolations(approverPage, '/approvals after approving (English)');

    // The end user reloads Manage My Roles: the role is held, with its next certification due date.
    await page.reload();
    await expectHeading(page, 'Manage My Roles');
    const held = (await server.ctx.assignments.listForUser(await idOf(server.ctx, endUser.userId))).find(
      (assignment) => assignment.status === 'active',
    );
    expect(held?.certificationDueAt).toBeTruthy();
    const heldRow = page.getByRole('table', { name: 'Your roles in SPOT' }).getByRole('row', { name: /SPOT End User/ });
    await heldRow.waitFor();
    const heldText = (await heldRow.textContent()) ?? '';
    expect(heldText).toContain('Lighthouse Dermatology Associates');
    expect(heldText).toContain(mediumDate(held!.certificationDueAt!));
    expect(heldText).toContain(mediumDate(held!.establishedAt));
    expect(await page.getByRole('row', { name: new RegExp(trackingNumber) }).count()).toBe(0);
    await checkBothLanguages(page, 'Manage My Roles', 'Administrar mis roles', '/roles with a role held');

    expect(user.problems).toEqual([]);
    expect(decider.problems).toEqual([]);
  });
});
