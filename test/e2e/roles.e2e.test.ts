/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/modules/catalog/catalog.service.js';
import type { Organization } from '../../server/modules/organizations/organizations.service.js';
import { chromiumAvailable, chromiumSkipReason, expectNoAxeViolations, launchBrowser } from '../browser/browser.js';
import { checkBothLanguages, expectHeading, openVisit, switchLanguage, takeOverSession, type Visit } from '../browser/visit.js';
import { signedInUser, type SignedInUser } from '../helpers/accounts.js';
import { createOrganization, grantRole, idOf, loadSpot, userNamed } from '../helpers/organizations.js';
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
// Axe runs on every page in both languages, which makes these scenarios long.
describe.skipIf(!hasChromium)('requesting and approving a role in the web app', { timeout: 240_000 }, () => {
  let server: Server;
  let browser: Browser;
  const visits: Visit[] = [];
  let roles: Record<string, Role>;
  let applicationId: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    ({ roles, applicationId } = await loadSpot(server.ctx));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(visits.map((visit) => visit.context.close()));
    await browser?.close();
    await server?.close();
  });

  // A fresh browser profile per person, English-speaking, that records anything the strict CSP
  // refused, any script error, any refused answer and any request leaving our origin; the user
  // signed in through the API, and the browser takes over the session cookies.
  async function openPageAs(user: SignedInUser): Promise<Visit> {
    const visit = await openVisit(browser, server.url);
    visits.push(visit);
    await takeOverSession(visit.context, user.client, server.url);
    return visit;
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
    await expectHeading(page, 'Manage My Roles');
    expect(await page.title()).toBe('Manage My Roles | Rolecall');
    await page.getByText('You hold no roles in SPOT.').waitFor();
    await expectHeading(page, 'Manage My Roles');
    await checkBothLanguages(page, '/roles', 'Manage My Roles', 'Administrar mis roles');

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
    await expectHeading(page, 'Add a role in SPOT');
    await checkBothLanguages(page, '/roles/add not found', 'Add a role in SPOT', 'Agregar un rol en SPOT');
    await switchLanguage(page, 'es');
    await page.getByText(NOT_FOUND_ES).waitFor();
    expect(await page.getByLabel('Seleccione un rol').inputValue()).toBe(roles.end_user!.id);
    // The catalog's own texts follow the language too.
    expect(
      await page.getByLabel('Seleccione un rol').evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent),
    ).toBe('Usuario final de SPOT');
    await page.getByText('Usa SPOT en nombre de la organización.', { exact: false }).waitFor();
    await switchLanguage(page, 'en');

    // Review Request before choosing an organization: the form says what is missing.
    await page.getByRole('button', { name: 'Review Request' }).click();
    await page.getByText('There is a problem').waitFor();
    await page.getByText('Search for your organization and select it.').waitFor();
    await expectHeading(page, 'Add a role in SPOT');

    // A word from the middle of the name finds it; the only one found is selected already.
    await page.getByLabel('Search for your organization').fill('dermatology');
    await page.getByText('1 organization found. It is selected below; check it is yours.').waitFor();
    await page.waitForFunction(
      (id) => (document.getElementById('organization') as HTMLSelectElement | null)?.value === id,
      organization.id,
    );
    expect(await page.getByLabel('Select your organization').inputValue()).toBe(organization.id);
    expect(
      await page
        .getByLabel('Select your organization')
        .evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent),
    ).toBe(optionLabel(organization));
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
    await expectHeading(page, 'Review Request');
    await checkBothLanguages(page, '/roles/add review with an error', 'Review Request', 'Revisar solicitud');
    await page.getByLabel('Reason for request').fill('Access to Medicare data');
    await page.getByRole('button', { name: 'Submit Role Request' }).click();

    // Step 11: the confirmation screen and number; the approvers were emailed.
    await expectHeading(page, 'Role request submitted');
    const trackingNumber = (await page.getByTestId('tracking-number').textContent()) ?? '';
    expect(trackingNumber).toMatch(/^RR-2026-\d{6}$/);
    await page
      .getByText('The approvers of Lighthouse Dermatology Associates were emailed your request.', { exact: false })
      .waitFor();
    await expectHeading(page, 'Role request submitted');
    await checkBothLanguages(page, '/roles/add confirmation', 'Role request submitted', 'Solicitud de rol enviada');
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
    await expectHeading(approverPage, 'Pending Approvals');
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
    await expectHeading(approverPage, 'Pending Approvals');
    await checkBothLanguages(approverPage, '/approvals', 'Pending Approvals', 'Aprobaciones pendientes');

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
    const held = (
      await server.ctx.assignments.listForUser(await userNamed(server.ctx, endUser.userId), { limit: 100 })
    ).items.find((assignment) => assignment.status === 'active');
    expect(held?.certificationDueAt).toBeTruthy();
    const heldRow = page.getByRole('table', { name: 'Your roles in SPOT' }).getByRole('row', { name: /SPOT End User/ });
    await heldRow.waitFor();
    const heldText = (await heldRow.textContent()) ?? '';
    expect(heldText).toContain('Lighthouse Dermatology Associates');
    expect(heldText).toContain(mediumDate(held!.certificationDueAt!));
    expect(heldText).toContain(mediumDate(held!.establishedAt));
    expect(await page.getByRole('row', { name: new RegExp(trackingNumber) }).count()).toBe(0);
    await expectHeading(page, 'Manage My Roles');
    await checkBothLanguages(page, '/roles with a role held', 'Manage My Roles', 'Administrar mis roles');

    expect(user.problems).toEqual([]);
    expect(decider.problems).toEqual([]);
  });

  it('removes a role with a reason, requests it again for the same organization, and cancels that request', async () => {
    const organization = await createOrganization(server.ctx, applicationId, { legalName: 'Palm Coast Family Medicine' });
    const approver = await signedInUser(server.app, server.ctx, server.clock);
    await grantRole(server.ctx, await idOf(server.ctx, approver.userId), roles.approver!, organization.id);
    const holder = await signedInUser(server.app, server.ctx, server.clock, { firstName: 'Riley', lastName: 'Okafor' });
    await grantRole(server.ctx, await idOf(server.ctx, holder.userId), roles.end_user!, organization.id);

    const { page, problems } = await openPageAs(holder);
    await page.goto(`${server.url}/roles`);
    await expectHeading(page, 'Manage My Roles');
    const held = page.getByRole('table', { name: 'Your roles in SPOT' });
    await held.getByRole('button', { name: 'Remove SPOT End User for Palm Coast Family Medicine' }).click();
    await page.getByText('Remove your SPOT End User role for Palm Coast Family Medicine?').waitFor();
    await page.getByRole('button', { name: 'Remove role' }).click();
    await page.getByText('Enter the reason for removing this role.').waitFor();
    await expectNoAxeViolations(page, '/roles removing without a reason (English)');
    await page.getByLabel('Reason for removing this role').fill('Moved to another practice');
    await page.getByRole('button', { name: 'Remove role' }).click();
    await page.getByText('Your SPOT End User role was removed.').waitFor();
    await page.getByText('You hold no roles in SPOT.').waitFor();

    // The removed role: why and when, and "Request again".
    const removedRow = page
      .getByRole('table', { name: 'Your removed roles in SPOT' })
      .getByRole('row', { name: /SPOT End User/ });
    expect(await removedRow.textContent()).toContain('Removed by you: Moved to another practice');
    expect(await removedRow.textContent()).toContain(mediumDate(server.clock.now().toISOString()));
    await expectHeading(page, 'Manage My Roles');
    await checkBothLanguages(page, '/roles with a removed role', 'Manage My Roles', 'Administrar mis roles');
    await removedRow.getByRole('link', { name: 'Request again SPOT End User for Palm Coast Family Medicine' }).click();

    // The same role and organization are chosen already.
    await expectHeading(page, 'Add a role in SPOT');
    expect(await page.getByLabel('Select a Role').inputValue()).toBe(roles.end_user!.id);
    await page.getByLabel('Select your organization').waitFor();
    await page.waitForFunction(
      (id) => (document.getElementById('organization') as HTMLSelectElement | null)?.value === id,
      organization.id,
    );
    await page.getByRole('button', { name: 'Review Request' }).click();
    await expectHeading(page, 'Review Request');
    expect(await page.locator('dl.rc-summary').textContent()).toContain('Palm Coast Family Medicine');
    await page.getByLabel('Reason for request').fill('Back at Palm Coast');
    await page.getByRole('button', { name: 'Submit Role Request' }).click();
    await expectHeading(page, 'Role request submitted');
    const trackingNumber = (await page.getByTestId('tracking-number').textContent()) ?? '';

    // Waiting now, and no longer offered again; then cancelled by the requester.
    await page.getByRole('link', { name: 'Back to Manage My Roles' }).click();
    await expectHeading(page, 'Manage My Roles');
    await page
      .getByRole('row', { name: /SPOT End User/ })
      .getByText('Held or requested again')
      .waitFor();
    await page.getByRole('button', { name: `Cancel request ${trackingNumber}` }).click();
    await page.getByText(`Request ${trackingNumber} was cancelled.`).waitFor();
    await page.getByRole('row', { name: new RegExp(trackingNumber) }).waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'Request again SPOT End User for Palm Coast Family Medicine' }).waitFor();
    await expectNoAxeViolations(page, '/roles after cancelling (English)');
    expect(problems).toEqual([]);
  });

  it('lets a future approver create the organization the help desk approved, and sends that request to the help desk', async () => {
    const future = await signedInUser(server.app, server.ctx, server.clock, { firstName: 'Alex', lastName: 'Moreno' });
    // An approved new-organization form naming this person as approver: the organization awaits them.
    const organization = await createOrganization(server.ctx, applicationId, {
      legalName: 'Seagrape Pediatrics, P.A.',
      status: 'awaiting_approver',
      approverOnFile: { firstName: 'Alex', lastName: 'Moreno', email: future.email },
    });

    const { page, problems } = await openPageAs(future);
    await page.goto(`${server.url}/roles`);
    await expectHeading(page, 'Manage My Roles');
    await page.getByRole('link', { name: 'Add a role in SPOT' }).click();
    await expectHeading(page, 'Add a role in SPOT');
    await page.getByLabel('Select a Role').selectOption({ label: 'SPOT Approver' });
    await page.getByRole('radio', { name: 'Associate with an existing organization' }).waitFor();
    expect(await page.getByRole('radio', { name: 'Associate with an existing organization' }).isChecked()).toBe(true);
    await page.getByText('Create a new organization', { exact: true }).click();
    await page.getByText('you must have already submitted the new organization form', { exact: false }).waitFor();
    expect(await page.getByRole('link', { name: 'Submit a new organization form' }).getAttribute('href')).toBe(
      '/organization-forms/new?application=SPOT',
    );
    await page.getByRole('button', { name: 'Review Request' }).click();
    await page.getByText('Enter the submitter ID.').waitFor();
    await page.getByText('Enter the legal business name.').waitFor();
    await expectHeading(page, 'Add a role in SPOT');
    await checkBothLanguages(page, '/roles/add new organization', 'Add a role in SPOT', 'Agregar un rol en SPOT');

    // A name that does not match the form is refused by the server, in its words.
    await page.getByLabel('Submitter ID').fill(organization.submitterId);
    await page.getByLabel('Legal business name').fill('Seagrape Dermatology');
    await page.getByRole('button', { name: 'Review Request' }).click();
    await expectHeading(page, 'Review Request');
    expect(await page.locator('dl.rc-summary').textContent()).toContain(
      'New organization, created when your request is approved',
    );
    await page.getByLabel('Reason for request').fill('I am the designated approver');
    await page.getByRole('button', { name: 'Submit Role Request' }).click();
    await page
      .getByText(
        'The submitter ID and legal business name must match an approved new organization form that names you as approver.',
      )
      .waitFor();
    await expectNoAxeViolations(page, '/roles/add review refused (English)');

    await page.getByRole('button', { name: 'Change request' }).click();
    await expectHeading(page, 'Add a role in SPOT');
    expect(await page.getByLabel('Submitter ID').inputValue()).toBe(organization.submitterId);
    await page.getByLabel('Legal business name').fill('Seagrape Pediatrics PA');
    await page.getByRole('button', { name: 'Review Request' }).click();
    await expectHeading(page, 'Review Request');
    expect(await page.getByLabel('Reason for request').inputValue()).toBe('I am the designated approver');
    await page.getByRole('button', { name: 'Submit Role Request' }).click();
    await expectHeading(page, 'Role request submitted');
    await page.getByText('The SPOT Help Desk will review your request.').waitFor();
    expect(await page.getByTestId('tracking-number').textContent()).toMatch(/^RR-2026-\d{6}$/);
    await expectNoAxeViolations(page, '/roles/add confirmation for the help desk (English)');
    // The browser logs the refused submission (400) itself; that one is expected.
    expect(problems.filter((problem) => !problem.includes('400'))).toEqual([]);
  });

  it('pages through many requests and says so when another approver decided first', async () => {
    const approver = await signedInUser(server.app, server.ctx, server.clock, { firstName: 'Casey', lastName: 'Nguyen' });
    const backup = await signedInUser(server.app, server.ctx, server.clock);
    const requester = await signedInUser(server.app, server.ctx, server.clock, { firstName: 'Sam', lastName: 'Ortiz' });
    const trackingNumbers: string[] = [];
    for (let n = 1; n <= 26; n++) {
      const organization = await createOrganization(server.ctx, applicationId, { legalName: `Gulf Breeze Therapy ${n}` });
      await grantRole(server.ctx, await idOf(server.ctx, approver.userId), roles.approver!, organization.id);
      await grantRole(server.ctx, await idOf(server.ctx, backup.userId), roles.backup_approver!, organization.id);
      const submitted = await requester.client.post('/api/v1/role-requests', {
        roleId: roles.end_user!.id,
        organizationId: organization.id,
        reason: `Claims for clinic ${n}`,
      });
      expect(submitted.statusCode, submitted.body).toBe(201);
      trackingNumbers.push(submitted.json().trackingNumber as string);
      // Requests made one second apart list in the order they were made.
      server.clock.advance({ seconds: 1 });
    }

    const { page, problems } = await openPageAs(approver);
    await page.goto(`${server.url}/approvals`);
    await expectHeading(page, 'Pending Approvals');
    await page.getByText('25 requests shown').waitFor();
    expect(await page.getByRole('region', { name: `${trackingNumbers[25]}: Sam Ortiz` }).count()).toBe(0);
    await page.getByRole('button', { name: 'Load more' }).click();
    await page.getByText('26 requests shown').waitFor();
    await page.getByRole('region', { name: `${trackingNumbers[25]}: Sam Ortiz` }).waitFor();
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);

    // The backup approver decides the oldest first; this approver's Approve is then too late.
    const first = trackingNumbers[0]!;
    const firstId = (
      await server.ctx.database.db
        .selectFrom('role_requests')
        .select('id')
        .where('tracking_number', '=', first)
        .executeTakeFirstOrThrow()
    ).id;
    const decided = await backup.client.post(`/api/v1/role-requests/${firstId}/decision`, { decision: 'approve' });
    expect(decided.statusCode, decided.body).toBe(200);
    const item = page.getByRole('region', { name: `${first}: Sam Ortiz` });
    await item.getByRole('button', { name: `Approve ${first}` }).click();
    await item.getByText('This request was already decided.').waitFor();
    expect(await item.getByRole('button', { name: `Approve ${first}` }).count()).toBe(0);
    await expectNoAxeViolations(page, '/approvals already decided (English)');

    // Rejecting another with a comment takes it off the list.
    const second = trackingNumbers[1]!;
    const secondItem = page.getByRole('region', { name: `${second}: Sam Ortiz` });
    await secondItem.getByLabel('Comment').fill('Not one of our staff');
    await secondItem.getByRole('button', { name: `Reject ${second}` }).click();
    await page.getByText(`You rejected request ${second} from Sam Ortiz.`).waitFor();
    await page.getByText('25 requests shown').waitFor();
    await switchLanguage(page, 'es');
    await page.getByText('Se muestran 25 solicitudes').waitFor();
    await expectNoAxeViolations(page, '/approvals after deciding (Spanish)');
    await switchLanguage(page, 'en');
    // The browser logs the refused decision (409) itself; that one is expected.
    expect(problems.filter((problem) => !problem.includes('409'))).toEqual([]);
  });
});
