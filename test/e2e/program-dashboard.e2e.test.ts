/// <reference lib="dom" />
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/shared/clock.js';
import { chromiumAvailable, chromiumSkipReason } from '../browser/browser.js';
import { browserScenario } from '../browser/scenario.js';
import { checkBothLanguages, expectHeading, expectOnlyRefusals, switchLanguage } from '../browser/visit.js';
import { signedInAdministrator, signedInUser } from '../helpers/accounts.js';
import { addApplicationLikeSpot, createOrganization, grantRole, idOf, loadSpot } from '../helpers/organizations.js';
import { reportData, type ApplicationRoles } from '../helpers/report-data.js';

const hasChromium = chromiumAvailable();
if (!hasChromium) console.log(chromiumSkipReason());

const title = ['Program dashboard', 'Panel del programa'] as const;

/** The cells of a table row, trimmed, its header first. */
async function cells(row: Locator): Promise<string[]> {
  return (await row.locator('th, td').allTextContents()).map((text) => text.trim());
}

/*
 * The program dashboard as an administrator uses it: opened from the administration index, each
 * measure a chart with a table whose figures come from known rows (requests of two weeks, roles
 * due and overdue in two applications, organizations with no approver), the weeks chosen with the
 * keyboard, at a desktop's and a phone's width in English and Spanish. The help desk, who may not
 * see every application's figures, is told the page is for administrators.
 *
 * Now is Wednesday 9 December 2026, 10:00 in New York: the week in progress is 2026-W50.
 */
