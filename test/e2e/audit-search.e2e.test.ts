/// <reference lib="dom" />
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, chromiumSkipReason } from '../browser/browser.js';
import { browserScenario } from '../browser/scenario.js';
import { checkBothLanguages, expectHeading, expectOnlyRefusals } from '../browser/visit.js';
import { signedInAdministrator, signedInUser, type SignedInUser } from '../helpers/accounts.js';
import { addApplicationLikeSpot, createOrganization, grantRole, idOf, loadSpot } from '../helpers/organizations.js';
import { insertPeople } from '../integration/certification-support.js';

const hasChromium = chromiumAvailable();
if (!hasChromium) console.log(chromiumSkipReason());

const title = 'Audit log';
const titleEs = 'Registro de auditoría';
const entryTitle = 'Audit entry';
const entryTitleEs = 'Entrada de auditoría';

interface Entry {
  id: string;
  seq: number;
  occurredAt: string;
  action: string;
  applicationId: string | null;
}

/** A desktop window and a phone. */
const widths = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/*
 * The audit log page as its readers use it: an administrator finds what a person did and what
 * happened to a role, pages through entries a few at a time with Back and bookmarks working,
 * opens an entry, downloads what the search found and sees the chain verified (and broken); the
 * help desk of one application reads that application's entries only; anyone else is told whose
 * page it is.
 */
