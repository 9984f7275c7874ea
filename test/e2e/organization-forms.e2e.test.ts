/// <reference lib="dom" />
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/modules/catalog/catalog.service.js';
import { chromiumAvailable, chromiumSkipReason, expectNoAxeViolations, launchBrowser } from '../browser/browser.js';
import { fillAddressAndContact, fillOrganization, fillPerson, group, sign } from '../browser/organization-form.js';
import { checkBothLanguages, expectHeading, openVisit, takeOverSession, tick, type Visit } from '../browser/visit.js';
import { signedInUser, signInWithTotp, type SignedInUser } from '../helpers/accounts.js';
import { createOrganization, grantRole, idOf, loadSpot } from '../helpers/organizations.js';
import { startTestServer } from '../helpers/test-server.js';

const hasChromium = chromiumAvailable();
if (!hasChromium) console.log(chromiumSkipReason());

type Server = Awaited<ReturnType<typeof startTestServer>>;

/** The TIN typed into the form: its digits must never be on any page, in any form. */
const TIN = '59-8274613';
const TIN_DIGITS = '598274613';

describe.skipIf(!hasChromium)('organization forms in the browser', { timeout: 180_000 }, () => {
  let server: Server;
  let browser: Browser;
  let roles: Record<string, Role>;
  let applicationId: string;
  let helpDesk: SignedInUser;
  const visits: Visit[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    ({ roles, applicationId } = await loadSpot(server.ctx));
    helpDesk = await signedInUser(server.app, server.ctx, server.clock, { firstName: 'Harper', lastName: 'Desk' });
    await grantRole(server.ctx, await idOf(server.ctx, helpDesk.userId), roles.help_desk!);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(visits.map((visit) => visit.context.close()));
    await browser?.close();
    await server?.close();
  });

  /**
   * A browser profile of its own for someone signed in through the API, who takes the session over.
   * Nothing in these scenarios is meant to be refused: the browser's own checks come first.
   */
  async function openAs(user: SignedInUser): Promise<Visit> {
    const visit = await openVisit(browser, server.url);
    visits.push(visit);
    await takeOverSession(visit.context, user.client, server.url);
    return visit;
  }

  /** Neither the TIN as typed nor its digits are anywhere in the page's markup or text. */
  async function expectNoTin(page: Page): Promise<void> {
    const markup = await page.content();
    const text = await page.evaluate(() => document.body.innerText);
    for (const content of [markup, text, markup.replace(/\D/g, '')]) {
      expect(content).not.toContain(TIN);
      expect(content).not.toContain(TIN_DIGITS);
    }
  }

  /** The form's own row in a table, found by its tracking number. */
  function rowOf(page: Page, trackingNumber: string): Locator {
    return page.locator(`tr[data-tracking-number="${trackingNumber}"]`);
  }

  async function approvedEmails(to: string) {
    return server.ctx.database.db
      .selectFrom('outbox')
      .select(['subject', 'body_text'])
      .where('recipient', '=', to)
      .where('template', '=', 'organization_form.approved')
      .execute();
  }

  it('keeps what was typed in the form across an idle sign-out, but never the TIN, and forgets it at a sign-out', async () => {
    const submitter = await signedInUser(server.app, server.ctx, server.clock, { firstName: 'Rowan', lastName: 'Quill' });
    const { page, problems } = await openAs(submitter);
    await page.goto(`${server.url}/organization-forms/new`);
    await expectHeading(page, 'New organization form');
    const legalName = page.getByRole('textbox', { name: /^Legal business name/ });
    const tin = page.getByRole('textbox', { name: /^Taxpayer identification number/ });
    await legalName.fill('Keeping Draft Clinic');
    await tin.fill(TIN);
    await page.getByRole('textbox', { name: /^Group NPI/ }).fill('1234567890');

    // The session ends on the server while the person is away (as the idle limit ends it); they
    // sign in again in the same tab.
    expect((await submitter.client.delete('/api/v1/session')).statusCode).toBeLessThan(300);
    await page.reload();
    await page.waitForURL(/\/sign-in/);
    await takeOverSession(page.context(), await signInWithTotp(server.app, server.clock, submitter), server.url);
    await page.goto(`${server.url}/organization-forms/new`);
    await page.getByText('We kept what you typed before you were signed out.', { exact: false }).waitFor();
    expect(await legalName.inputValue()).toBe('Keeping Draft Clinic');
    expect(await page.getByRole('textbox', { name: /^Group NPI/ }).inputValue()).toBe('1234567890');
    expect(await tin.inputValue()).toBe('');
    expect(JSON.stringify(await page.evaluate(() => ({ ...sessionStorage })))).not.toContain(TIN_DIGITS.slice(-4));
    await expectNoAxeViolations(page, '/organization-forms/new with a kept draft (English)');

    // Signing out on purpose leaves nothing typed behind in the tab.
    await page.getByRole('button', { name: 'Sign out' }).first().click();
    await page.waitForURL(/\/sign-in/);
    expect(await page.evaluate(() => Object.keys(sessionStorage).filter((key) => key.startsWith('rolecall.draft.')))).toEqual([]);
    expect(problems.filter((problem) => !/401/.test(problem))).toEqual([]);
  });

  it('takes a new organization form, returned for correction and then approved with a submitter ID', async () => {
    const submitter = await signedInUser(server.app, server.ctx, server.clock, { firstName: 'Morgan', lastName: 'Lee' });
    const { page, problems } = await openAs(submitter);

    await page.goto(`${server.url}/organization-forms`);
    await expectHeading(page, 'Organization Forms');
    expect(await page.title()).toBe('Organization Forms | Rolecall');
    await page.getByText('You have not sent any organization forms.').waitFor();
    // Not an approver of anything yet: no organizations to show.
    expect(await page.getByRole('heading', { name: 'My organizations' }).count()).toBe(0);
    await checkBothLanguages(page, '/organization-forms', 'Organization Forms', 'Formularios de organización');

    await page.getByRole('link', { name: 'Submit a new organization form' }).click();
    await page.waitForURL(`${server.url}/organization-forms/new`);
    await expectHeading(page, 'New organization form');
    const tin = page.getByRole('textbox', { name: /^Taxpayer identification number/ });
    await tin.waitFor();
    expect(await tin.getAttribute('type')).toBe('text');
    expect(await tin.getAttribute('inputmode')).toBe('numeric');
    expect(await tin.getAttribute('autocomplete')).toBe('off');
    await page.getByText('It is stored encrypted and only ever shown masked', { exact: false }).waitFor();
    // SPOT is the only application, so it is chosen already.
    expect(await page.getByRole('combobox', { name: /^Application/ }).inputValue()).toBe('SPOT');
    await checkBothLanguages(page, '/organization-forms/new', 'New organization form', 'Formulario de organización nueva');

    // Sent empty, the browser's own checks name each field, and nothing reaches the server.
    await page.getByRole('button', { name: 'Submit organization form' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await page.getByText('Enter the legal business name.').first().waitFor();
    // The alert links to each field to fix, in the form's order; a link puts the cursor there.
    const summaryLinks = page.getByRole('alert').getByRole('link');
    expect((await summaryLinks.allTextContents()).slice(0, 2)).toEqual([
      'Enter the legal business name.',
      'Enter the taxpayer identification number (TIN).',
    ]);
    await summaryLinks.first().click();
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('legalName');
    await page.getByText('Check the box to certify that the information is true.').first().waitFor();
    await expectNoAxeViolations(page, '/organization-forms/new with errors (English)');

    await page.getByRole('textbox', { name: /^Legal business name/ }).fill('Sunrise Dermatolgy');
    await tin.fill(TIN);
    // The typed TIN is in the field, yet not in the page's markup.
    expect(await tin.inputValue()).toBe(TIN);
    await expectNoTin(page);
    const npi = page.getByRole('textbox', { name: /^Group NPI/ });
    await npi.fill('1234567890');
    await page.getByRole('textbox', { name: /^PTAN/ }).fill('fl1234');
    await tick(page, page.getByRole('radio', { name: 'Part B', exact: true }));
    await tick(page, page.getByRole('radio', { name: 'Florida (FL)' }));
    const address = group(page, 'Mailing address');
    await address.getByRole('textbox', { name: 'Street address', exact: true }).fill('200 Bay Street');
    await address.getByRole('textbox', { name: /^City/ }).fill('Jacksonville');
    await address.getByRole('textbox', { name: /^State/ }).fill('FL');
    await address.getByRole('textbox', { name: /^ZIP code/ }).fill('3220');
    await group(page, 'Phone and fax')
      .getByRole('textbox', { name: /^Phone number/ })
      .fill('(904) 555-0142');
    const contact = group(page, 'Contact');
    await contact.getByRole('textbox', { name: /^Full name/ }).fill('Morgan Lee');
    await contact.getByRole('textbox', { name: /^Email address/ }).fill('morgan.lee@example.test');
    await contact.getByRole('textbox', { name: /^Phone number/ }).fill('904.555.0143');
    await fillPerson(group(page, /^Proposed approver/), submitter);
    await page.getByRole('button', { name: 'Add a backup approver' }).click();
    // Focus moves to the new entry's first field.
    const backup = group(page, 'Backup approver 1');
    expect(await backup.getByRole('textbox', { name: /^First name/ }).evaluate((input) => input === document.activeElement)).toBe(
      true,
    );
    await fillPerson(backup, { firstName: 'Riley', lastName: 'Chen', email: 'riley.chen@example.test' });
    await sign(page, 'Morgan Lee');

    // A mistyped NPI (its check digit is wrong) and a short ZIP code are caught in the browser.
    await page.getByRole('button', { name: 'Submit organization form' }).click();
    await page.getByText('This is not a valid NPI', { exact: false }).first().waitFor();
    await page.getByText('Enter a 5-digit ZIP code', { exact: false }).first().waitFor();
    expect(await npi.getAttribute('aria-invalid')).toBe('true');
    await npi.fill('1234567893');
    await address.getByRole('textbox', { name: /^ZIP code/ }).fill('32202');
    await page.getByRole('button', { name: 'Submit organization form' }).click();

    await expectHeading(page, 'Your organization form was sent');
    const trackingNumber = (await page.getByTestId('tracking-number').textContent()) ?? '';
    expect(trackingNumber).toMatch(/^OF-\d{4}-\d{6}$/);
    await page.getByText('The help desk reviews your form', { exact: false }).waitFor();
    await page.getByText('receive the submitter ID by email', { exact: false }).waitFor();
    await expectNoTin(page);
    await expectNoAxeViolations(page, 'form sent (English)');

    // The help desk finds it in the queue and returns it, with a reason.
    const desk = await openAs(helpDesk);
    await desk.page.goto(`${server.url}/help-desk/organization-forms`);
    await expectHeading(desk.page, 'Organization forms to review');
    await rowOf(desk.page, trackingNumber).waitFor();
    await checkBothLanguages(
      desk.page,
      '/help-desk/organization-forms',
      'Organization forms to review',
      'Formularios de organización por revisar',
    );
    await rowOf(desk.page, trackingNumber).getByRole('link', { name: trackingNumber }).click();
    await expectHeading(desk.page, `Review form ${trackingNumber}`);
    const contents = desk.page.getByRole('table', { name: 'What the form says' });
    await contents.getByText('Sunrise Dermatolgy').waitFor();
    await contents.getByText('•••••4613').waitFor();
    await contents.getByText('Riley Chen, riley.chen@example.test').waitFor();
    await expectNoTin(desk.page);
    await checkBothLanguages(
      desk.page,
      '/help-desk/organization-forms/:id',
      `Review form ${trackingNumber}`,
      `Revisar el formulario ${trackingNumber}`,
    );

    await desk.page.getByRole('button', { name: 'Return for correction' }).click();
    await desk.page.getByText('Enter the reason for returning or rejecting this form.').first().waitFor();
    await expectNoAxeViolations(desk.page, 'review without a reason (English)');
    await desk.page.getByRole('textbox', { name: 'Reason' }).fill('The legal business name is misspelled.');
    await desk.page.getByRole('button', { name: 'Return for correction' }).click();
    await desk.page.getByText(`Form ${trackingNumber} was returned to Morgan Lee for correction.`).waitFor();
    expect(await desk.page.getByRole('button', { name: 'Approve' }).count()).toBe(0);

    // The submitter reads why, corrects the form (typing the TIN again) and sends it again.
    await page.goto(`${server.url}/organization-forms`);
    await expectHeading(page, 'Organization Forms');
    await rowOf(page, trackingNumber).getByText('Returned for correction').waitFor();
    await rowOf(page, trackingNumber).getByText('The legal business name is misspelled.').waitFor();
    await rowOf(page, trackingNumber).getByRole('link', { name: trackingNumber }).click();
    await expectHeading(page, `Organization form ${trackingNumber}`);
    expect(await page.getByTestId('review-reason').textContent()).toBe('The legal business name is misspelled.');
    const legalName = page.getByRole('textbox', { name: /^Legal business name/ });
    expect(await legalName.inputValue()).toBe('Sunrise Dermatolgy');
    const retyped = page.getByRole('textbox', { name: /^Taxpayer identification number/ });
    expect(await retyped.inputValue()).toBe('');
    await page.getByText('Type it again: it is never shown', { exact: false }).waitFor();
    expect(
      await group(page, 'Backup approver 1')
        .getByRole('textbox', { name: /^Email address/ })
        .inputValue(),
    ).toBe('riley.chen@example.test');
    await expectNoTin(page);
    await checkBothLanguages(
      page,
      '/organization-forms/:id returned',
      `Organization form ${trackingNumber}`,
      `Formulario de organización ${trackingNumber}`,
    );

    await legalName.fill('Sunrise Dermatology');
    // Sent without the TIN, the browser asks for it.
    await sign(page, 'Morgan Lee');
    await page.getByRole('button', { name: 'Send again' }).click();
    await page.getByText('Enter the taxpayer identification number (TIN).').first().waitFor();
    await retyped.fill(TIN);
    await page.getByRole('button', { name: 'Send again' }).click();
    await page.getByText('Your corrected form was sent to the help desk again.').waitFor();
    expect(await page.getByTestId('form-status').textContent()).toBe('Submitted');
    expect(await page.getByRole('button', { name: 'Send again' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Withdraw' }).waitFor();
    await expectNoTin(page);
    await expectNoAxeViolations(page, '/organization-forms/:id sent again (English)');

    // The help desk approves it and sees the submitter ID it issued.
    await desk.page.goto(`${server.url}/help-desk/organization-forms`);
    await rowOf(desk.page, trackingNumber).getByRole('link', { name: trackingNumber }).click();
    await expectHeading(desk.page, `Review form ${trackingNumber}`);
    await desk.page
      .getByRole('table', { name: 'What the form says' })
      .getByText('Sunrise Dermatology', { exact: true })
      .waitFor();
    await desk.page.getByRole('button', { name: 'Approve' }).click();
    const approved = desk.page.getByRole('status').filter({ hasText: `Form ${trackingNumber} is approved.` });
    await approved.waitFor();
    const submitterId = /Submitter ID (S\d{6})/.exec((await approved.textContent()) ?? '')?.[1];
    expect(submitterId).toMatch(/^S\d{6}$/);
    await expectNoTin(desk.page);
    await expectNoAxeViolations(desk.page, 'form approved (English)');

    // The submitter ID is emailed with the legal business name, and shows on the submitter's list.
    const emails = await approvedEmails(submitter.email);
    expect(emails).toHaveLength(1);
    expect(emails[0]?.body_text).toContain(submitterId);
    expect(emails[0]?.body_text).toContain('Sunrise Dermatology');
    await page.goto(`${server.url}/organization-forms`);
    await rowOf(page, trackingNumber).getByText(`Submitter ID ${submitterId}`).waitFor();
    await rowOf(page, trackingNumber).getByText('Approved').waitFor();
    await expectNoTin(page);

    expect(problems).toEqual([]);
    expect(desk.problems).toEqual([]);
  });

  it("lets an organization's approver request an update of the records on file, applied when the help desk approves", async () => {
    const approver = await signedInUser(server.app, server.ctx, server.clock, { firstName: 'Jordan', lastName: 'Price' });
    const organization = await createOrganization(server.ctx, applicationId, {
      legalName: 'Bayview Family Clinic',
      approverOnFile: { firstName: approver.firstName, lastName: approver.lastName, email: approver.email },
    });
    await grantRole(server.ctx, await idOf(server.ctx, approver.userId), roles.approver!, organization.id);
    const { page, problems } = await openAs(approver);

    await page.goto(`${server.url}/organization-forms`);
    await expectHeading(page, 'Organization Forms');
    const records = page.getByRole('table', { name: 'Records on file for Bayview Family Clinic' });
    await records.getByText('10 Ocean Way').waitFor();
    await records.getByText(organization.submitterId).waitFor();
    await checkBothLanguages(page, '/organization-forms with organizations', 'Organization Forms', 'Formularios de organización');

    await page.getByRole('link', { name: 'Request an update for Bayview Family Clinic' }).click();
    await page.waitForURL(`${server.url}/organizations/${organization.id}/update`);
    await expectHeading(page, 'Request an update of the records on file');
    const address = group(page, 'Mailing address');
    const line1 = address.getByRole('textbox', { name: 'Street address', exact: true });
    expect(await line1.inputValue()).toBe('10 Ocean Way');
    expect(
      await group(page, /^Approver/)
        .getByRole('textbox', { name: /^Email address/ })
        .inputValue(),
    ).toBe(approver.email);
    await checkBothLanguages(
      page,
      '/organizations/:id/update',
      'Request an update of the records on file',
      'Solicite una actualización de los registros archivados',
    );

    await line1.fill('9 Harbor Road');
    await address.getByRole('textbox', { name: /^City/ }).fill('San Juan');
    await address.getByRole('textbox', { name: /^State/ }).fill('PR');
    await address.getByRole('textbox', { name: /^ZIP code/ }).fill('00901');
    // A backup approver who is the approver again is caught before sending.
    await page.getByRole('button', { name: 'Add a backup approver' }).click();
    await fillPerson(group(page, 'Backup approver 1'), approver);
    await page.getByRole('button', { name: 'Add a backup approver' }).click();
    await fillPerson(group(page, 'Backup approver 2'), { firstName: 'Ana', lastName: 'Ortiz', email: 'ana.ortiz@example.test' });
    await sign(page, 'Jordan Price');
    await page.getByRole('button', { name: 'Submit update request' }).click();
    await page.getByText('This person is already named on this form.', { exact: false }).first().waitFor();
    await expectNoAxeViolations(page, '/organizations/:id/update with errors (English)');
    // Removing the first entry moves the second up, and focus goes to the add button.
    await page.getByRole('button', { name: 'Remove backup approver 1' }).click();
    expect(
      await page.getByRole('button', { name: 'Add a backup approver' }).evaluate((button) => button === document.activeElement),
    ).toBe(true);
    expect(
      await group(page, 'Backup approver 1')
        .getByRole('textbox', { name: /^Email address/ })
        .inputValue(),
    ).toBe('ana.ortiz@example.test');
    await page.getByRole('button', { name: 'Submit update request' }).click();
    await expectHeading(page, 'Your update request was sent');
    const trackingNumber = (await page.getByTestId('tracking-number').textContent()) ?? '';
    expect(trackingNumber).toMatch(/^OF-\d{4}-\d{6}$/);
    await expectNoAxeViolations(page, 'update request sent (English)');

    // Sent but not approved: the records on file have not changed.
    await page.goto(`${server.url}/organization-forms`);
    await records.getByText('10 Ocean Way').waitFor();

    const desk = await openAs(helpDesk);
    await desk.page.goto(`${server.url}/help-desk/organization-forms`);
    await rowOf(desk.page, trackingNumber).getByRole('link', { name: trackingNumber }).click();
    await expectHeading(desk.page, `Review form ${trackingNumber}`);
    const changes = desk.page.getByRole('table', { name: 'The records on file now, and what the request asks for' });
    await changes.locator('[data-field="onFile-address"]').getByText('10 Ocean Way').waitFor();
    await changes.locator('[data-field="askedFor-address"]').getByText('9 Harbor Road').waitFor();
    await changes.locator('[data-field="askedFor-backupApprovers"]').getByText('Ana Ortiz', { exact: false }).waitFor();
    await checkBothLanguages(
      desk.page,
      '/help-desk/organization-forms/:id update',
      `Review form ${trackingNumber}`,
      `Revisar el formulario ${trackingNumber}`,
    );
    await desk.page.getByRole('button', { name: 'Approve' }).click();
    await desk.page
      .getByText(`Update request ${trackingNumber} is approved. The records on file for Bayview Family Clinic are updated.`)
      .waitFor();

    await page.goto(`${server.url}/organization-forms`);
    await records.getByText('9 Harbor Road').waitFor();
    await records.getByText('San Juan, PR 00901').waitFor();
    expect(await records.getByText('10 Ocean Way').count()).toBe(0);
    await rowOf(page, trackingNumber).getByText('Approved').waitFor();
    await expectNoAxeViolations(page, '/organization-forms after the update (English)');

    expect(problems).toEqual([]);
    expect(desk.problems).toEqual([]);
  });

  it('marks the field the server refused, and tells the help desk of forms it cannot or can no longer decide', async () => {
    const submitter = await signedInUser(server.app, server.ctx, server.clock, { firstName: 'Quinn', lastName: 'Avila' });
    const { page, problems } = await openAs(submitter);
    await page.goto(`${server.url}/organization-forms/new`);
    await expectHeading(page, 'New organization form');
    await fillOrganization(page, {
      legalName: 'Palm Coast Cardiology',
      tin: '59-1111111',
      groupNpi: '1234567893',
      ptan: 'PC100',
      lineOfBusiness: 'Part A and B',
      location: 'U.S. Virgin Islands (USVI)',
    });
    // The browser's check lets this contact address through; the server's stricter one does not.
    const contact = await fillAddressAndContact(page, {
      address: { line1: '1 Main Street', city: 'Charlotte Amalie', state: 'VI', zip: '00802' },
      phone: '340-555-0100',
      contact: { name: 'Quinn Avila', email: 'quinn@palm_coast.test', phone: '340-555-0101' },
    });
    await fillPerson(group(page, /^Proposed approver/), submitter);
    await sign(page, 'Quinn Avila');
    await page.getByRole('button', { name: 'Submit organization form' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    const email = contact.getByRole('textbox', { name: /^Email address/ });
    await contact.getByText('Enter an email address like name@example.com.').waitFor();
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(page, '/organization-forms/new refused by the server (English)');
    await email.fill('quinn@palmcoast.test');
    await page.getByRole('button', { name: 'Submit organization form' }).click();
    await expectHeading(page, 'Your organization form was sent');
    const trackingNumber = (await page.getByTestId('tracking-number').textContent()) ?? '';
    const formId = new URL(
      await page.getByRole('link', { name: `View form ${trackingNumber}` }).evaluate((a) => (a as HTMLAnchorElement).href),
    ).pathname
      .split('/')
      .pop();

    // Another member of the help desk rejects it while this one is looking at it.
    const otherDesk = await signedInUser(server.app, server.ctx, server.clock);
    await grantRole(server.ctx, await idOf(server.ctx, otherDesk.userId), roles.help_desk!);
    const desk = await openAs(helpDesk);
    await desk.page.goto(`${server.url}/help-desk/organization-forms/${formId}`);
    await expectHeading(desk.page, `Review form ${trackingNumber}`);
    await desk.page.getByRole('button', { name: 'Approve' }).waitFor();
    const rejected = await otherDesk.client.post(`/api/v1/organization-forms/${formId}/review`, {
      decision: 'reject',
      reason: 'This organization already exists.',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    await desk.page.getByRole('button', { name: 'Approve' }).click();
    await desk.page.getByText('This form was already reviewed or withdrawn.').waitFor();
    // The page reads the form again after the refusal: wait for that answer, not a fixed time.
    await desk.page
      .getByTestId('form-status')
      .filter({ hasText: /^Rejected$/ })
      .waitFor();
    await desk.page.getByText('This organization already exists.').waitFor();
    expect(await desk.page.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    await expectNoAxeViolations(desk.page, 'review overtaken (English)');

    // A help desk member's own form waits for someone else.
    const own = await helpDesk.client.post('/api/v1/organization-forms', {
      applicationCode: 'SPOT',
      organization: {
        legalName: 'Own Practice LLC',
        tin: '59-2222222',
        groupNpi: '1234567893',
        ptan: 'OWN1',
        lineOfBusiness: 'part_a',
        location: 'PR',
        address: { line1: '5 Calle Luna', city: 'San Juan', state: 'PR', zip: '00901' },
        phone: '787-555-0100',
        fax: null,
        contact: { name: 'Harper Desk', email: helpDesk.email, phone: '787-555-0101' },
        approver: { firstName: helpDesk.firstName, lastName: helpDesk.lastName, email: helpDesk.email },
        backupApprovers: [],
      },
      signatureName: 'Harper Desk',
    });
    expect(own.statusCode, own.body).toBe(201);
    await desk.page.goto(`${server.url}/help-desk/organization-forms/${own.json().id}`);
    await expectHeading(desk.page, `Review form ${own.json().trackingNumber}`);
    await desk.page.getByRole('heading', { name: 'You sent this form' }).waitFor();
    expect(await desk.page.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    await checkBothLanguages(
      desk.page,
      'own form (help desk)',
      `Review form ${own.json().trackingNumber}`,
      `Revisar el formulario ${own.json().trackingNumber}`,
    );

    // Exactly the two refusals the scenario asked for, and nothing else.
    expect(problems.filter((problem) => !problem.includes('Failed to load resource'))).toEqual([
      `400 from POST ${server.url}/api/v1/organization-forms`,
    ]);
    expect(desk.problems.filter((problem) => !problem.includes('Failed to load resource'))).toEqual([
      `409 from POST ${server.url}/api/v1/organization-forms/${formId}/review`,
    ]);
  });
});
