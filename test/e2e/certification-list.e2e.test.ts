/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, chromiumSkipReason, expectNoAxeViolations } from '../browser/browser.js';
import { expectHeading, switchLanguage, tick } from '../browser/visit.js';
import { signedInUser } from '../helpers/accounts.js';
import { createOrganization, grantRole, idOf, loadSpot } from '../helpers/organizations.js';
import { browserScenario } from '../browser/scenario.js';

const hasChromium = chromiumAvailable();
if (!hasChromium) console.log(chromiumSkipReason());

const listCaption = 'Roles due for certification, soonest first';
const legalName = 'Gulf Breeze Pediatrics';

/*
 * My Annual Role Certifications as the certifier reads it: the window the program configured (30
 * days here, not the default 60), the CMS instructions' role names, the "I acknowledge" text in
 * the page's language at once, a revoke of one row, of a selection or of one user decided by the
 * ticked box alone while "Revoke all" still asks, and a dashboard with nothing to chart saying so.
 */
describe.skipIf(!hasChromium)('My Annual Role Certifications', { timeout: 300_000 }, () => {
  const scenario = browserScenario({ env: { ROLECALL_CERTIFICATION_WINDOW_DAYS: '30' } });
  const { visitAs } = scenario;

  function list(page: Page) {
    return page.getByRole('table', { name: listCaption });
  }

  async function acknowledge(page: Page): Promise<void> {
    await tick(page, page.getByRole('checkbox', { name: 'I acknowledge' }));
  }

  it('follows the configured window and the language, and revokes without a second question', async () => {
    const { applicationId, roles } = await loadSpot(scenario.server.ctx);
    const person = (firstName: string, lastName: string) =>
      signedInUser(scenario.server.app, scenario.server.ctx, scenario.server.clock, { firstName, lastName });
    const approver = await person('Morgan', 'Lee');
    const quietApprover = await person('Quinn', 'Hale');
    const [jordan, riley, sam, alex, drew] = [
      await person('Jordan', 'Diaz'),
      await person('Riley', 'Okafor'),
      await person('Sam', 'Ortiz'),
      await person('Alex', 'Moreno'),
      await person('Drew', 'Park'),
    ];
    const organization = await createOrganization(scenario.server.ctx, applicationId, { legalName });
    await grantRole(scenario.server.ctx, await idOf(scenario.server.ctx, approver.userId), roles.approver!, organization.id);
    for (const user of [jordan!, riley!, sam!, alex!]) {
      await grantRole(scenario.server.ctx, await idOf(scenario.server.ctx, user.userId), roles.end_user!, organization.id);
    }
    // Drew's role is 20 days younger: due in 40 days when the others are due in 20, so outside
    // the 30-day window (it would be inside the default 60).
    scenario.server.clock.advance({ days: 20 });
    await grantRole(scenario.server.ctx, await idOf(scenario.server.ctx, drew!.userId), roles.end_user!, organization.id);
    scenario.server.clock.advance({ days: 325 });
    // An organization whose approver was just made: nothing certified, due, overdue or removed.
    const quiet = await createOrganization(scenario.server.ctx, applicationId, { legalName: 'Quiet Harbor Clinic' });
    await grantRole(scenario.server.ctx, await idOf(scenario.server.ctx, quietApprover.userId), roles.approver!, quiet.id);

    // Jordan last signed in to SPOT 160 days ago, Alex 3 days ago; Riley and Sam never did.
    const now = scenario.server.clock.now();
    for (const [who, daysAgo] of [
      [jordan!, 160],
      [alex!, 3],
    ] as const) {
      const id = await idOf(scenario.server.ctx, who.userId);
      scenario.server.clock.set(new Date(now.getTime() - daysAgo * 86_400_000));
      await scenario.server.ctx.usage.recordSignIn({ kind: 'user', userId: id }, id, applicationId);
    }
    scenario.server.clock.set(now);

    const visit = await visitAs(approver);
    const { page } = visit;
    await page.goto(`${scenario.server.url}/certifications`);
    await expectHeading(page, 'My Annual Role Certifications');
    await page.getByText('4 roles due for certification').waitFor();
    // The table's caption follows the language: the row is found on the page.
    const usageOf = (name: string) =>
      page.getByRole('row', { name: new RegExp(name) }).locator('td[data-label="Last used"], td[data-label="Último uso"]');
    expect(await usageOf('Jordan Diaz').textContent()).toBe('5 months agoUnused for 90+ days');
    expect(await usageOf('Alex Moreno').textContent()).toBe('3 days ago');
    expect(await usageOf('Riley Okafor').textContent()).toBe('Never used');
    // The tag is seen, not only read: it has a size on the page.
    expect((await usageOf('Riley Okafor').getByText('Never used').boundingBox())?.width ?? 0).toBeGreaterThan(20);
    expect(
      await list(page)
        .getByRole('row', { name: /Drew Park/ })
        .count(),
    ).toBe(0);

    // The window the program configured, in both languages.
    await page.getByText('Carefully review each user due for certification within the next 30 days.').waitFor();
    expect(await page.getByText('60 days').count()).toBe(0);

    // The role names of the CMS instructions, beside Rolecall's.
    const names = page.getByRole('region', { name: 'Role names in the CMS instructions' });
    expect(await names.textContent()).toContain('Office Approver (OA): SPOT Approver');
    expect(await names.textContent()).toContain('Office Back-Up Approver (OBA): SPOT Backup Approver');

    // The acknowledgement follows the language switch at once, and back.
    const acknowledgementText = page.getByTestId('acknowledgement-text');
    await acknowledgementText.getByText('I acknowledge that I have carefully reviewed').waitFor();
    await switchLanguage(page, 'es');
    await expectHeading(page, 'Mis certificaciones anuales de roles');
    await acknowledgementText.getByText('Reconozco que revisé cuidadosamente').waitFor();
    expect(await acknowledgementText.textContent()).not.toContain('I acknowledge');
    await page.getByText('vence en los próximos 30 días').waitFor();
    expect(await usageOf('Jordan Diaz').textContent()).toBe('hace 5 mesesSin uso por 90+ días');
    expect(await usageOf('Riley Okafor').textContent()).toBe('Nunca usado');
    const nombres = page.getByRole('region', { name: 'Nombres de los roles en las instrucciones de CMS' });
    expect(await nombres.textContent()).toContain('Office Approver (OA), aprobador de la oficina: Aprobador de SPOT');
    expect(await nombres.textContent()).toContain(
      'Office Back-Up Approver (OBA), aprobador suplente de la oficina: Aprobador suplente de SPOT',
    );
    await expectNoAxeViolations(page, 'My Annual Role Certifications (Spanish)');
    await switchLanguage(page, 'en');
    await acknowledgementText.getByText('I acknowledge that I have carefully reviewed').waitFor();
    await expectNoAxeViolations(page, 'My Annual Role Certifications (English)');

    // One row: the ticked box is the confirmation.
    await acknowledge(page);
    await list(page)
      .getByRole('button', { name: `Revoke SPOT End User of Riley Okafor, ${legalName}` })
      .click();
    await page.getByText('You revoked 1 role. It was removed and its holder was emailed.').waitFor();
    await page.getByText('3 roles due for certification').waitFor();
    expect(await page.getByRole('button', { name: 'Yes, revoke' }).count()).toBe(0);

    // The selection: the same.
    await page.getByRole('checkbox', { name: `Select SPOT End User of Sam Ortiz, ${legalName}` }).check();
    await page.getByText('1 role selected').waitFor();
    await acknowledge(page);
    await page.getByRole('button', { name: 'Revoke selected' }).click();
    await page.getByText('2 roles due for certification').waitFor();
    await page.getByText('You revoked 1 role. It was removed and its holder was emailed.').waitFor();
    expect(await page.getByRole('button', { name: 'Yes, revoke' }).count()).toBe(0);

    // "Revoke all" still asks first; cancelling leaves the list as it was.
    await acknowledge(page);
    await page.getByRole('button', { name: 'Revoke all' }).click();
    await page.getByRole('heading', { name: 'Revoke every role due on your list?' }).waitFor();
    await expectNoAxeViolations(page, 'confirming Revoke all (English)');
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByRole('heading', { name: 'Revoke every role due on your list?' }).count()).toBe(0);
    await page.getByText('2 roles due for certification').waitFor();

    // One user's details: the ticked box and Revoke, then back on the list.
    await list(page).getByRole('link', { name: 'Alex Moreno' }).click();
    await expectHeading(page, 'User details: Alex Moreno');
    await acknowledge(page);
    await page.getByRole('button', { name: 'Revoke', exact: true }).click();
    await expectHeading(page, 'My Annual Role Certifications');
    await page.getByText('You revoked 1 role of Alex Moreno. It was removed and Alex Moreno was emailed.').waitFor();
    await page.getByText('1 role due for certification').waitFor();

    const removed = await scenario.server.ctx.database.db
      .selectFrom('role_assignments')
      .select('removal_kind')
      .where('role_id', '=', roles.end_user!.id)
      .where('status', '=', 'removed')
      .execute();
    expect(removed.map((row) => row.removal_kind)).toEqual(Array(3).fill('certification_revoked'));

    // The dashboard of an organization with nothing to chart says so in words.
    const quietVisit = await visitAs(quietApprover);
    await quietVisit.page.goto(`${scenario.server.url}/certifications/dashboard`);
    await expectHeading(quietVisit.page, 'Certification dashboard');
    await quietVisit.page.getByTestId('certification-chart-empty').getByText('No certification decisions yet').waitFor();
    expect(await quietVisit.page.getByTestId('certification-chart').count()).toBe(0);
    expect(await quietVisit.page.getByTestId('count-certified').textContent()).toBe('0');
    await expectNoAxeViolations(quietVisit.page, 'empty dashboard (English)');
    await switchLanguage(quietVisit.page, 'es');
    await quietVisit.page
      .getByTestId('certification-chart-empty')
      .getByText('Todavía no hay decisiones de certificación')
      .waitFor();
    await expectNoAxeViolations(quietVisit.page, 'empty dashboard (Spanish)');
    // The chart of an organization with decisions is still drawn.
    await page.getByRole('link', { name: 'Dashboard and evidence' }).click();
    await expectHeading(page, 'Certification dashboard');
    await page.getByRole('img', { name: /^Bar chart for Gulf Breeze Pediatrics/ }).waitFor();

    for (const { problems } of scenario.visits) expect(problems).toEqual([]);
  });
});
