/// <reference lib="dom" />
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, chromiumSkipReason, expectNoAxeViolations } from '../browser/browser.js';
import { browserScenario } from '../browser/scenario.js';
import { checkBothLanguages, expectHeading, expectOnlyRefusals, tick } from '../browser/visit.js';
import { auditEntries, signedInAdministrator, signedInUser } from '../helpers/accounts.js';
import { createOrganization, grantRole, idOf, loadSpot } from '../helpers/organizations.js';

const hasChromium = chromiumAvailable();
if (!hasChromium) console.log(chromiumSkipReason());

/*
 * The help desk console as the help desk uses it: a person locks themselves out with three wrong
 * passwords; the help desk finds them by user ID, sees the refused sign-ins, unlocks them and
 * resets their MFA; the person signs in and must set up a new device. Someone who is not help
 * desk staff is told the console is not for them. The audit search shows each step with the
 * person who took it, and its CSV export holds them.
 */
describe.skipIf(!hasChromium)('The help desk console', { timeout: 300_000 }, () => {
  const scenario = browserScenario();

  async function signInThroughPage(page: Page, user: { userId: string }, password: string): Promise<void> {
    await page.goto(`${scenario.server.url}/sign-in`);
    await expectHeading(page, 'Sign in');
    await page.getByLabel('User ID', { exact: true }).fill(user.userId);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await tick(page, page.getByRole('checkbox', { name: 'I agree to the terms and conditions' }));
    await page.getByRole('main').getByRole('button', { name: 'Sign In', exact: true }).click();
  }

  async function confirm(page: Page, button: string, question: RegExp): Promise<void> {
    await page.getByRole('main').getByRole('button', { name: button, exact: true }).click();
    const box = page.getByRole('group', { name: question });
    await box.waitFor();
    await expectNoAxeViolations(page, `confirm ${button}`);
    await box.getByRole('button', { name: button, exact: true }).click();
  }

  it('finds a locked-out person, unlocks them and resets their MFA; they set up a new device', async () => {
    const { ctx, app, clock } = scenario.server;
    const { applicationId, roles } = await loadSpot(ctx);
    const organization = await createOrganization(ctx, applicationId);
    const orphan = await createOrganization(ctx, applicationId, { legalName: 'Palmetto Wound Care LLC' });
    await ctx.database.transaction((trx) => ctx.organizations.setOrphaned(trx, orphan.id, true));
    const helpDesk = await signedInUser(app, ctx, clock, { firstName: 'Harper', lastName: 'Lindqvist' });
    const person = await signedInUser(app, ctx, clock, { firstName: 'Rosa', lastName: 'Castellanos' });
    await grantRole(ctx, await idOf(ctx, helpDesk.userId), roles.help_desk!);
    await grantRole(ctx, await idOf(ctx, person.userId), roles.end_user!, organization.id);

    // Three wrong passwords lock the user ID.
    const own = await scenario.visit();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await signInThroughPage(own.page, person, 'Not-My-Password-2026');
      await own.page
        .getByRole('alert')
        .getByText(/not correct|locked/i)
        .first()
        .waitFor();
    }
    expectOnlyRefusals(own.problems, [401, 401, 401]);
    own.problems.length = 0;

    const desk = await scenario.visitAs(helpDesk);
    const { page } = desk;
    await page.goto(`${scenario.server.url}/`);
    await page.getByRole('link', { name: 'Help Desk', exact: true }).click();
    await expectHeading(page, 'Help desk');
    await checkBothLanguages(page, '/help-desk', 'Help desk', 'Mesa de ayuda');

    await page.getByLabel('User ID, email address or name').fill(person.userId);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const results = page.getByRole('table', { name: 'People found' });
    await results.waitFor();
    expect(await page.getByRole('status').first().textContent()).toContain('1 person matches');
    await expectNoAxeViolations(page, '/help-desk with results');
    await results.getByRole('link', { name: 'Rosa Castellanos' }).click();

    await expectHeading(page, 'Rosa Castellanos');
    await page.getByRole('main').getByText('Locked', { exact: true }).first().waitFor();
    const signIns = page.getByRole('table', { name: 'The latest sign-in attempts, newest first' });
    expect(await signIns.getByText('Refused: wrong password').count()).toBe(3);
    const rolesTable = page.getByRole('table', { name: 'Roles of Rosa Castellanos in the applications you support' });
    await rolesTable.getByRole('button', { name: /^Remove / }).waitFor();
    await checkBothLanguages(page, '/help-desk/users/:id locked', 'Rosa Castellanos', 'Rosa Castellanos');

    await confirm(page, 'Unlock', /Unlock the user ID/);
    await page.getByRole('status').getByText('The user ID of Rosa Castellanos is unlocked.').waitFor();
    expect(await page.getByRole('main').getByRole('button', { name: 'Unlock', exact: true }).count()).toBe(0);

    await confirm(page, 'Reset MFA', /Remove every MFA device/);
    await page
      .getByRole('status')
      .getByText(/The MFA devices of Rosa Castellanos were removed/)
      .waitFor();
    await page.getByText('No MFA device. The person sets one up at their next sign-in.').waitFor();
    await checkBothLanguages(page, '/help-desk/users/:id after the reset', 'Rosa Castellanos', 'Rosa Castellanos');

    await page.getByRole('link', { name: 'Back to the help desk' }).click();
    await page.getByRole('link', { name: 'Organizations with no approver' }).click();
    await expectHeading(page, 'Organizations with no approver');
    const orphans = page.getByRole('table', { name: 'Organizations with no approver, longest first' });
    await orphans.getByRole('rowheader', { name: 'Palmetto Wound Care LLC' }).waitFor();
    expect(await orphans.getByText(orphan.contact.email).count()).toBe(1);
    await checkBothLanguages(page, '/help-desk/orphans', 'Organizations with no approver', 'Organizaciones sin aprobador');
    await scenario.leave(desk);

    // Each act is recorded under the help desk person.
    const personId = await idOf(ctx, person.userId);
    const helpDeskId = await idOf(ctx, helpDesk.userId);
    for (const action of ['account.unlocked', 'mfa.reset']) {
      const [entry] = await auditEntries(ctx, action, personId);
      expect(entry?.actor_id, action).toBe(helpDeskId);
    }

    // Unlocked, and with no device: the right password leads to setting one up.
    await signInThroughPage(own.page, person, person.password);
    await own.page.waitForURL(`${scenario.server.url}/mfa/enroll`);
    await expectHeading(own.page, 'Set up multi-factor authentication');
    await scenario.leave(own);

    // The audit search shows each step about the person, with who acted; its CSV holds them.
    const administrator = await signedInAdministrator(app, ctx, clock);
    const audit = await scenario.visitAs(administrator);
    await audit.page.goto(`${scenario.server.url}/audit`);
    await expectHeading(audit.page, 'Audit log');
    await audit.page.getByLabel('Target type', { exact: true }).fill('user');
    await audit.page.getByLabel('Target ID', { exact: true }).fill(personId);
    await audit.page.getByRole('button', { name: 'Search', exact: true }).click();
    const about = await ctx.database.db
      .selectFrom('audit_log')
      .select('id')
      .where('target_type', '=', 'user')
      .where('target_id', '=', personId)
      .execute();
    await audit.page.getByTestId('audit-status').getByText(`Showing ${about.length} entries`).waitFor();
    const steps = await audit.page
      .getByRole('row')
      .filter({ has: audit.page.getByTestId('audit-action') })
      .all();
    const shown = await Promise.all(
      steps.map(async (row) => ({
        action: await row.getByTestId('audit-action').locator('code').textContent(),
        actor: await row.getByTestId('audit-actor').textContent(),
      })),
    );
    for (const action of ['account.unlocked', 'mfa.reset']) {
      expect(shown.find((step) => step.action === action)?.actor, action).toContain('Harper Lindqvist');
    }
    expect(shown.filter((step) => step.action === 'sign_in.failed')).toHaveLength(3);
    expect(shown.map((step) => step.action)).toContain('account.locked');
    await expectNoAxeViolations(audit.page, '/audit about the person');
    const [download] = await Promise.all([
      audit.page.waitForEvent('download'),
      audit.page.getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    const csv = await readFile(await download.path(), 'utf8');
    const line = (action: string) => csv.split('\r\n').find((row) => row.includes(`,${action},`));
    for (const action of ['account.unlocked', 'mfa.reset']) expect(line(action), action).toContain(helpDesk.userId);
    expect(line('account.locked')).toBeDefined();
    await scenario.leave(audit);
  });

  it('tells someone who is not help desk staff that the console is not for them', async () => {
    const { ctx, app, clock } = scenario.server;
    const someone = await signedInUser(app, ctx, clock);
    const visit = await scenario.visitAs(someone);
    const { page } = visit;
    await page.goto(`${scenario.server.url}/`);
    expect(await page.getByRole('link', { name: 'Help Desk', exact: true }).count()).toBe(0);
    await page.goto(`${scenario.server.url}/help-desk?q=someone`);
    await page.getByRole('heading', { name: 'For the help desk' }).waitFor();
    await expectNoAxeViolations(page, '/help-desk refused');
    expectOnlyRefusals(visit.problems, [403]);
    visit.problems.length = 0;
    await scenario.leave(visit);
  });
});
