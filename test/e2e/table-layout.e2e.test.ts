/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, chromiumSkipReason, expectNoAxeViolations } from '../browser/browser.js';
import { expectHeading } from '../browser/visit.js';
import { signedInAdministrator, signedInUser, signInWithTotp, type SignedInUser } from '../helpers/accounts.js';
import { createOrganization, grantRole, idOf, loadSpot } from '../helpers/organizations.js';
import { browserScenario } from '../browser/scenario.js';
import { decide } from '../integration/certification-support.js';

const hasChromium = chromiumAvailable();
if (!hasChromium) console.log(chromiumSkipReason());

const DAY_MS = 86_400_000;

/** A new-organization form naming `approver` as its approver. */
function organizationForm(approver: SignedInUser, legalName: string) {
  return {
    legalName,
    tin: '59-8274613',
    groupNpi: '1234567893',
    ptan: 'fl1234',
    lineOfBusiness: 'part_b',
    location: 'FL',
    address: { line1: '200 Bay Street', city: 'Jacksonville', state: 'fl', zip: '32202' },
    phone: '(904) 555-0142',
    fax: null,
    contact: { name: 'Morgan Lee', email: 'morgan.lee.contact@example.test', phone: '904.555.0143' },
    approver: { firstName: approver.firstName, lastName: approver.lastName, email: approver.email },
    backupApprovers: [],
  };
}

/** A wide desktop window, a tablet and a phone. */
const viewports = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'tablet', width: 768, height: 1024 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/*
 * Tables never hide what a person must act on: on a 1280 px desktop every column fits, and on a
 * 768 px tablet and a 390 px phone the rows stack, so every link, button and checkbox in a table
 * row lies inside the window, no table scrolls within itself and the page never scrolls sideways.
 * The data is made as wide as real data gets: SPOT's long description, long organization names,
 * emails and user IDs, and the help desk's "records on file" column.
 */
