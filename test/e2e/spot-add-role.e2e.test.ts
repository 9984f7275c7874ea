/// <reference lib="dom" />
import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, chromiumSkipReason, expectNoAxeViolations } from '../browser/browser.js';
import { checkBothLanguages, expectHeading, tick } from '../browser/visit.js';
import { signedInUser } from '../helpers/accounts.js';
import { grantRole, idOf, loadSpot } from '../helpers/organizations.js';
import { fillAddressAndContact, fillOrganization, fillPerson, group, sign } from '../browser/organization-form.js';
import { browserScenario } from '../browser/scenario.js';

const hasChromium = chromiumAvailable();
if (!hasChromium) console.log(chromiumSkipReason());

/*
 * "How to add an additional role and access another organization", followed in Rolecall from end
 * to end: the organization's future approver sends the new organization form, the help desk
 * approves it and the submitter ID arrives by email; the approver creates the organization by
 * requesting the Approver role; the help desk approves; an end user signs in, finds the
 * organization and requests SPOT End User; the approver approves; the end user holds the role.
 */
describe.skipIf(!hasChromium)('the SPOT add-role instructions, step by step', { timeout: 300_000 }, () => {
  const scenario = browserScenario();
  const { visitAs, visit } = scenario;

  /** The newest email of a template to someone, as they would read it. */
  async function emailTo(to: string, template: string): Promise<{ subject: string; body_text: string }> {
    const messages = await scenario.server.ctx.database.db
      .selectFrom('outbox')
      .select(['subject', 'body_text'])
      .where('recipient', '=', to)
      .where('template', '=', template)
      .orderBy('id', 'desc')
      .execute();
    const [newest] = messages;
    if (!newest) throw new Error(`no ${template} email to ${to}`);
    return newest;
  }

  it('creates an organization through its form and its approver, and gives an end user a role in it', async () => {
    const { roles } = await loadSpot(scenario.server.ctx);
    const helpDesk = await signedInUser(scenario.server.app, scenario.server.ctx, scenario.server.clock, {
      firstName: 'Harper',
      lastName: 'Desk',
    });
    await grantRole(scenario.server.ctx, await idOf(scenario.server.ctx, helpDesk.userId), roles.help_desk!);
    const approver = await signedInUser(scenario.server.app, scenario.server.ctx, scenario.server.clock, {
      firstName: 'Morgan',
      lastName: 'Lee',
    });
    const endUser = await signedInUser(scenario.server.app, scenario.server.ctx, scenario.server.clock, {
      firstName: 'Jordan',
      lastName: 'Diaz',
    });
    const legalName = 'Seabreeze Family Medicine';

    // The future approver sends the new organization form.
    const future = await visitAs(approver);
    const page = future.page;
    await page.goto(`${scenario.server.url}/`);
    await expectHeading(page, 'Welcome, Morgan');
    await page.goto(`${scenario.server.url}/organization-forms/new`);
    await expectHeading(page, 'New organization form');
    await fillOrganization(page, {
      legalName,
      tin: '59-3141592',
      groupNpi: '1679576722',
      ptan: 'FL5521',
      lineOfBusiness: 'Part A and B',
      location: 'Florida (FL)',
    });
    await fillAddressAndContact(page, {
      address: { line1: '12 Dune Road', city: 'Pensacola', state: 'FL', zip: '32501' },
      phone: '850-555-0190',
      contact: { name: 'Morgan Lee', email: approver.email, phone: '850-555-0191' },
    });
    await fillPerson(group(page, /^Proposed approver/), approver);
    await sign(page, 'Morgan Lee');
    await expectNoAxeViolations(page, 'new organization form filled (English)');
    await page.getByRole('button', { name: 'Submit organization form' }).click();
    await expectHeading(page, 'Your organization form was sent');
    const formNumber = (await page.getByTestId('tracking-number').textContent()) ?? '';
    expect(formNumber).toMatch(/^OF-\d{4}-\d{6}$/);

    // The help desk approves it; the submitter ID arrives by email with the legal business name.
    const desk = await visitAs(helpDesk);
    await desk.page.goto(`${scenario.server.url}/help-desk/organization-forms`);
    await expectHeading(desk.page, 'Organization forms to review');
    await desk.page.getByRole('link', { name: formNumber }).click();
    await expectHeading(desk.page, `Review form ${formNumber}`);
    await desk.page.getByRole('button', { name: 'Approve' }).click();
    await desk.page.getByText(`Form ${formNumber} is approved.`, { exact: false }).waitFor();
    const approval = await emailTo(approver.email, 'organization_form.approved');
    const submitterId = /Submitter ID: (S\d{6})/.exec(approval.body_text)?.[1] ?? '';
    expect(submitterId).toMatch(/^S\d{6}$/);
    expect(approval.body_text).toContain(`Legal business name: ${legalName}`);

    // The approver requests the Approver role and creates the organization with that submitter ID.
    await page.goto(`${scenario.server.url}/`);
    await page.getByRole('main').getByRole('link', { name: 'Manage My Roles', exact: true }).click();
    await expectHeading(page, 'Manage My Roles');
    await page.getByRole('link', { name: 'Add a role in SPOT' }).click();
    await expectHeading(page, 'Add a role in SPOT');
    await page.getByLabel('Select a Role').selectOption({ label: 'SPOT Approver' });
    await page.getByText('Create a new organization', { exact: true }).click();
    await page.getByLabel('Submitter ID').fill(submitterId);
    await page.getByLabel('Legal business name').fill(legalName);
    await page.getByRole('button', { name: 'Review Request' }).click();
    await expectHeading(page, 'Review Request');
    await page.getByLabel('Reason for request').fill('I am the designated approver of Seabreeze Family Medicine');
    await page.getByRole('button', { name: 'Submit Role Request' }).click();
    await expectHeading(page, 'Role request submitted');
    const approverRequest = (await page.getByTestId('tracking-number').textContent()) ?? '';
    expect(approverRequest).toMatch(/^RR-\d{4}-\d{6}$/);
    await page.getByText('The SPOT Help Desk will review your request.').waitFor();

    // Until the help desk approves, nobody finds the organization.
    const before = await scenario.server.ctx.organizations.search(
      (await scenario.server.ctx.catalog.getApplication('SPOT')).id,
      'seabreeze',
    );
    expect(before).toEqual([]);

    // The help desk approves the approver.
    await desk.page.goto(`${scenario.server.url}/approvals`);
    await expectHeading(desk.page, 'Pending Approvals');
    await desk.page.getByRole('button', { name: `Approve ${approverRequest}` }).click();
    await desk.page.getByText(`You approved request ${approverRequest}`, { exact: false }).waitFor();
    expect((await emailTo(approver.email, 'role_request.decided')).subject).toContain(approverRequest);

    // Steps 1 to 5: the end user signs in with user ID, password, the MFA device and the terms.
    const user = await visit({ allowRefusals: false });
    const userPage = user.page;
    await userPage.goto(`${scenario.server.url}/sign-in`);
    await expectHeading(userPage, 'Sign in');
    await userPage.getByLabel('User ID', { exact: true }).fill(endUser.userId);
    await userPage.getByLabel('Password', { exact: true }).fill(endUser.password);
    await tick(userPage, userPage.getByRole('checkbox', { name: 'I agree to the terms and conditions' }));
    await userPage.getByRole('main').getByRole('button', { name: 'Sign In', exact: true }).click();
    // Only one MFA device: the page asks for its code at once instead of a choice of one.
    await expectHeading(userPage, 'Enter your code');
    // A code is accepted once: the next 30-second step's code, not the one used to enrol.
    scenario.server.clock.advance({ seconds: 30 });
    const code = await generate({ secret: endUser.totpSecret, epoch: Math.floor(scenario.server.clock.now().getTime() / 1000) });
    await userPage.getByLabel('Enter the code from your authenticator app').fill(code);
    await userPage.getByRole('button', { name: 'Verify', exact: true }).click();
    await expectHeading(userPage, 'Welcome, Jordan');

    // Steps 6 to 9: Manage My Roles, the SPOT application, the add-role icon under Actions.
    await userPage.getByRole('main').getByRole('link', { name: 'Manage My Roles', exact: true }).click();
    await expectHeading(userPage, 'Manage My Roles');
    const spotRow = userPage
      .getByRole('row', { name: /SPOT/ })
      .filter({ has: userPage.getByRole('link', { name: 'Add a role in SPOT' }) });
    await spotRow.getByRole('link', { name: 'Add a role in SPOT' }).click();
    await expectHeading(userPage, 'Add a role in SPOT');

    // Step 10: Select a Role; a name nobody created finds nothing, and the page says why.
    await userPage.getByLabel('Select a Role').selectOption({ label: 'SPOT End User' });
    await userPage.getByLabel('Search for your organization').fill('Seabreeze Dental');
    await userPage
      .getByText('If your organization is not found, it has not been created by an approver yet.', { exact: false })
      .waitFor();
    await checkBothLanguages(userPage, 'organization not found', 'Add a role in SPOT', 'Agregar un rol en SPOT');
    await userPage.getByLabel('Search for your organization').fill('seabreeze');
    await userPage.getByText('1 organization found. It is selected below; check it is yours.').waitFor();
    await userPage
      .getByLabel('Select your organization')
      .selectOption({ label: `${legalName} (submitter ID ${submitterId}, TIN •••••1592)` });
    await userPage.getByRole('button', { name: 'Review Request' }).click();
    await expectHeading(userPage, 'Review Request');
    await userPage.getByLabel('Reason for request').fill('Access to Medicare data');
    await userPage.getByRole('button', { name: 'Submit Role Request' }).click();

    // Step 11: the confirmation screen and number, and the same number by email.
    await expectHeading(userPage, 'Role request submitted');
    const endUserRequest = (await userPage.getByTestId('tracking-number').textContent()) ?? '';
    expect(endUserRequest).toMatch(/^RR-\d{4}-\d{6}$/);
    await checkBothLanguages(userPage, 'role request confirmation', 'Role request submitted', 'Solicitud de rol enviada');
    expect((await emailTo(endUser.email, 'role_request.submitted')).body_text).toContain(endUserRequest);

    // The approver receives the request by email and approves it under Pending Approvals.
    const notice = await emailTo(approver.email, 'role_request.awaiting_decision');
    expect(notice.body_text).toContain(endUserRequest);
    expect(notice.body_text).toContain(`${scenario.server.url}/approvals`);
    await page.goto(`${scenario.server.url}/`);
    await page.getByRole('main').getByRole('link', { name: 'Pending Approvals' }).click();
    await expectHeading(page, 'Pending Approvals');
    await page.getByText(endUserRequest, { exact: false }).first().waitFor();
    await checkBothLanguages(page, 'Pending Approvals with a request', 'Pending Approvals', 'Aprobaciones pendientes');
    await page.getByRole('button', { name: `Approve ${endUserRequest}` }).click();
    await page.getByText(`You approved request ${endUserRequest} from Jordan Diaz.`).waitFor();

    // The end user sees the role under Manage My Roles, with its next certification due.
    await userPage.getByRole('link', { name: 'Back to Manage My Roles' }).click();
    await expectHeading(userPage, 'Manage My Roles');
    const held = userPage.getByRole('table', { name: 'Your roles in SPOT' });
    const row = held.getByRole('row', { name: /SPOT End User/ });
    await row.waitFor();
    expect(await row.textContent()).toContain(legalName);
    const due = new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(
      new Date(scenario.server.clock.now().getTime() + 365 * 24 * 3600 * 1000),
    );
    expect(await row.textContent()).toContain(due);
    await checkBothLanguages(userPage, 'Manage My Roles with the new role', 'Manage My Roles', 'Administrar mis roles');

    for (const { problems } of scenario.visits) expect(problems).toEqual([]);
  });
});
