/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, chromiumSkipReason, expectNoAxeViolations } from '../browser/browser.js';
import { browserScenario } from '../browser/scenario.js';
import { checkBothLanguages, expectHeading, expectOnlyRefusals, tick } from '../browser/visit.js';
import { auditEntries, signedInAdministrator, signedInUser, userRow } from '../helpers/accounts.js';
import { idOf, loadSpot } from '../helpers/organizations.js';

const hasChromium = chromiumAvailable();
if (!hasChromium) console.log(chromiumSkipReason());

const pages = {
  index: ['Administration', 'Administración'],
  catalog: ['Applications and role policies', 'Aplicaciones y políticas de roles'],
  terms: ['Terms and conditions', 'Términos y condiciones'],
  acknowledgement: ['Certification acknowledgement', 'Declaración de certificación'],
  helpDesk: ['Help desk staff', 'Personal de la mesa de ayuda'],
  configuration: ['Configuration', 'Configuración'],
} as const;

/*
 * The administration console as an administrator uses it: from the home tile to its index, a
 * role's policy and then a catalog document previewed (the changes shown field by field) and
 * applied, new terms published and asked of someone at their next sign-in, a new acknowledgement
 * text, a help desk person named and removed, the configuration read with its secrets hidden.
 * Someone else is told the pages are for administrators.
 */
