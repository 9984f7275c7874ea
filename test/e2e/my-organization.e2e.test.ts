/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, chromiumSkipReason, expectNoAxeViolations } from '../browser/browser.js';
import { browserScenario } from '../browser/scenario.js';
import { checkBothLanguages, expectHeading } from '../browser/visit.js';
import { signedInUser } from '../helpers/accounts.js';
import { createOrganization, grantRole, idOf, loadSpot } from '../helpers/organizations.js';
import { insertPeople } from '../integration/certification-support.js';

const hasChromium = chromiumAvailable();
if (!hasChromium) console.log(chromiumSkipReason());

const title = 'My organization';
const titleEs = 'Mi organización';

/*
 * My organization, as an approver uses it: from the home tile to the organization chosen among
 * the two they approve for, its end users with their dates, its request waiting for a decision
 * and its records on file; an end user's role removed with a reason, which the end user then
 * reads in Manage My Roles. Axe runs on each page in English and Spanish.
 */
describe.skipIf(!hasChromium)('My organization', { timeout: 300_000 }, () => {
  const scenario = browserScenario();

  const rows = (page: Page) => page.getByTestId('end-user-row');
  const mediumDate = (iso: string) => new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(new Date(iso));

  it('lets an approver remove an end user’s role with a reason, which the end user then reads in Manage My Roles', async () => {
    const { ctx, app, clock, url } = scenario.server;
    const { applicationId, roles } = await loadSpot(ctx);
    const clinic = await createOrganization(ctx, applicationId, { legalName: 'Coral Reef Family Medicine', tin: '59-2468013' });
    const pharmacy = await createOrganization(ctx, applicationId, { legalName: 'Mangrove Orthopedics' });
    const approver = await signedInUser(app, ctx, clock, { firstName: 'Morgan', lastName: 'Reyes' });
    const approverId = await idOf(ctx, approver.userId);
    await grantRole(ctx, approverId, roles.approver!, clinic.id);
    await grantRole(ctx, approverId, roles.backup_approver!, pharmacy.id);
    const endUser = await signedInUser(app, ctx, clock, { firstName: 'Jordan', lastName: 'Blake' });
    const jordanRole = await grantRole(ctx, await idOf(ctx, endUser.userId), roles.end_user!, clinic.id);
    const [riley] = await insertPeople(ctx, 1, { firstName: 'Riley', lastName: 'Santos' });
    await grantRole(ctx, riley!.id, roles.end_user!, clinic.id);
    const requester = await signedInUser(app, ctx, clock, { firstName: 'Avery', lastName: 'Lopez' });
    const requested = await requester.client.post('/api/v1/role-requests', {
      roleId: roles.end_user!.id,
      organizationId: clinic.id,
      reason: 'I joined the billing office',
    });
    expect(requested.statusCode, requested.body).toBe(201);
    const trackingNumber = requested.json().trackingNumber as string;

    // From the home tile: two organizations, so a list to choose one.
    const visit = await scenario.visitAs(approver);
    const { page } = visit;
    await page.goto(`${url}/`);
    await page.getByRole('link', { name: title, exact: true }).click();
    await page.waitForURL(`${url}/my-organization`);
    await expectHeading(page, title);
    expect(await page.title()).toBe(`${title} | Rolecall`);
    const choices = page.getByRole('table', { name: 'Organizations you approve for' });
    await choices.getByRole('link', { name: 'Mangrove Orthopedics' }).waitFor();
    await checkBothLanguages(page, '/my-organization', title, titleEs);
    await choices.getByRole('link', { name: 'Coral Reef Family Medicine' }).click();

    // The organization: its end users, soonest due first, with their dates.
    await page.waitForURL(`${url}/my-organization/${clinic.id}`);
    await expectHeading(page, 'Coral Reef Family Medicine');
    expect(await page.title()).toBe('My organization: Coral Reef Family Medicine | Rolecall');
    await rows(page).first().waitFor();
    expect(await rows(page).count()).toBe(2);
    const jordan = rows(page).filter({ hasText: 'Jordan Blake' });
    const jordanText = (await jordan.textContent()) ?? '';
    expect(jordanText).toContain(`User ID ${endUser.userId}`);
    expect(jordanText).toContain('SPOT End User');
    expect(jordanText).toContain(mediumDate(jordanRole.establishedAt));
    expect(jordanText).toContain(mediumDate(jordanRole.certificationDueAt!));
    expect(jordanText).toContain('Not yet');
    expect(await rows(page).filter({ hasText: 'Riley Santos' }).textContent()).toContain('Never');
    // The request waiting for a decision, the way to Pending Approvals, and the records on file.
    const requests = page.getByRole('table', { name: /^Requests for Coral Reef Family Medicine/ });
    await requests
      .getByRole('row', { name: new RegExp(trackingNumber) })
      .getByText('Avery Lopez')
      .waitFor();
    await page.getByRole('link', { name: 'Go to Pending Approvals' }).waitFor();
    await page.getByRole('table', { name: 'Records on file for Coral Reef Family Medicine' }).waitFor();
    await page.getByRole('link', { name: 'Request an update' }).waitFor();
    await page.getByRole('link', { name: 'Back to my organizations' }).waitFor();
    await checkBothLanguages(page, '/my-organization/:id', 'Coral Reef Family Medicine', 'Coral Reef Family Medicine');

    // Remove Jordan's role: a reason is required, then the role is gone from the list.
    await jordan.getByRole('button', { name: 'Remove SPOT End User of Jordan Blake' }).click();
    const form = page.getByRole('group', { name: 'Remove the SPOT End User role of Jordan Blake?' });
    await form.waitFor();
    await form.getByRole('button', { name: 'Remove role' }).click();
    await form.getByText('Enter the reason for removing this role.').waitFor();
    await expectNoAxeViolations(page, '/my-organization/:id removing, reason missing (English)');
    await form.getByLabel('Reason for removing this role').fill('Moved to another office');
    await form.getByRole('button', { name: 'Remove role' }).click();
    await page.getByText('The SPOT End User role of Jordan Blake was removed.').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="end-user-row"]').length === 1);
    expect(await rows(page).first().textContent()).toContain('Riley Santos');
    await checkBothLanguages(
      page,
      '/my-organization/:id after a removal',
      'Coral Reef Family Medicine',
      'Coral Reef Family Medicine',
    );
    await scenario.leave(visit);

    // The end user reads it in Manage My Roles: removed by the approver, with the reason.
    const endUserVisit = await scenario.visitAs(endUser);
    const endUserPage = endUserVisit.page;
    await endUserPage.goto(`${url}/`);
    await expectHeading(endUserPage, 'Welcome, Jordan');
    expect(await endUserPage.getByRole('main').getByRole('link', { name: title, exact: true }).count()).toBe(0);
    await endUserPage.getByRole('main').getByRole('link', { name: 'Manage My Roles', exact: true }).click();
    await expectHeading(endUserPage, 'Manage My Roles');
    const removed = endUserPage.getByRole('table', { name: 'Your removed roles in SPOT' });
    const removedRow = removed.getByRole('row', { name: /SPOT End User/ });
    await removedRow.waitFor();
    expect(await removedRow.textContent()).toContain("Removed by your organization's approver: Moved to another office");
    expect(await removedRow.textContent()).toContain('Coral Reef Family Medicine');
    // My organization is not theirs: nothing to choose.
    await endUserPage.goto(`${url}/my-organization`);
    await expectHeading(endUserPage, title);
    await endUserPage.getByText('You are not an approver or backup approver of any organization.', { exact: false }).waitFor();
    await checkBothLanguages(endUserPage, '/my-organization (end user)', title, titleEs);
    await scenario.leave(endUserVisit);
  });
});
