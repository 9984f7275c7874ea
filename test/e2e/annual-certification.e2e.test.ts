/// <reference lib="dom" />
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, chromiumSkipReason, expectNoAxeViolations } from '../browser/browser.js';
import { checkBothLanguages, expectHeading, tick } from '../browser/visit.js';
import { signedInUser } from '../helpers/accounts.js';
import { createOrganization, grantRole, idOf, loadSpot } from '../helpers/organizations.js';
import { browserScenario } from '../browser/scenario.js';

const hasChromium = chromiumAvailable();
if (!hasChromium) console.log(chromiumSkipReason());

const DAY_MS = 86_400_000;
const listCaption = 'Roles due for certification, soonest first';

/*
 * "IDM annual certification", followed in Rolecall: roles granted a year ago come due, the sweep
 * emails the approver, who opens My Annual Role Certifications, opens a user's details, ticks "I
 * acknowledge" and certifies, revokes another, and certifies the rest at once. The revoked user
 * requests the role again from Manage My Roles. The help desk certifies the approver named in the
 * organization's records and revokes a backup approver who is not. A role nobody certified is
 * removed once at the end of its due day, and its holder and certifier are told.
 */
describe.skipIf(!hasChromium)('the IDM annual certification instructions, step by step', { timeout: 400_000 }, () => {
  const scenario = browserScenario();
  const { visitAs, leave } = scenario;

  async function emailsTo(to: string, template: string) {
    return scenario.server.ctx.database.db
      .selectFrom('outbox')
      .select(['subject', 'body_text'])
      .where('recipient', '=', to)
      .where('template', '=', template)
      .execute();
  }

  async function assignmentOf(userId: string, roleId: string) {
    return scenario.server.ctx.database.db
      .selectFrom('role_assignments')
      .selectAll()
      .where('user_id', '=', await idOf(scenario.server.ctx, userId))
      .where('role_id', '=', roleId)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
  }

  function list(page: Page) {
    return page.getByRole('table', { name: listCaption });
  }

  async function acknowledge(page: Page): Promise<void> {
    await tick(page, page.getByRole('checkbox', { name: 'I acknowledge' }));
  }

  it('certifies, revokes and expires roles as the instructions say', async () => {
    const { applicationId, roles } = await loadSpot(scenario.server.ctx);
    const person = (firstName: string, lastName: string) =>
      signedInUser(scenario.server.app, scenario.server.ctx, scenario.server.clock, { firstName, lastName });
    const helpDesk = await person('Harper', 'Desk');
    const approver = await person('Morgan', 'Lee');
    const backup = await person('Casey', 'Nguyen');
    const [jordan, riley, sam, alex] = [
      await person('Jordan', 'Diaz'),
      await person('Riley', 'Okafor'),
      await person('Sam', 'Ortiz'),
      await person('Alex', 'Moreno'),
    ];
    const drew = await person('Drew', 'Park');
    const legalName = 'Gulf Breeze Pediatrics';
    // The records on file name Morgan as the approver and someone else as the backup approver.
    const organization = await createOrganization(scenario.server.ctx, applicationId, {
      legalName,
      approverOnFile: { firstName: 'Morgan', lastName: 'Lee', email: approver.email },
      backupApproversOnFile: [{ firstName: 'Jamie', lastName: 'Cole', email: 'jamie.cole@example.test' }],
    });
    await grantRole(scenario.server.ctx, await idOf(scenario.server.ctx, helpDesk.userId), roles.help_desk!);
    await grantRole(scenario.server.ctx, await idOf(scenario.server.ctx, approver.userId), roles.approver!, organization.id);
    await grantRole(scenario.server.ctx, await idOf(scenario.server.ctx, backup.userId), roles.backup_approver!, organization.id);
    for (const user of [jordan!, riley!, sam!, alex!]) {
      await grantRole(scenario.server.ctx, await idOf(scenario.server.ctx, user.userId), roles.end_user!, organization.id);
    }
    // Drew's role is two months younger: not due yet when the others are, so nobody certifies it.
    scenario.server.clock.advance({ days: 61 });
    await grantRole(scenario.server.ctx, await idOf(scenario.server.ctx, drew.userId), roles.end_user!, organization.id);

    // Eleven months later the roles are due within 60 days, and the sweep emails the approver.
    scenario.server.clock.advance({ days: 279 });
    await scenario.server.ctx.scheduler.runNow('certification.sweep');
    const [digest] = await emailsTo(approver.email, 'certification.digest');
    expect(digest?.subject).toBe('4 role certifications due soon');
    expect(digest?.body_text).toContain('Jordan Diaz');
    expect(digest?.body_text).toContain(`${scenario.server.url}/certifications`);

    // Steps 1 and 2: the approver signs in and clicks the "My Annual Role Certifications" tile.
    const approverVisit = await visitAs(approver);
    const page = approverVisit.page;
    await page.goto(`${scenario.server.url}/`);
    await expectHeading(page, 'Welcome, Morgan');
    await page.getByRole('main').getByRole('link', { name: 'My Annual Role Certifications' }).click();
    await expectHeading(page, 'My Annual Role Certifications');
    expect(await page.title()).toBe('My Annual Role Certifications | Rolecall');
    await page.getByText('4 roles due for certification').waitFor();
    const jordanRow = list(page).getByRole('row', { name: /Jordan Diaz/ });
    expect(await jordanRow.textContent()).toContain(jordan!.userId);
    expect(await jordanRow.textContent()).toContain(legalName);
    expect(await jordanRow.textContent()).toContain(`Submitter ID ${organization.submitterId}`);
    expect(await jordanRow.textContent()).toContain('25 days left');
    await page.getByTestId('acknowledgement-text').getByText('I acknowledge that I have carefully reviewed').waitFor();
    await checkBothLanguages(
      page,
      'My Annual Role Certifications',
      'My Annual Role Certifications',
      'Mis certificaciones anuales de roles',
    );

    // Step 3: the user name opens the user details; "I acknowledge", then Certify.
    await jordanRow.getByRole('link', { name: 'Jordan Diaz' }).click();
    await expectHeading(page, 'User details: Jordan Diaz');
    const details = page.getByRole('table', { name: 'Roles of Jordan Diaz you certify' });
    expect(await details.getByRole('row', { name: /SPOT End User/ }).textContent()).toContain(legalName);
    expect(await page.locator('dl.rc-summary').textContent()).toContain('Last sign-in');
    await checkBothLanguages(page, 'user details', 'User details: Jordan Diaz', 'Detalles del usuario: Jordan Diaz');
    // Without the box ticked, nothing is decided and the page says why.
    await page.getByRole('button', { name: 'Certify', exact: true }).click();
    await page.getByText('Check the "I acknowledge" box before you certify or revoke.').waitFor();
    await expectNoAxeViolations(page, 'user details without acknowledgement (English)');
    await acknowledge(page);
    await page.getByRole('button', { name: 'Certify', exact: true }).click();

    // Step 4: back on the certification list, which no longer lists Jordan.
    await expectHeading(page, 'My Annual Role Certifications');
    await page.getByText('You certified 1 role of Jordan Diaz. It is next due in one year.').waitFor();
    await page.getByText('3 roles due for certification').waitFor();
    expect(
      await list(page)
        .getByRole('row', { name: /Jordan Diaz/ })
        .count(),
    ).toBe(0);

    // A quick action on the list revokes Riley: the ticked box is the confirmation.
    const rileyName = `SPOT End User of Riley Okafor, ${legalName}`;
    await acknowledge(page);
    await list(page)
      .getByRole('button', { name: `Revoke ${rileyName}` })
      .click();
    await page.getByText('You revoked 1 role. It was removed and its holder was emailed.').waitFor();
    expect(await page.getByRole('button', { name: 'Yes, revoke' }).count()).toBe(0);
    await page.getByText('2 roles due for certification').waitFor();

    // The rest at once: Certify all, confirmed.
    await acknowledge(page);
    await page.getByRole('button', { name: 'Certify all' }).click();
    await page.getByRole('heading', { name: 'Certify every role due on your list?' }).waitFor();
    await page.getByRole('button', { name: 'Yes, certify' }).click();
    await page.getByText('You certified 2 roles. They are next due in one year.').waitFor();
    await page.getByText('If no users are listed, no action is needed at this time.').waitFor();
    await checkBothLanguages(page, 'the emptied list', 'My Annual Role Certifications', 'Mis certificaciones anuales de roles');

    // Their next due dates are one year from the decision.
    for (const user of [jordan!, sam!, alex!]) {
      const assignment = await assignmentOf(user.userId, roles.end_user!.id);
      expect(assignment.status).toBe('active');
      const certifiedAt = Date.parse(assignment.last_certified_at ?? '');
      expect(Date.parse(assignment.certification_due_at ?? '') - certifiedAt).toBe(365 * DAY_MS);
      expect(Math.abs(certifiedAt - scenario.server.clock.now().getTime())).toBeLessThan(DAY_MS);
    }
    const revoked = await assignmentOf(riley!.userId, roles.end_user!.id);
    expect(revoked.status).toBe('removed');
    expect(revoked.removal_kind).toBe('certification_revoked');
    expect(await emailsTo(riley!.email, 'role.removed')).toHaveLength(1);

    // The approver's dashboard for the organization: a chart and the same numbers in a table.
    await page.getByRole('link', { name: 'Dashboard and evidence' }).click();
    await expectHeading(page, 'Certification dashboard');
    const chart = page.getByRole('img', { name: /^Bar chart for Gulf Breeze Pediatrics/ });
    await chart.waitFor();
    // Morgan's and Casey's own roles are due too: the help desk certifies them.
    expect(await chart.getAttribute('aria-label')).toContain('3 certified, 2 due, 0 overdue, 1 removed');
    expect(await page.getByTestId('count-certified').textContent()).toBe('3');
    await checkBothLanguages(page, 'approver dashboard', 'Certification dashboard', 'Panel de certificación');
    await leave(approverVisit);

    // The revoked user sees why and when on Manage My Roles, and requests the role again.
    const rileyVisit = await visitAs(riley!);
    const rileyPage = rileyVisit.page;
    await rileyPage.goto(`${scenario.server.url}/roles`);
    await expectHeading(rileyPage, 'Manage My Roles');
    const removedRow = rileyPage
      .getByRole('table', { name: 'Your removed roles in SPOT' })
      .getByRole('row', { name: /SPOT End User/ });
    expect(await removedRow.textContent()).toContain('Revoked at the annual certification');
    expect(await removedRow.textContent()).toContain(
      new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(new Date(revoked.removed_at ?? '')),
    );
    await checkBothLanguages(rileyPage, 'Manage My Roles with a revoked role', 'Manage My Roles', 'Administrar mis roles');
    await removedRow.getByRole('link', { name: `Request again SPOT End User for ${legalName}` }).click();
    await expectHeading(rileyPage, 'Add a role in SPOT');
    await rileyPage.waitForFunction(
      (id) => (document.getElementById('organization') as HTMLSelectElement | null)?.value === id,
      organization.id,
    );
    await rileyPage.getByRole('button', { name: 'Review Request' }).click();
    await expectHeading(rileyPage, 'Review Request');
    await rileyPage.getByLabel('Reason for request').fill('I still work at Gulf Breeze Pediatrics');
    await rileyPage.getByRole('button', { name: 'Submit Role Request' }).click();
    await expectHeading(rileyPage, 'Role request submitted');
    expect((await rileyPage.getByTestId('tracking-number').textContent()) ?? '').toMatch(/^RR-\d{4}-\d{6}$/);
    await leave(rileyVisit);

    // The help desk: the approver matches the records on file, the backup approver does not.
    const deskVisit = await visitAs(helpDesk);
    const desk = deskVisit.page;
    await desk.goto(`${scenario.server.url}/`);
    await desk.getByRole('main').getByRole('link', { name: 'My Annual Role Certifications' }).click();
    await expectHeading(desk, 'My Annual Role Certifications');
    const morganRow = list(desk).getByRole('row', { name: /Morgan Lee/ });
    const caseyRow = list(desk).getByRole('row', { name: /Casey Nguyen/ });
    expect(await morganRow.textContent()).toContain('Matches');
    expect(await morganRow.textContent()).toContain('Name and email match the records on file.');
    expect(await caseyRow.textContent()).toContain('Does not match');
    expect(await caseyRow.textContent()).toContain('Jamie Cole');
    expect(await caseyRow.textContent()).toContain('Name differs. Email differs.');
    await checkBothLanguages(desk, 'help desk list', 'My Annual Role Certifications', 'Mis certificaciones anuales de roles');
    await acknowledge(desk);
    await morganRow.getByRole('button', { name: `Certify SPOT Approver of Morgan Lee, ${legalName}` }).click();
    await desk.getByText('You certified 1 role. It is next due in one year.').waitFor();
    await caseyRow.getByRole('link', { name: 'Casey Nguyen' }).click();
    await expectHeading(desk, 'User details: Casey Nguyen');
    await desk.getByText('Does not match').waitFor();
    await acknowledge(desk);
    await desk.getByRole('button', { name: 'Revoke', exact: true }).click();
    await expectHeading(desk, 'My Annual Role Certifications');
    await desk.getByText('You revoked 1 role of Casey Nguyen. It was removed and Casey Nguyen was emailed.').waitFor();
    await desk.getByText('If no users are listed, no action is needed at this time.').waitFor();
    expect((await assignmentOf(backup.userId, roles.backup_approver!.id)).removal_kind).toBe('certification_revoked');
    expect((await assignmentOf(approver.userId, roles.approver!.id)).last_certified_at).not.toBeNull();

    // The dry run: Drew's role would be removed at the end of its due day, not before.
    const drewRole = await assignmentOf(drew.userId, roles.end_user!.id);
    const dueDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(
      new Date(drewRole.certification_due_at ?? ''),
    );
    await desk.getByRole('link', { name: 'Roles that would be removed' }).click();
    await expectHeading(desk, 'Roles that would be removed');
    await desk.getByText(/^No role would be removed by the end of/).waitFor();
    await desk.getByLabel('Date', { exact: true }).fill(dueDay);
    await desk.getByRole('button', { name: 'Show' }).click();
    await desk.waitForURL(`${scenario.server.url}/help-desk/certifications/expiring?date=${dueDay}`);
    await desk.getByText(/^1 role would be removed by the end of/).waitFor();
    expect(await desk.getByRole('row', { name: /Drew Park/ }).textContent()).toContain(legalName);
    await checkBothLanguages(desk, 'roles that would be removed', 'Roles that would be removed', 'Roles que se quitarían');

    // The help desk's dashboard for SPOT, and the evidence as CSV.
    await desk.goto(`${scenario.server.url}/certifications/dashboard`);
    await expectHeading(desk, 'Certification dashboard');
    const deskChart = desk.getByRole('img', { name: /^Bar chart for SPOT: all organizations/ });
    await deskChart.waitFor();
    expect(await deskChart.getAttribute('aria-label')).toContain('4 certified, 0 due, 0 overdue, 2 removed');
    // The chart is drawn as SVG bars.
    expect(await deskChart.locator('svg .recharts-bar-rectangle').count()).toBeGreaterThan(0);
    expect(await desk.getByTestId('count-removed').textContent()).toBe('2');
    await checkBothLanguages(desk, 'help desk dashboard', 'Certification dashboard', 'Panel de certificación');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(scenario.server.clock.now());
    await desk.getByLabel('From', { exact: true }).fill(today);
    await desk.getByLabel('To', { exact: true }).fill(today);
    const [download] = await Promise.all([
      desk.waitForEvent('download'),
      desk.getByRole('link', { name: 'Download evidence (CSV)' }).click(),
    ]);
    const csv = await readFile(await download.path(), 'utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toMatch(/^decision_id,application,/);
    expect(lines).toHaveLength(7);
    expect(lines.filter((line) => line.includes(',certified,'))).toHaveLength(4);
    expect(lines.filter((line) => line.includes(',revoked,'))).toHaveLength(2);
    await leave(deskVisit);

    // Past Drew's due day the sweep removes the role, once, however often it runs.
    scenario.server.clock.set(new Date(Date.parse(drewRole.certification_due_at ?? '') + 2 * DAY_MS));
    await scenario.server.ctx.scheduler.runNow('certification.sweep');
    await scenario.server.ctx.scheduler.runNow('certification.sweep');
    const expired = await assignmentOf(drew.userId, roles.end_user!.id);
    expect(expired.status).toBe('removed');
    expect(expired.removal_kind).toBe('certification_expired');
    const decisions = await scenario.server.ctx.database.db
      .selectFrom('certification_decisions')
      .select('outcome')
      .where('assignment_id', '=', expired.id)
      .execute();
    expect(decisions).toEqual([{ outcome: 'expired' }]);
    const removedEmails = await emailsTo(drew.email, 'role.removed');
    expect(removedEmails).toHaveLength(1);
    expect(removedEmails[0]?.body_text).toContain('certification expired');
    const certifierEmails = await emailsTo(approver.email, 'certification.expired');
    expect(certifierEmails).toHaveLength(1);
    expect(certifierEmails[0]?.body_text).toContain('Drew Park');

    // Drew sees why and when, and may request the role again.
    const drewVisit = await visitAs(drew);
    await drewVisit.page.goto(`${scenario.server.url}/roles`);
    await expectHeading(drewVisit.page, 'Manage My Roles');
    const expiredRow = drewVisit.page
      .getByRole('table', { name: 'Your removed roles in SPOT' })
      .getByRole('row', { name: /SPOT End User/ });
    expect(await expiredRow.textContent()).toContain('Not certified in time');
    await expiredRow.getByRole('link', { name: `Request again SPOT End User for ${legalName}` }).waitFor();
    await checkBothLanguages(drewVisit.page, 'Manage My Roles with an expired role', 'Manage My Roles', 'Administrar mis roles');
    await leave(drewVisit);

    for (const { problems } of scenario.visits) expect(problems).toEqual([]);
  });
});