describe.skipIf(!hasChromium)('tables fit the window on a desktop, a tablet and a phone', { timeout: 300_000 }, () => {
  const scenario = browserScenario();
  const { visitAs } = scenario;

  /**
   * At each window size: the page is no wider than the window, no table is wider than its box, and
   * each control in a table row (at least `controls` of them) lies inside the window's width. Axe
   * runs at each size.
   */
  async function expectTablesFit(page: Page, where: string, controls: number): Promise<void> {
    for (const viewport of viewports) {
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      const layout = await page.evaluate(() => {
        const width = window.innerWidth;
        const found = [...document.querySelectorAll('table tbody tr :is(a, button, input)')];
        const outside = found
          .map((element) => ({ element, box: element.getBoundingClientRect() }))
          .filter(({ box }) => box.width === 0 || box.left < 0 || box.right > width)
          .map(({ element, box }) => {
            const name = element.getAttribute('aria-label') ?? element.textContent ?? element.tagName;
            return `${name.trim()} [${Math.round(box.left)}, ${Math.round(box.right)}]`;
          });
        // A table wider than its box would scroll within it and hide its last columns.
        const clipped = [...document.querySelectorAll('table')]
          .filter((table) => {
            const box = table.parentElement;
            return (box !== null && box.scrollWidth > box.clientWidth) || table.getBoundingClientRect().right > width;
          })
          .map((table) => table.querySelector('caption')?.textContent ?? 'a table without a caption');
        return { width, scrollWidth: document.documentElement.scrollWidth, count: found.length, outside, clipped };
      });
      const context = `${where} at ${viewport.width} px`;
      expect(layout.count, context).toBeGreaterThanOrEqual(controls);
      expect(layout.outside, context).toEqual([]);
      expect(layout.clipped, context).toEqual([]);
      expect(layout.scrollWidth, context).toBeLessThanOrEqual(layout.width);
      await expectNoAxeViolations(page, `${where} (${viewport.name})`);
    }
  }

  it('shows every action of every table at 1280, 768 and 390 px', async () => {
    const { applicationId, roles } = await loadSpot(scenario.server.ctx);
    const person = (firstName: string, lastName: string) =>
      signedInUser(scenario.server.app, scenario.server.ctx, scenario.server.clock, { firstName, lastName });
    const helpDesk = await person('Harper', 'Desk');
    const approver = await person('Maximiliana', 'Villanueva-Castellanos');
    const backup = await person('Casey', 'Nguyen-Whitfield');
    const holder = await person('Bartholomew', 'Oyelaran-Fitzgerald');
    const others = [await person('Riley', 'Okafor'), await person('Sam', 'Ortiz'), await person('Alex', 'Moreno')];
    const administrator = await signedInAdministrator(scenario.server.app, scenario.server.ctx, scenario.server.clock);
    const organization = (legalName: string) =>
      createOrganization(scenario.server.ctx, applicationId, {
        legalName,
        approverOnFile: { firstName: 'Maximiliana', lastName: 'Villanueva-Castellanos', email: approver.email },
        backupApproversOnFile: [{ firstName: 'Jamie', lastName: 'Cole', email: 'jamie.cole.records@example.test' }],
      });
    const main = await organization('Gulf Breeze Pediatric and Adolescent Medicine Associates of Northwest Florida');
    const second = await organization('Saint Augustine Coastal Cardiology and Vascular Surgery Partners');
    const third = await organization('Panhandle Rural Health Cooperative');
    const id = (user: SignedInUser) => idOf(scenario.server.ctx, user.userId);
    await grantRole(scenario.server.ctx, await id(helpDesk), roles.help_desk!);
    for (const place of [main, second, third])
      await grantRole(scenario.server.ctx, await id(approver), roles.approver!, place.id);
    await grantRole(scenario.server.ctx, await id(backup), roles.backup_approver!, main.id);
    const holderId = await id(holder);
    await grantRole(scenario.server.ctx, holderId, roles.end_user!, main.id);
    const lost = await grantRole(scenario.server.ctx, await id(holder), roles.end_user!, second.id);
    for (const other of others) await grantRole(scenario.server.ctx, await id(other), roles.end_user!, main.id);

    // Eleven months on, every role is due; the approver revokes one of the holder's two roles,
    // and the holder asks for a role elsewhere: Manage My Roles shows all three of its tables.
    scenario.server.clock.advance({ days: 340 });
    const approverClient = await signInWithTotp(scenario.server.app, scenario.server.clock, approver);
    const revoked = await decide(approverClient, { outcome: 'revoke', assignmentIds: [lost.id] });
    expect(revoked.statusCode, revoked.body).toBe(200);
    const holderClient = await signInWithTotp(scenario.server.app, scenario.server.clock, holder);
    const requested = await holderClient.post('/api/v1/role-requests', {
      roleId: roles.end_user!.id,
      organizationId: third.id,
      reason: 'I also see patients at the cooperative',
    });
    expect(requested.statusCode, requested.body).toBe(201);
    // Two new-organization forms: the help desk returns one with a long reason, the other waits.
    const deskClient = await signInWithTotp(scenario.server.app, scenario.server.clock, helpDesk);
    const formIds: string[] = [];
    for (const legalName of ['Emerald Coast Orthopaedic and Sports Medicine Institute', 'Suwannee Valley Family Practice']) {
      const sent = await holderClient.post('/api/v1/organization-forms', {
        applicationCode: 'SPOT',
        organization: organizationForm(holder, legalName),
        signatureName: `${holder.firstName} ${holder.lastName}`,
      });
      expect(sent.statusCode, sent.body).toBe(201);
      formIds.push((sent.json() as { id: string }).id);
    }
    const returned = await deskClient.post(`/api/v1/organization-forms/${formIds[0]}/review`, {
      decision: 'return',
      reason: 'The legal business name does not match the name on the IRS letter; send the form again with the exact name.',
    });
    expect(returned.statusCode, returned.body).toBe(200);

    // Manage My Roles: the add-role icon under Actions, Remove, Cancel request, Request again.
    const holderVisit = await visitAs(holder);
    await holderVisit.page.goto(`${scenario.server.url}/roles`);
    await expectHeading(holderVisit.page, 'Manage My Roles');
    await holderVisit.page.getByRole('link', { name: 'Add a role in SPOT' }).waitFor();
    await holderVisit.page.getByRole('table', { name: 'Your removed roles in SPOT' }).waitFor();
    await holderVisit.page.getByRole('table', { name: 'Your pending requests in SPOT' }).waitFor();
    await expectTablesFit(holderVisit.page, 'Manage My Roles', 4);

    // The holder's sessions, MFA devices and organization forms.
    await holderVisit.page.goto(`${scenario.server.url}/profile/sessions`);
    await holderVisit.page.getByRole('table').waitFor();
    await expectTablesFit(holderVisit.page, 'sessions', 1);
    // A second device, so that each offers Remove (the only one would offer none).
    await scenario.server.ctx.database.transaction((trx) =>
      scenario.server.ctx.mfa.addDemoAuthenticator(trx, holderId, { secret: 'JBSWY3DPEHPK3PXP', label: 'Work phone' }),
    );
    await holderVisit.page.goto(`${scenario.server.url}/profile/mfa`);
    await holderVisit.page.getByRole('table').waitFor();
    await expectTablesFit(holderVisit.page, 'MFA devices', 2);
    await holderVisit.page.goto(`${scenario.server.url}/organization-forms`);
    await holderVisit.page.getByRole('link', { name: /^OF-/ }).first().waitFor();
    await expectTablesFit(holderVisit.page, 'my organization forms', 2);

    // The approver's certification list, and a user's details.
    const approverVisit = await visitAs(approver);
    const page = approverVisit.page;
    await page.goto(`${scenario.server.url}/certifications`);
    await expectHeading(page, 'My Annual Role Certifications');
    await page.getByText('4 roles due for certification').waitFor();
    // Per row: the checkbox, the user's name, Certify and Revoke.
    await expectTablesFit(page, 'the approver’s certification list', 4 * 4);
    await page.getByRole('link', { name: 'Bartholomew Oyelaran-Fitzgerald' }).click();
    await expectHeading(page, 'User details: Bartholomew Oyelaran-Fitzgerald');
    await page.getByRole('table', { name: /^Roles of Bartholomew/ }).waitFor();
    await expectTablesFit(page, 'user details', 0);
    await page.goto(`${scenario.server.url}/certifications/dashboard`);
    await page.getByTestId('count-certified').waitFor();
    await expectTablesFit(page, 'the certification dashboard', 0);

    // The help desk's list, with the records on file beside each approver, and the dry run.
    const deskVisit = await visitAs(helpDesk);
    const desk = deskVisit.page;
    await desk.goto(`${scenario.server.url}/certifications`);
    await expectHeading(desk, 'My Annual Role Certifications');
    await desk.getByText('4 roles due for certification').waitFor();
    await desk.getByRole('columnheader', { name: 'Records on file' }).waitFor();
    await expectTablesFit(desk, 'the help desk’s certification list', 4 * 4);
    const day = new Date(scenario.server.clock.now().getTime() + 60 * DAY_MS).toISOString().slice(0, 10);
    await desk.goto(`${scenario.server.url}/help-desk/certifications/expiring?date=${day}`);
    await expectHeading(desk, 'Roles that would be removed');
    await desk.getByText(/^\d+ roles would be removed by the end of/).waitFor();
    await expectTablesFit(desk, 'roles that would be removed', 0);

    await desk.goto(`${scenario.server.url}/help-desk/organization-forms`);
    await desk.getByRole('link', { name: /^OF-/ }).first().waitFor();
    await expectTablesFit(desk, 'the help desk’s organization forms', 1);

    // The mail viewer: every message written so far, each subject a button.
    const adminVisit = await visitAs(administrator);
    await adminVisit.page.goto(`${scenario.server.url}/dev/outbox`);
    await expectHeading(adminVisit.page, 'Mail viewer');
    await adminVisit.page.getByRole('table', { name: 'Outbox messages' }).waitFor();
    await expectTablesFit(adminVisit.page, 'the mail viewer', 10);

    for (const { problems } of scenario.visits) expect(problems).toEqual([]);
  });
});
