/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, chromiumSkipReason, expectNoAxeViolations } from '../browser/browser.js';
import { browserScenario } from '../browser/scenario.js';
import { checkBothLanguages, expectHeading, expectOnlyRefusals, tick } from '../browser/visit.js';
import { signedInAdministrator, signedInUser } from '../helpers/accounts.js';
import { createOrganization, grantRole, loadSpot } from '../helpers/organizations.js';
import { insertPeople } from '../integration/certification-support.js';
import { startReceiver } from '../helpers/webhook-receiver.js';

const hasChromium = chromiumAvailable();
if (!hasChromium) console.log(chromiumSkipReason());

const title = 'Webhooks';
const titleEs = 'Webhooks';
const logTitle = 'Delivery log';
const logTitleEs = 'Registro de entregas';

/*
 * The administrators' page for webhooks, as an administrator uses it: from the home tile, a
 * receiver subscribed after the browser's and the server's checks, its signing secret seen once
 * and verifying what the receiver gets, a delivery refused then accepted and read in the delivery
 * log, a message sent again with the same webhook-id, then the subscription deleted. Someone else
 * is told the page is for administrators, and has no tile for it.
 */
describe.skipIf(!hasChromium)('Webhooks', { timeout: 300_000 }, () => {
  const scenario = browserScenario();

  const form = (page: Page) => page.getByRole('region', { name: 'Subscribe a receiver' });
  const list = (page: Page) => page.getByRole('table', { name: 'Subscribed receivers, oldest first' });
  const newSecret = (page: Page) => page.getByTestId('new-webhook-secret');
  const messages = (page: Page) => page.getByTestId('webhook-message');

  /** Sends what is due, as the dispatcher's timer would, and waits for the receiver's answers. */
  async function deliver(): Promise<void> {
    await scenario.server.ctx.webhookDispatcher.deliverDue();
    await scenario.server.ctx.webhookDispatcher.idle();
  }

  it('lets an administrator subscribe a receiver, follow its deliveries, send one again and delete it', async () => {
    const { applicationId, roles } = await loadSpot(scenario.server.ctx);
    const administrator = await signedInAdministrator(scenario.server.app, scenario.server.ctx, scenario.server.clock);
    const receiver = await startReceiver();
    try {
      const visit = await scenario.visitAs(administrator);
      const { page } = visit;

      await page.goto(`${scenario.server.url}/`);
      await page.getByRole('link', { name: title, exact: true }).click();
      await expectHeading(page, title);
      expect(await page.title()).toBe(`${title} | Rolecall`);
      await page.getByText('No receiver is subscribed yet.').waitFor();

      // The browser's own checks: nothing chosen, nothing ticked, each linked from the summary.
      const submit = form(page).getByRole('button', { name: 'Subscribe the receiver' });
      await submit.click();
      const summary = page.getByRole('alert');
      await summary.getByText('Check the fields marked below and try again.').waitFor();
      for (const message of ['Choose the application.', "Enter the receiver's URL.", 'Tick at least one event.']) {
        await summary.getByRole('link', { name: message }).waitFor();
      }
      await page.getByLabel('Application', { exact: true }).selectOption('SPOT');
      await page.getByLabel('Receiver URL').fill(receiver.url);
      await submit.click();
      await summary.getByRole('link', { name: 'Tick at least one event.' }).click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('webhook-events-role-granted');
      expect(await page.locator('#webhook-events-error').textContent()).toBe('Tick at least one event.');
      expect(await summary.getByRole('link').count()).toBe(1);

      // The server's rule: http only on its own machine. Its refusal is shown under the field.
      await tick(page, page.getByRole('checkbox', { name: /^Role granted/ }));
      await page.getByLabel('Receiver URL').fill('http://hooks.example.org/x');
      await submit.click();
      await summary.getByRole('link', { name: /^Enter a full https address/ }).waitFor();
      expect(await page.locator('#webhook-url-error').textContent()).toContain('Enter a full https address');
      expect(await page.getByLabel('Receiver URL').getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByLabel('Receiver URL').getAttribute('aria-describedby')).toContain('webhook-url-error');
      expect(await page.locator('#webhook-events-error').count()).toBe(0);
      await checkBothLanguages(page, 'the webhook form with the server refusal', title, titleEs);

      // Corrected: subscribed, its signing secret shown once.
      await page.getByLabel('Receiver URL').fill(receiver.url);
      await submit.click();
      await newSecret(page).getByRole('heading', { name: 'The receiver is subscribed' }).waitFor();
      await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'new-webhook-secret');
      await newSecret(page).getByText('Copy the signing secret now: it will not be shown again.').waitFor();
      await newSecret(page)
        .getByText(/verify the webhook-signature header/)
        .waitFor();
      const secret = (await page.getByTestId('new-webhook-secret-value').textContent()) ?? '';
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      expect(await page.getByTestId('new-webhook-url').textContent()).toBe(receiver.url);
      // The form is empty again, ready for another receiver.
      expect(await page.getByLabel('Receiver URL').inputValue()).toBe('');
      expect(await page.getByRole('checkbox', { name: /^Role granted/ }).isChecked()).toBe(false);

      const row = list(page).getByRole('row', { name: /rolecall-events/ });
      await row.getByText('Role granted').waitFor();
      expect(await row.textContent()).toContain(receiver.url);
      expect(await row.textContent()).not.toContain('Role removed');
      await checkBothLanguages(page, 'the webhooks with a new secret shown', title, titleEs);
      await newSecret(page).getByRole('button', { name: 'Done' }).click();
      expect(await newSecret(page).count()).toBe(0);

      // A role granted: the receiver refuses the first delivery, accepts the retry; both verify.
      const verifier = new Webhook(secret);
      receiver.answers.push(503);
      const [holder] = await insertPeople(scenario.server.ctx, 1);
      const organization = await createOrganization(scenario.server.ctx, applicationId);
      const granted = await grantRole(scenario.server.ctx, holder!.id, roles.end_user!, organization.id);
      await deliver();
      expect(receiver.received).toHaveLength(1);
      scenario.server.clock.advance({ minutes: 2 });
      await deliver();
      expect(receiver.received).toHaveLength(2);
      const events = receiver.received.map(
        (request) => verifier.verify(request.body, request.headers) as { type: string; data: { assignmentId: string } },
      );
      expect(events.map((event) => event.type)).toEqual(['role.granted', 'role.granted']);
      expect(events[0]!.data.assignmentId).toBe(granted.id);
      const webhookId = receiver.received[0]!.headers['webhook-id'];
      expect(receiver.received[1]!.headers['webhook-id']).toBe(webhookId);

      // The delivery log: the message, delivered at its second attempt.
      await list(page)
        .getByRole('link', { name: `Delivery log of ${receiver.url}` })
        .click();
      await expectHeading(page, logTitle);
      expect(await page.title()).toBe(`${logTitle} | Rolecall`);
      await messages(page).first().waitFor();
      expect(await messages(page).count()).toBe(1);
      const message = messages(page).first();
      await message.getByRole('heading', { name: 'Role granted', exact: true }).waitFor();
      expect(await message.getByTestId('message-status').textContent()).toBe('Delivered');
      expect(await message.getByTestId('attempt-count').textContent()).toBe('2');
      expect(await message.locator('code').first().textContent()).toBe(webhookId);
      await message.getByRole('button', { name: /^Attempts and body sent/ }).click();
      expect(await message.getByTestId('attempt-status').allTextContents()).toEqual(['HTTP 503', 'HTTP 200']);
      const body = JSON.parse((await message.getByTestId('webhook-body').textContent()) ?? '') as unknown;
      expect(body).toEqual(JSON.parse(receiver.received[0]!.body));
      await checkBothLanguages(page, 'the delivery log with a message expanded', logTitle, logTitleEs);

      // Sent again: the receiver gets it once more, with the same webhook-id.
      await message.getByRole('button', { name: 'Send again' }).click();
      await message.getByText('Queued to be sent again.').waitFor();
      await deliver();
      expect(receiver.received).toHaveLength(3);
      expect(receiver.received[2]!.headers['webhook-id']).toBe(webhookId);
      expect(verifier.verify(receiver.received[2]!.body, receiver.received[2]!.headers)).toEqual(events[0]);
      await page.reload();
      await expectHeading(page, logTitle);
      expect(await messages(page).first().getByTestId('attempt-count').textContent()).toBe('3');
      expect(await messages(page).first().getByTestId('message-status').textContent()).toBe('Delivered');

      // A longer log is read a page at a time, newest first.
      for (let index = 0; index < 20; index++) {
        await grantRole(
          scenario.server.ctx,
          holder!.id,
          roles.end_user!,
          (await createOrganization(scenario.server.ctx, applicationId)).id,
        );
      }
      await deliver();
      await page.reload();
      await page.getByText('Showing 20 messages').waitFor();
      await page.getByRole('button', { name: 'Load more' }).click();
      await page.getByText('Showing 21 messages').waitFor();
      expect(await messages(page).last().locator('code').first().textContent()).toBe(webhookId);
      expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);

      // Deleting asks first, saying what is lost; cancelling keeps it and returns to its button.
      await page.getByRole('navigation', { name: 'Breadcrumbs' }).getByRole('link', { name: title }).click();
      await expectHeading(page, title);
      const deleteButton = list(page).getByRole('button', { name: `Delete the subscription of ${receiver.url}` });
      await deleteButton.click();
      await page.getByText('Messages not sent yet are dropped').waitFor();
      await expectNoAxeViolations(page, 'confirming a deletion (English)');
      await page.getByRole('button', { name: 'Cancel' }).click();
      expect(await deleteButton.evaluate((button) => button === document.activeElement)).toBe(true);
      await deleteButton.click();
      await page.getByRole('button', { name: 'Yes, delete it' }).click();
      await page.getByText(`The subscription of ${receiver.url} was deleted.`).waitFor();
      await page.getByText('No receiver is subscribed yet.').waitFor();
      expect(await scenario.server.ctx.webhooks.subscribedApplicationIds(scenario.server.ctx.database.db)).toEqual(new Set());

      // The one refusal was the server's, provoked on purpose.
      expectOnlyRefusals(visit.problems, [400]);
    } finally {
      await receiver.close();
    }
  });

  it('tells anyone else the page is for administrators, and shows them no tile for it', async () => {
    const person = await signedInUser(scenario.server.app, scenario.server.ctx, scenario.server.clock);
    const visit = await scenario.visitAs(person);
    const { page } = visit;
    await page.goto(`${scenario.server.url}/`);
    await page.getByRole('link', { name: 'Manage My Roles' }).first().waitFor();
    expect(await page.getByRole('link', { name: title, exact: true }).count()).toBe(0);

    // Typed in: the address loads the web app as any of its pages does, and only the API refuses.
    await page.goto(`${scenario.server.url}/admin/webhooks`);
    await expectHeading(page, title);
    await page.getByRole('heading', { name: 'For administrators' }).waitFor();
    await page.getByText('Only administrators manage the webhooks that tell applications of role changes.').waitFor();
    expect(await page.getByRole('button', { name: 'Subscribe the receiver' }).count()).toBe(0);
    await checkBothLanguages(page, 'the webhooks page for someone else', title, titleEs);

    // A delivery log's address, the same.
    await page.goto(`${scenario.server.url}/admin/webhooks/01890000-0000-7000-8000-000000000000`);
    await expectHeading(page, logTitle);
    await page.getByRole('heading', { name: 'For administrators' }).waitFor();

    expectOnlyRefusals(visit.problems, [403, 403]);
  });
});