describe.skipIf(!hasChromium)('The program dashboard', { timeout: 300_000 }, () => {
  const scenario = browserScenario({ clock: new ManualClock('2026-12-09T15:00:00.000Z') });

  async function seed(): Promise<void> {
    const { ctx } = scenario.server;
    const loaded = await loadSpot(ctx);
    const spot: ApplicationRoles = { id: loaded.applicationId, roles: loaded.roles };
    await addApplicationLikeSpot(ctx, 'OTHER');
    const otherApp = await ctx.catalog.getApplication('OTHER');
    const other: ApplicationRoles = {
      id: otherApp.id,
      roles: Object.fromEntries(otherApp.roles.map((role) => [role.code, role])),
    };
    const alder = await createOrganization(ctx, spot.id, { legalName: 'Alder Family Clinic', submitterId: 'S900001' });
    const dogwood = await createOrganization(ctx, other.id, { legalName: 'Dogwood Health', submitterId: 'S900002' });
    await createOrganization(ctx, spot.id, { legalName: 'Juniper Clinic', orphanedSince: '2026-06-01T12:00:00.000Z' });
    await createOrganization(ctx, other.id, { legalName: 'Linden Clinic', orphanedSince: '2026-03-02T12:00:00.000Z' });
    await createOrganization(ctx, other.id, { legalName: 'Maple Clinic', orphanedSince: '2026-09-14T12:00:00.000Z' });

    const data = reportData(ctx);
    // W49 (30 November – 6 December): decided after 1, 2, 3 and 10 hours, one cancelled.
    await data.request(spot, alder.id, '2026-11-30T14:00:00.000Z', 'approved', '2026-11-30T15:00:00.000Z');
    await data.request(spot, alder.id, '2026-12-01T14:00:00.000Z', 'approved', '2026-12-01T16:00:00.000Z');
    await data.request(spot, alder.id, '2026-12-02T14:00:00.000Z', 'approved', '2026-12-02T17:00:00.000Z');
    await data.request(spot, alder.id, '2026-12-03T12:00:00.000Z', 'rejected', '2026-12-03T22:00:00.000Z');
    await data.request(spot, alder.id, '2026-12-04T12:00:00.000Z', 'cancelled', '2026-12-04T13:00:00.000Z');
    // W50, in progress: one approved after 4 hours, one waiting.
    await data.request(spot, alder.id, '2026-12-08T12:00:00.000Z', 'approved', '2026-12-08T16:00:00.000Z');
    await data.request(spot, alder.id, '2026-12-09T13:00:00.000Z', 'pending');

    // Overdue: due yesterday. Due: within the window. Up to date: due next autumn.
    const overdue = '2026-12-08T17:00:00.000Z';
    const soon = '2026-12-20T17:00:00.000Z';
    for (const dueAt of [
      overdue,
      overdue,
      soon,
      '2027-10-01T16:00:00.000Z',
      '2027-10-02T16:00:00.000Z',
      '2027-10-03T16:00:00.000Z',
    ])
      await data.holding(spot, alder.id, dueAt);
    await data.holding(other, dogwood.id, overdue);
  }

  it('shows an administrator each measure as a chart and a table, in both languages, at both widths', async () => {
    await seed();
    const { ctx, app, clock } = scenario.server;
    const administrator = await signedInAdministrator(app, ctx, clock);
    const visit = await scenario.visitAs(administrator);
    const { page } = visit;

    // From the administration index.
    await page.goto(`${scenario.server.url}/admin`);
    await expectHeading(page, 'Administration');
    await page.getByRole('link', { name: title[0], exact: true }).click();
    await expectHeading(page, title[0]);
    expect(await page.title()).toBe(`${title[0]} | Rolecall`);
    await page.getByText('Figures as of Dec 9, 2026', { exact: false }).waitFor();

    // Role requests per week: twelve weeks, the last two holding the requests.
    const requests = page.getByRole('region', { name: 'Role requests per week' });
    await requests.getByTestId('requests-chart').locator('svg').first().waitFor();
    expect(await requests.getByTestId('requests-chart').getAttribute('aria-label')).toBe(
      'Line chart of role requests submitted, approved, rejected, and cancelled or expired, per week from Sep 21, 2026 to Dec 13, 2026. The table below holds every figure.',
    );
    expect(await requests.locator('tbody tr').count()).toBe(12);
    expect(await cells(requests.getByTestId('requests-2026-W49'))).toEqual([
      'Nov 30 – Dec 6, 2026Week 2026-W49',
      '5',
      '3',
      '1',
      '1',
      '0',
    ]);
    expect(await cells(requests.getByTestId('requests-2026-W50'))).toEqual([
      'Dec 7 – Dec 13, 2026This week, so far',
      '2',
      '1',
      '0',
      '0',
      '0',
    ]);
    expect(await cells(requests.getByTestId('requests-2026-W48'))).toEqual([
      'Nov 23 – Nov 29, 2026Week 2026-W48',
      '0',
      '0',
      '0',
      '0',
      '0',
    ]);

    // Time to decision: median and 90th percentile of 1, 2, 3 and 10 hours; 4 hours alone.
    const decisions = page.getByRole('region', { name: 'Time to decision' });
    await decisions.getByTestId('decisions-chart').locator('svg').first().waitFor();
    expect((await cells(decisions.getByTestId('decisions-2026-W49'))).slice(1)).toEqual(['4', '2.5', '7.9']);
    expect((await cells(decisions.getByTestId('decisions-2026-W50'))).slice(1)).toEqual(['1', '4.0', '4.0']);
    expect((await cells(decisions.getByTestId('decisions-2026-W48'))).slice(1)).toEqual(['0', 'None decided', 'None decided']);

    // Certification completion per application and the organizations most overdue.
    const completion = page.getByRole('region', { name: 'Certification completion' });
    await completion.getByTestId('completion-chart').locator('svg').first().waitFor();
    const applications = completion.getByTestId('completion-application');
    expect(await cells(applications.nth(0))).toEqual(['Application OTHEROTHER', '0', '0', '1', '1', '0%']);
    expect(await cells(applications.nth(1))).toEqual(['SPOTSPOT', '3', '1', '2', '6', '50%']);
    await completion.getByTestId('completion-organizations-chart').locator('svg').first().waitFor();
    const organizations = completion.getByTestId('completion-organization');
    expect(await organizations.count()).toBe(2);
    expect(await cells(organizations.nth(0))).toEqual([
      'Alder Family ClinicSubmitter ID S900001, SPOT',
      '3',
      '1',
      '2',
      '6',
      '50%',
    ]);
    expect((await cells(organizations.nth(1)))[0]).toBe('Dogwood HealthSubmitter ID S900002, Application OTHER');

    // Organizations with no approver: per application, and longest first.
    const orphans = page.getByRole('region', { name: 'Organizations with no approver' });
    await orphans.getByText('3 organizations have no active approver or backup approver.', { exact: false }).waitFor();
    await orphans.getByTestId('orphans-chart').locator('svg').first().waitFor();
    expect(await Promise.all((await orphans.getByTestId('orphans-application').all()).map(cells))).toEqual([
      ['Application OTHEROTHER', '2'],
      ['SPOTSPOT', '1'],
    ]);
    expect(
      await Promise.all((await orphans.getByTestId('orphans-longest').all()).map(async (row) => (await cells(row)).slice(0, 3))),
    ).toEqual([
      ['Linden Clinic', expect.any(String), 'Application OTHER'],
      ['Juniper Clinic', expect.any(String), 'SPOT'],
      ['Maple Clinic', expect.any(String), 'Application OTHER'],
    ]);
    // Not help desk staff: told who follows these organizations up, without a link they could not open.
    await orphans.getByText("Each application's help desk follows up these organizations").waitFor();

    await checkBothLanguages(page, 'the program dashboard', ...title);
    await page.setViewportSize({ width: 390, height: 844 });
    await checkBothLanguages(page, 'the program dashboard on a phone', ...title);
    await page.setViewportSize({ width: 1280, height: 720 });

    // Spanish figures are written the Spanish way.
    await switchLanguage(page, 'es');
    await expectHeading(page, title[1]);
    const semanas = page.getByRole('region', { name: 'Tiempo hasta la decisión' });
    expect((await cells(semanas.getByTestId('decisions-2026-W49'))).slice(1)).toEqual(['4', '2,5', '7,9']);
    await switchLanguage(page, 'en');
    await expectHeading(page, title[0]);

    // With the keyboard: the contents lead to a section, the weeks change from the list.
    await page.getByRole('navigation', { name: 'On this page' }).getByRole('link', { name: 'Time to decision' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/#program-decisions$/);
    const weeks = page.getByLabel('Weeks shown');
    await weeks.focus();
    await page.keyboard.press('ArrowUp');
    await page.waitForURL(/\?weeks=8/);
    await expect.poll(() => requests.locator('tbody tr').count()).toBe(8);
    expect(await weeks.inputValue()).toBe('8');
    // The address keeps the choice: reloaded, the page shows the same weeks.
    await page.reload();
    await expectHeading(page, title[0]);
    expect(await page.getByLabel('Weeks shown').inputValue()).toBe('8');
    expect(await requests.locator('tbody tr').count()).toBe(8);

    expect(visit.problems).toEqual([]);
  });

  it('tells the help desk the dashboard is for administrators', async () => {
    const { ctx, app, clock } = scenario.server;
    const helpDesk = await signedInUser(app, ctx, clock, { firstName: 'Casey', lastName: 'Marsh' });
    const spot = await ctx.catalog.getApplication('SPOT');
    await grantRole(
      ctx,
      await idOf(ctx, helpDesk.userId),
      spot.roles.find((role) => role.code === 'help_desk')!,
    );
    const visit = await scenario.visitAs(helpDesk);
    const { page } = visit;
    await page.goto(`${scenario.server.url}/admin/dashboard`);
    await expectHeading(page, title[0]);
    await page.getByRole('heading', { name: 'For administrators' }).waitFor();
    await page.getByText('Only administrators use the administration pages.', { exact: false }).waitFor();
    expect(await page.getByTestId('requests-chart').count()).toBe(0);
    expect(await page.getByRole('table').count()).toBe(0);
    await checkBothLanguages(page, 'the program dashboard for the help desk', ...title);
    expectOnlyRefusals(visit.problems, [403]);
  });
});