describe.skipIf(!hasChromium)('Audit log', { timeout: 300_000 }, () => {
  const scenario = browserScenario();
  const rows = (page: Page) => page.getByTestId('audit-row');
  const status = (page: Page) => page.getByTestId('audit-status');

  /** At a desktop's and a phone's width: nothing wider than the window, and axe in English and Spanish. */
  async function checkLayouts(page: Page, where: string, english: string, spanish: string): Promise<void> {
    for (const viewport of widths) {
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      const layout = await page.evaluate(() => ({
        width: window.innerWidth,
        scrollWidth: document.documentElement.scrollWidth,
        clipped: [...document.querySelectorAll('table')].filter((table) => {
          const box = table.parentElement;
          return (box !== null && box.scrollWidth > box.clientWidth) || table.getBoundingClientRect().right > window.innerWidth;
        }).length,
      }));
      expect(layout.scrollWidth, `${where} at ${viewport.width} px`).toBeLessThanOrEqual(layout.width);
      expect(layout.clipped, `${where} at ${viewport.width} px`).toBe(0);
      await checkBothLanguages(page, `${where} (${viewport.name})`, english, spanish);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  async function search(page: Page, fields: { actor?: string; action?: string; from?: string; to?: string }) {
    await page.getByLabel('User ID of the person who acted').fill(fields.actor ?? '');
    await page.getByLabel('Action', { exact: true }).fill(fields.action ?? '');
    await page.getByLabel('From', { exact: true }).fill(fields.from ?? '');
    await page.getByLabel('Through', { exact: true }).fill(fields.to ?? '');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
  }

  async function entriesFor(who: SignedInUser, query: Record<string, string>): Promise<Entry[]> {
    const response = await who.client.get(`/api/v1/audit/entries?${new URLSearchParams({ limit: '200', ...query })}`);
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { items: Entry[] }).items;
  }

  /** A day as the browser's date field takes it, in this machine's time zone (the browser's). */
  function localDay(iso: string, days = 0): string {
    const date = new Date(iso);
    date.setDate(date.getDate() + days);
    return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  }

  it('lets an administrator search by person and action, page, open an entry, download and see the chain verified', async () => {
    const { ctx, app, clock } = scenario.server;
    const { applicationId, roles } = await loadSpot(ctx);
    const administrator = await signedInAdministrator(app, ctx, clock);
    const organization = await createOrganization(ctx, applicationId);
    const [holder] = await insertPeople(ctx, 1);
    const granted = [];
    for (let index = 0; index < 3; index++) {
      const place = index === 0 ? organization : await createOrganization(ctx, applicationId);
      granted.push(await grantRole(ctx, holder!.id, roles.end_user!, place.id));
    }
    clock.advance({ minutes: 5 });
    for (const assignment of granted.slice(0, 2)) {
      const removal = await administrator.client.post(`/api/v1/assignments/${assignment.id}/remove`, {
        reason: 'Left the practice',
      });
      expect(removal.statusCode, removal.body).toBe(204);
    }

    const visit = await scenario.visitAs(administrator);
    const { page } = visit;
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${scenario.server.url}/`);
    await page.getByRole('link', { name: title, exact: true }).click();
    await expectHeading(page, title);
    expect(await page.title()).toBe(`${title} | Rolecall`);

    // The chain, checked from its first entry: intact, every entry counted.
    const verification = page.getByTestId('audit-verification');
    await verification.getByRole('heading', { name: 'The audit log is intact' }).waitFor();
    const count = await ctx.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    expect(await verification.textContent()).toContain(`All ${Number(count.count).toLocaleString('en')} entries verify`);

    // What the administrator did to roles: two removals, named, with the code beside the words.
    await rows(page).first().waitFor();
    await search(page, { actor: administrator.userId, action: 'role.removed' });
    await status(page).getByText('Showing 2 entries').waitFor();
    expect(new URL(page.url()).searchParams.get('actor')).toBe(administrator.userId);
    expect(new URL(page.url()).searchParams.get('action')).toBe('role.removed');
    expect(await rows(page).count()).toBe(2);
    for (const actor of await page.getByTestId('audit-actor').allTextContents()) expect(actor).toContain('Avery Stone');
    expect(await page.getByTestId('audit-action').locator('code').allTextContents()).toEqual(['role.removed', 'role.removed']);
    expect(await page.getByTestId('audit-action').first().textContent()).toContain('Role removed');
    await checkLayouts(page, 'the audit search with results', title, titleEs);

    // The whole export of this search, as the browser downloads it.
    const removals = await entriesFor(administrator, { actor: administrator.userId, action: 'role.removed' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^rolecall-audit-\d{4}-\d{2}-\d{2}\.csv$/);
    const [header, ...lines] = (await readFile(await download.path(), 'utf8')).trimEnd().split('\r\n');
    expect(header!.split(',').slice(0, 7)).toEqual([
      'seq',
      'id',
      'occurred_at',
      'actor_kind',
      'actor_user_id',
      'actor_name',
      'action',
    ]);
    expect(lines.map((line) => line.split(',').slice(1, 2)[0])).toEqual(removals.map((entry) => entry.id));
    expect(lines.every((line) => line.includes(`,${administrator.userId},Avery Stone,role.removed,`))).toBe(true);
    const jsonl = new URL(
      (await page.getByRole('link', { name: 'Download JSON Lines' }).getAttribute('href')) ?? '',
      scenario.server.url,
    );
    expect(jsonl.pathname).toBe('/api/v1/audit/export');
    expect(Object.fromEntries(jsonl.searchParams)).toEqual({
      actor: administrator.userId,
      action: 'role.removed',
      format: 'jsonl',
    });

    // An entry's details: what it was about and what was recorded; the breadcrumb returns to the search.
    await page.getByRole('link', { name: `Details of entry ${removals[0]!.seq}` }).click();
    await expectHeading(page, entryTitle);
    const details = page.getByTestId('audit-entry');
    await details.getByText(granted[1]!.id).waitFor();
    expect(await details.locator('code', { hasText: 'role.removed' }).count()).toBe(1);
    expect(JSON.parse((await page.getByTestId('audit-after').textContent()) ?? '')).toMatchObject({
      reason: 'Left the practice',
    });
    await checkLayouts(page, 'an audit entry', entryTitle, entryTitleEs);
    await page.getByRole('navigation', { name: 'Breadcrumbs' }).getByRole('link', { name: title }).click();
    await status(page).getByText('Showing 2 entries').waitFor();
    expect(new URL(page.url()).searchParams.get('action')).toBe('role.removed');

    // By action alone, within the days they happened on; a day later finds nothing, and says so.
    const grants = await entriesFor(administrator, { action: 'role.granted' });
    expect(grants).toHaveLength(3);
    const day = localDay(grants[0]!.occurredAt);
    await search(page, { action: 'role.granted', from: day, to: day });
    await status(page).getByText('Showing 3 entries').waitFor();
    // Newest first: the first role granted is the last row.
    expect(await page.getByTestId('audit-scope').last().textContent()).toContain(organization.id);
    await search(page, { action: 'role.granted', from: localDay(grants[0]!.occurredAt, 1) });
    await status(page).getByText('No entry matches this search.').waitFor();
    expect(await rows(page).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Download CSV' }).count()).toBe(0);

    // The browser's own checks, each linked from the summary: nothing is asked, the address stays.
    const before = page.url();
    await page.getByLabel('Organization ID', { exact: true }).fill('harbor-clinic');
    await search(page, { action: 'role.granted', from: localDay(grants[0]!.occurredAt, 1), to: day });
    const summary = page.getByRole('alert');
    await summary.getByRole('link', { name: /^Enter the organization ID as an entry shows it/ }).waitFor();
    await summary.getByRole('link', { name: 'The last day must be the first day or after it.' }).waitFor();
    expect(await page.getByLabel('Organization ID', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(page.url()).toBe(before);

    // A bookmarked search two entries a page: Older entries, then Back, each page's entries once.
    await page.goto(`${scenario.server.url}/audit?action=role.granted&limit=2`);
    await status(page).getByText('Showing 2 entries').waitFor();
    expect(await page.getByLabel('Entries per page').inputValue()).toBe('2');
    const seqs = async () => (await rows(page).locator('th').allTextContents()).map(Number);
    const first = await seqs();
    expect(first).toEqual(grants.slice(0, 2).map((entry) => entry.seq));
    await page.getByRole('navigation', { name: 'Pages of entries' }).getByRole('link', { name: 'Older entries' }).click();
    await status(page).getByText(`Showing 1 entry older than entry ${first[1]}`).waitFor();
    expect(await seqs()).toEqual([grants[2]!.seq]);
    expect(await page.getByRole('link', { name: 'Older entries' }).count()).toBe(0);
    await page.goBack();
    await status(page).getByText('Showing 2 entries').waitFor();
    expect(await seqs()).toEqual(first);

    // The chain broken by a change made outside Rolecall: the first entry that breaks it is named.
    const [changed] = grants;
    await ctx.database.db.updateTable('audit_log').set({ action: 'role.removed' }).where('id', '=', changed!.id).execute();
    try {
      await page.reload();
      await verification.getByRole('heading', { name: `The audit log's chain is broken at entry ${changed!.seq}` }).waitFor();
      await verification.getByRole('link', { name: `View entry ${changed!.seq}` }).waitFor();
      await checkBothLanguages(page, 'a broken chain', title, titleEs);
    } finally {
      await ctx.database.db.updateTable('audit_log').set({ action: 'role.granted' }).where('id', '=', changed!.id).execute();
    }
    await page.reload();
    await verification.getByRole('heading', { name: 'The audit log is intact' }).waitFor();

    expect(visit.problems).toEqual([]);
  });

  it('shows the help desk of one application that application’s entries only, and no verification', async () => {
    const { ctx, app, clock } = scenario.server;
    const { applicationId, roles } = await loadSpot(ctx);
    await addApplicationLikeSpot(ctx, 'OTHER');
    const other = await ctx.catalog.getApplication('OTHER');
    const [spotPlace, otherPlace] = await Promise.all([
      createOrganization(ctx, applicationId),
      createOrganization(ctx, other.id),
    ]);
    const [holder] = await insertPeople(ctx, 1);
    await grantRole(ctx, holder!.id, roles.end_user!, spotPlace.id);
    const otherGrant = await grantRole(
      ctx,
      holder!.id,
      other.roles.find((role) => role.code === 'end_user')!,
      otherPlace.id,
    );
    const desk = await signedInUser(app, ctx, clock, { firstName: 'Harper', lastName: 'Desk' });
    await grantRole(ctx, await idOf(ctx, desk.userId), roles.help_desk!);
    const administrator = await signedInAdministrator(app, ctx, clock);
    const [otherEntry] = await entriesFor(administrator, { action: 'role.granted', targetId: otherGrant.id });

    const visit = await scenario.visitAs(desk);
    const { page } = visit;
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${scenario.server.url}/`);
    await page.getByRole('link', { name: title, exact: true }).click();
    await expectHeading(page, title);
    await rows(page).first().waitFor();
    expect(await page.getByTestId('audit-verification').count()).toBe(0);
    // Only the application they are help desk staff of is offered, and only its entries are shown.
    const choices = await page.getByLabel('Application', { exact: true }).locator('option').allTextContents();
    expect(choices).toEqual(['All your applications', 'SPOT']);
    const scopes = await page.getByTestId('audit-scope').allTextContents();
    expect(scopes.length).toBeGreaterThan(0);
    for (const scope of scopes) expect(scope).toContain('SPOT');
    await search(page, { action: 'role.granted' });
    await rows(page).first().waitFor();
    for (const scope of await page.getByTestId('audit-scope').allTextContents()) {
      expect(scope).toContain('SPOT');
      expect(scope).not.toContain('Application OTHER');
    }
    await checkLayouts(page, 'the help desk audit search', title, titleEs);

    // Another application's entry, by its address: not found, as one that does not exist.
    await page.goto(`${scenario.server.url}/audit/entries/${otherEntry!.id}`);
    await expectHeading(page, entryTitle);
    await page.getByRole('heading', { name: 'Entry not found' }).waitFor();
    expectOnlyRefusals(visit.problems, [404]);
  });

  it('tells anyone else the audit log is for administrators and the help desk, and shows them no tile', async () => {
    const { ctx, app, clock } = scenario.server;
    const person = await signedInUser(app, ctx, clock);
    const visit = await scenario.visitAs(person);
    const { page } = visit;
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${scenario.server.url}/`);
    await page.getByRole('link', { name: 'Manage My Roles' }).first().waitFor();
    expect(await page.getByRole('link', { name: title, exact: true }).count()).toBe(0);

    await page.goto(`${scenario.server.url}/audit`);
    await expectHeading(page, title);
    await page.getByRole('heading', { name: 'For administrators and the help desk' }).waitFor();
    await page.getByText('Only administrators and help desk staff read the audit log').waitFor();
    expect(await page.getByRole('button', { name: 'Search', exact: true }).count()).toBe(0);
    await checkLayouts(page, 'the audit log for someone else', title, titleEs);
    expectOnlyRefusals(visit.problems, [403]);
  });
});