describe.skipIf(!hasChromium)('The administration console', { timeout: 400_000 }, () => {
  const scenario = browserScenario();

  async function openFromIndex(page: Page, which: keyof typeof pages): Promise<void> {
    await page.getByRole('navigation', { name: 'Breadcrumbs' }).getByRole('link', { name: 'Administration' }).click();
    await expectHeading(page, pages.index[0]);
    await page.getByRole('link', { name: pages[which][0], exact: true }).click();
    await expectHeading(page, pages[which][0]);
    expect(await page.title()).toBe(`${pages[which][0]} | Rolecall`);
  }

  it('lets an administrator preview and apply catalog changes, publish texts, name the help desk and read the configuration', async () => {
    const { ctx, app, clock } = scenario.server;
    await loadSpot(ctx);
    const administrator = await signedInAdministrator(app, ctx, clock);
    const administratorId = await idOf(ctx, administrator.userId);
    const person = await signedInUser(app, ctx, clock, { firstName: 'Robin', lastName: 'Vale' });
    const expectAudited = async (action: string) => {
      const entry = (await auditEntries(ctx, action)).at(-1);
      expect(entry, action).toMatchObject({ actor_kind: 'user', actor_id: administratorId });
    };

    const visit = await scenario.visitAs(administrator);
    const { page } = visit;

    // From the home tile to the index, which lists every administrators' page.
    await page.goto(`${scenario.server.url}/`);
    await page.getByRole('link', { name: 'Administration', exact: true }).click();
    await expectHeading(page, pages.index[0]);
    for (const name of [
      ...Object.values(pages)
        .slice(1)
        .map(([english]) => english),
      'Application clients',
      'Webhooks',
    ]) {
      await page.getByRole('link', { name, exact: true }).waitFor();
    }
    await checkBothLanguages(page, 'the administration index', ...pages.index);

    // --- Applications and role policies: one role's policy, previewed then applied.
    await page.getByRole('link', { name: pages.catalog[0], exact: true }).click();
    await expectHeading(page, pages.catalog[0]);
    const approverRow = page.getByTestId('role-approver');
    expect(await approverRow.textContent()).toContain('Up to 1 per organization');
    await checkBothLanguages(page, 'the catalog', ...pages.catalog);

    await page.getByRole('button', { name: 'Change the policy of SPOT Approver' }).click();
    const policyForm = page.getByRole('region', { name: 'Change the policy of SPOT Approver' });
    await policyForm.getByLabel('Holders per organization').fill('two');
    await policyForm.getByRole('button', { name: 'Preview the change' }).click();
    await page
      .getByRole('alert')
      .getByRole('link', { name: 'Enter a whole number from 1 to 100,000, or leave it empty for no limit.' })
      .click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('role-policy-max-active');
    await policyForm.getByLabel('Holders per organization').fill('2');
    await policyForm.getByRole('button', { name: 'Preview the change' }).click();
    const roleDiff = page.getByRole('region', { name: 'What will change' });
    await roleDiff.getByText('Roles added: 0; changed: 1; retired: 0.').waitFor();
    const changeRows = roleDiff.getByTestId('catalog-change');
    expect(await changeRows.count()).toBe(1);
    expect((await changeRows.first().locator('th, td').allTextContents()).map((text) => text.trim())).toEqual([
      'Role approver',
      'Holders per organization',
      '1',
      '2',
    ]);
    // Nothing is changed by the preview.
    expect((await ctx.catalog.getApplication('SPOT')).roles.find((role) => role.code === 'approver')?.maxActivePerOrg).toBe(1);
    await checkBothLanguages(page, 'a role policy change previewed', ...pages.catalog);
    await roleDiff.getByRole('button', { name: 'Apply the change' }).click();
    await page.getByText('The policy of SPOT Approver was changed.').waitFor();
    await approverRow.getByText('Up to 2 per organization').waitFor();
    expect((await ctx.catalog.getApplication('SPOT')).roles.find((role) => role.code === 'approver')?.maxActivePerOrg).toBe(2);
    await expectAudited('catalog.role_updated');

    // --- A whole catalog document: the browser's check, the server's refusal, then a preview applied.
    const documentBox = page.getByLabel('Catalog document (JSON)');
    const previewChanges = page.getByRole('button', { name: 'Preview the changes' });
    await documentBox.fill('{ not json');
    await previewChanges.click();
    await page.getByRole('alert').getByRole('link', { name: 'The text is not valid JSON. Check it and try again.' }).waitFor();

    await page.getByRole('button', { name: 'Start from the current catalog' }).click();
    const current = JSON.parse(await documentBox.inputValue()) as {
      applications: { roles: { code: string; name: string; includes: string | null; sortOrder: number }[] }[];
    };
    const spot = current.applications[0]!;
    spot.roles.find((role) => role.code === 'approver')!.includes = 'nobody';
    await documentBox.fill(JSON.stringify(current, null, 2));
    await previewChanges.click();
    await page
      .getByTestId('catalog-problems')
      .getByText('application SPOT, role approver: includes unknown role nobody')
      .waitFor();

    spot.roles.find((role) => role.code === 'approver')!.includes = 'end_user';
    spot.roles.find((role) => role.code === 'end_user')!.name = 'SPOT End User (renamed)';
    spot.roles.push({ ...spot.roles[0]!, code: 'auditor', name: 'SPOT Auditor', includes: null, sortOrder: 50 });
    await documentBox.fill(JSON.stringify(current, null, 2));
    await previewChanges.click();
    const documentDiff = page.getByRole('region', { name: 'What will change' });
    await documentDiff.getByText('Roles added: 1; changed: 1; retired: 0.').waitFor();
    const rows = await documentDiff
      .getByTestId('catalog-change')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((cell) => cell.textContent?.trim())));
    expect(rows).toEqual([
      ['Role end_user', 'Name', 'SPOT End User', 'SPOT End User (renamed)'],
      ['Role auditor', 'New role', '—', 'SPOT Auditor'],
    ]);
    await checkBothLanguages(page, 'a catalog document previewed', ...pages.catalog);
    await documentDiff.getByRole('button', { name: 'Apply these changes' }).click();
    await page.getByText('The catalog document was applied. Roles added: 1; changed: 1; retired: 0.').waitFor();
    await page.getByTestId('role-auditor').waitFor();
    expect((await ctx.catalog.getApplication('SPOT')).roles.map((role) => role.code)).toContain('auditor');
    await expectAudited('catalog.applied');

    // --- Terms: someone's sign-in page is open on version 1 while version 2 is published.
    const signInVisit = await scenario.visit();
    await signInVisit.page.goto(`${scenario.server.url}/sign-in`);
    await signInVisit.page.getByTestId('terms-body').waitFor();

    await openFromIndex(page, 'terms');
    const versions = page.getByTestId('terms-version');
    expect(await versions.count()).toBe(1);
    expect(await versions.first().textContent()).toContain('Current');
    await checkBothLanguages(page, 'the terms versions', ...pages.terms);
    await page.getByRole('button', { name: 'Publish version 2' }).click();
    await page.getByRole('alert').getByRole('link', { name: 'Enter the title in English.' }).waitFor();
    await page.getByRole('button', { name: 'Start from version 1' }).click();
    await page.getByLabel('Title in English').fill('Terms and conditions, revised');
    await page.getByLabel('Text in English').fill('Revised terms.\n\nRead them again.');
    await page.getByRole('button', { name: 'Publish version 2' }).click();
    const confirmTerms = page.getByRole('group', { name: 'Publish these terms as version 2?' });
    await confirmTerms.getByText('Everyone must accept them again at their next sign-in').waitFor();
    await expectNoAxeViolations(page, 'confirming new terms (English)');
    await confirmTerms.getByRole('button', { name: 'Yes, publish them' }).click();
    await page.getByText('Version 2 is published. Everyone accepts it at their next sign-in.').waitFor();
    await versions.first().getByText('Terms and conditions, revised').waitFor();
    expect(await versions.count()).toBe(2);
    expect(await versions.first().textContent()).toContain('0 people');
    await expectAudited('terms.published');

    // The person signs in on the page that showed version 1: refused, shown version 2, accepted.
    const signIn = signInVisit.page;
    await signIn.getByLabel('User ID', { exact: true }).fill(person.userId);
    await signIn.getByLabel('Password', { exact: true }).fill(person.password);
    await tick(signIn, signIn.getByRole('checkbox', { name: 'I agree to the terms and conditions' }));
    await signIn.getByRole('main').getByRole('button', { name: 'Sign In', exact: true }).click();
    await signIn.getByRole('heading', { name: 'Terms and conditions, revised' }).waitFor();
    expect(await signIn.getByRole('checkbox', { name: 'I agree to the terms and conditions' }).isChecked()).toBe(false);
    await tick(signIn, signIn.getByRole('checkbox', { name: 'I agree to the terms and conditions' }));
    await signIn.getByRole('main').getByRole('button', { name: 'Sign In', exact: true }).click();
    await signIn.waitForURL(/\/sign-in\/mfa/);
    const personId = (await userRow(ctx, person.userId)).id;
    const accepted = await ctx.database.db
      .selectFrom('terms_acceptances')
      .innerJoin('terms_versions', 'terms_versions.id', 'terms_acceptances.terms_version_id')
      .select('terms_versions.version')
      .where('terms_acceptances.user_id', '=', personId)
      .orderBy('terms_versions.version')
      .execute();
    expect(accepted.map((row) => row.version)).toEqual([1, 2]);
    expectOnlyRefusals(signInVisit.problems, [409]);
    signInVisit.problems.length = 0;
    await scenario.leave(signInVisit);
    await page.reload();
    await expectHeading(page, pages.terms[0]);
    expect(await versions.first().textContent()).toContain('1 person');

    // --- The certification acknowledgement.
    await openFromIndex(page, 'acknowledgement');
    expect(await page.getByTestId('acknowledgement-version').count()).toBe(1);
    await page.getByRole('button', { name: 'Start from version 1' }).click();
    await page.getByLabel('Text in English').fill('I have reviewed each person and role listed.');
    await page.getByRole('button', { name: 'Publish version 2' }).click();
    const confirmText = page.getByRole('group', { name: 'Publish this text as version 2?' });
    await expectNoAxeViolations(page, 'confirming a new acknowledgement (English)');
    await confirmText.getByRole('button', { name: 'Yes, publish it' }).click();
    await page.getByText('Version 2 is published. Certification decisions acknowledge it from now on.').waitFor();
    await page.getByTestId('acknowledgement-version').first().getByText('I have reviewed each person and role listed.').waitFor();
    expect((await ctx.certification.acknowledgement(ctx.database.db)).version).toBe(2);
    await expectAudited('certification.acknowledgement_published');
    await checkBothLanguages(page, 'the acknowledgement texts', ...pages.acknowledgement);

    // --- Help desk staff: an unknown user ID refused, then the person named, then removed with a reason.
    await openFromIndex(page, 'helpDesk');
    await page.getByText('Nobody is help desk staff yet.').waitFor();
    const assign = page.getByRole('button', { name: 'Make help desk staff' });
    await page.getByLabel('User ID').fill('nobody-at-all');
    await page.getByLabel('Application', { exact: true }).selectOption('SPOT');
    await assign.click();
    await page.getByRole('alert').getByRole('link', { name: 'No account has this user ID. Check it and try again.' }).waitFor();
    expect(await page.getByLabel('User ID').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('User ID').fill(person.userId);
    await assign.click();
    await page.getByText(`${person.userId} is now help desk staff of SPOT.`).waitFor();
    const staffRow = page.getByTestId('help-desk-staff');
    await staffRow.getByText('Robin Vale').waitFor();
    expect(await page.getByLabel('User ID').inputValue()).toBe('');
    await expectAudited('role.granted');
    await checkBothLanguages(page, 'the help desk staff', ...pages.helpDesk);

    await staffRow.getByRole('button', { name: 'Remove Robin Vale from the help desk of SPOT' }).click();
    const removeBox = page.getByRole('group', { name: 'Remove Robin Vale from the help desk of SPOT?' });
    await removeBox.getByRole('button', { name: 'Remove from the help desk' }).click();
    await removeBox.getByText('Enter the reason.').waitFor();
    await expectNoAxeViolations(page, 'removing a help desk person (English)');
    await removeBox.getByLabel('Reason').fill('Moved to another team');
    await removeBox.getByRole('button', { name: 'Remove from the help desk' }).click();
    await page.getByText('Robin Vale is no longer help desk staff of SPOT.').waitFor();
    await page.getByText('Nobody is help desk staff yet.').waitFor();
    await expectAudited('role.removed');

    // --- The configuration, every secret hidden, with the mail viewer a link away.
    await openFromIndex(page, 'configuration');
    const secretKeyRow = page.getByRole('row', { name: /ROLECALL_SECRET_KEY/ }).first();
    expect(await secretKeyRow.getByTestId('secret').textContent()).toBe('Hidden');
    const text = (await page.getByRole('main').textContent()) ?? '';
    expect(text).not.toContain(ctx.config.secretKey.toString('base64'));
    expect(text).not.toContain(ctx.config.secretKey.toString('hex'));
    await checkBothLanguages(page, 'the configuration', ...pages.configuration);
    await page.getByRole('link', { name: 'Open the mail viewer' }).click();
    await page.waitForURL(/\/dev\/outbox$/);

    // The refusals were the server's, provoked on purpose: the invalid catalog and the unknown user ID.
    expectOnlyRefusals(visit.problems, [400, 404]);
  });

  it('tells anyone else the administration pages are for administrators, and shows them no tile for them', async () => {
    const { ctx, app, clock } = scenario.server;
    const person = await signedInUser(app, ctx, clock);
    const visit = await scenario.visitAs(person);
    const { page } = visit;
    await page.goto(`${scenario.server.url}/`);
    await page.getByRole('link', { name: 'Manage My Roles' }).first().waitFor();
    expect(await page.getByRole('link', { name: 'Administration', exact: true }).count()).toBe(0);

    const refused: number[] = [];
    for (const [path, [english, spanish]] of [
      ['/admin', pages.index],
      ['/admin/catalog', pages.catalog],
      ['/admin/terms', pages.terms],
      ['/admin/acknowledgement', pages.acknowledgement],
      ['/admin/help-desk', pages.helpDesk],
      ['/admin/configuration', pages.configuration],
    ] as const) {
      await page.goto(`${scenario.server.url}${path}`);
      await expectHeading(page, english);
      await page.getByRole('heading', { name: 'For administrators' }).waitFor();
      await page.getByText('Only administrators use the administration pages.', { exact: false }).waitFor();
      await checkBothLanguages(page, `${path} for someone else`, english, spanish);
      if (path !== '/admin') refused.push(403);
    }
    expectOnlyRefusals(visit.problems, refused);
  });
});
