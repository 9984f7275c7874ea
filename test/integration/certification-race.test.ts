import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/modules/catalog/catalog.service.js';
import { dueDayOf } from '../../server/modules/certification/due-dates.js';
import { systemActor } from '../../server/shared/actor.js';
import { ManualClock } from '../../server/shared/clock.js';
import { signedInUser, signInWithTotp } from '../helpers/accounts.js';
import type { ApiClient } from '../helpers/api-client.js';
import { createOrganization, grantRole, idOf, loadSpot } from '../helpers/organizations.js';
import { createTestApp, type TestApp } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';
import { assignmentRow, decide, decisionsOf, dueInDays, insertPeople, listIds, setDue } from './certification-support.js';

/**
 * A clock that moves a millisecond at every reading while `ticking`, as a real one does: two
 * requests racing read different times, and which one reads first is not which one locks first.
 * Standing still, it gives racing requests the same instant, the other edge.
 */
class TickingClock extends ManualClock {
  ticking = false;

  override now(): Date {
    const now = super.now();
    if (this.ticking) this.advance({ ms: 1 });
    return now;
  }
}

const ROUNDS = 200;
const PARALLEL = 4;
/** Shorter than the 60-day list window: a certified item is due again within the window. */
const SHORT_PERIOD_DAYS = 30;

describe.each(testDialects())('certifying one item from several requests at once on %s', (dialect) => {
  let t: TestApp;
  let clock: TickingClock;
  let endUser: Role;
  let approver: ApiClient;
  let helpDesk: ApiClient;

  beforeAll(async () => {
    clock = new TickingClock('2026-03-02T15:00:00.000Z');
    t = await createTestApp({ dialect, clock });
    const { applicationId, roles } = await loadSpot(t.ctx);
    endUser = await t.ctx.catalog.updateRole(systemActor, { id: 'catalog-owner', isAdministrator: true }, roles.end_user!.id, {
      certificationPeriodDays: SHORT_PERIOD_DAYS,
    });
    const org = await createOrganization(t.ctx, applicationId, { legalName: 'Parallel Lines Clinic' });
    const approverUser = await signedInUser(t.app, t.ctx, clock);
    await grantRole(t.ctx, await idOf(t.ctx, approverUser.userId), roles.approver!, org.id);
    approver = await signInWithTotp(t.app, clock, approverUser);
    const staffUser = await signedInUser(t.app, t.ctx, clock);
    await grantRole(t.ctx, await idOf(t.ctx, staffUser.userId), roles.help_desk!);
    helpDesk = await signInWithTotp(t.app, clock, staffUser);
    const holder = (await insertPeople(t.ctx, 1))[0]!;
    assignmentId = (await grantRole(t.ctx, holder.id, endUser, org.id)).id;
  });
  afterAll(async () => t.close());

  let assignmentId: string;

  it(`moves the due date forward once per accepted decision and never leaves a decided due date, over ${ROUNDS} rounds`, async () => {
    const refusals = new Set<string>();
    let accepted = 0;
    for (let round = 0; round < ROUNDS; round++) {
      clock.ticking = round % 2 === 0;
      // Due in five days, a different instant each round: a due date no decision has answered yet.
      const dueAt = new Date(new Date(dueInDays(t.ctx, 5)).getTime() + round).toISOString();
      await setDue(t.ctx, assignmentId, dueAt);
      const earlier = new Set((await decisionsOf(t.ctx, assignmentId)).map((decision) => decision.id));
      const answers = await Promise.all(
        Array.from({ length: PARALLEL }, () =>
          decide(approver, { outcome: 'certify', assignmentIds: [assignmentId] }, { version: 1 }),
        ),
      );
      for (const answer of answers) {
        if (answer.statusCode === 200) continue;
        expect(answer.statusCode, answer.body).toBe(409);
        refusals.add(answer.json().error.code as string);
      }
      const ok = answers.filter((answer) => answer.statusCode === 200).length;
      expect(ok).toBeGreaterThanOrEqual(1);
      accepted += ok;

      // The decisions of this round form one chain: each answers the due date the previous set.
      const decisions = (await decisionsOf(t.ctx, assignmentId)).filter((decision) => !earlier.has(decision.id));
      expect(decisions).toHaveLength(ok);
      decisions.sort((a, b) => a.due_at.localeCompare(b.due_at));
      expect(decisions[0]!.due_at).toBe(dueAt);
      for (let index = 1; index < decisions.length; index++) {
        expect(decisions[index]!.due_at).toBe(decisions[index - 1]!.next_due_at);
        expect(decisions[index]!.due_at > decisions[index - 1]!.due_at).toBe(true);
      }
      const row = await assignmentRow(t.ctx, assignmentId);
      expect(row.status).toBe('active');
      expect(row.certification_due_at).toBe(decisions.at(-1)!.next_due_at);
      expect(row.certification_due_at! > decisions.at(-1)!.due_at).toBe(true);
    }
    // Late requests either decided the next due date (still within the window) or were told why not.
    expect([...refusals].every((code) => ['certification.already_decided', 'certification.not_due'].includes(code))).toBe(true);
    expect(accepted).toBeGreaterThanOrEqual(ROUNDS);
  });

  it('leaves the item decidable, listed, and expiring on its due day: the list, the decision and the sweep agree', async () => {
    clock.ticking = false;
    // Past every instant of the rounds above, which set due dates back by hand as no real change does.
    clock.advance({ minutes: 1 });
    // Two parallel certifications of an item due in a week: the second answers the due date the
    // first set, still within the window.
    await setDue(t.ctx, assignmentId, dueInDays(t.ctx, 7));
    const both = await Promise.all(
      [0, 1].map(() => decide(approver, { outcome: 'certify', assignmentIds: [assignmentId] }, { version: 1 })),
    );
    expect(both.map((answer) => answer.statusCode)).toEqual([200, 200]);
    const dueAt = (await assignmentRow(t.ctx, assignmentId)).certification_due_at!;
    expect(dueAt).toBe(new Date(clock.now().getTime() + 2 * SHORT_PERIOD_DAYS * 86_400_000).toISOString());
    clock.advance({ minutes: 1 });
    await setDue(t.ctx, assignmentId, dueInDays(t.ctx, 20));
    const listedDue = dueInDays(t.ctx, 20);
    expect(await listIds(approver)).toContain(assignmentId);
    const dryRun = await helpDesk.get(
      `/api/v1/help-desk/certifications/expiring?date=${dueDayOf(listedDue, t.ctx.config.timeZone)}`,
    );
    expect(dryRun.statusCode, dryRun.body).toBe(200);
    expect((dryRun.json().items as { assignmentId: string }[]).map((item) => item.assignmentId)).toContain(assignmentId);

    const all = await decide(approver, { outcome: 'certify', all: true }, { version: 1 });
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json().assignmentIds).toContain(assignmentId);

    // Nobody certifies the new due date: the sweep removes the role the day after, once.
    const next = (await assignmentRow(t.ctx, assignmentId)).certification_due_at!;
    clock.set(new Date(new Date(next).getTime() + 86_400_000));
    const outcome = await t.ctx.scheduler.runNow('certification.sweep');
    expect(outcome.ran).toBe(true);
    expect(await assignmentRow(t.ctx, assignmentId)).toMatchObject({ status: 'removed', removal_kind: 'certification_expired' });
    const expired = (await decisionsOf(t.ctx, assignmentId)).filter((decision) => decision.outcome === 'expired');
    expect(expired.map((decision) => decision.due_at)).toEqual([next]);
  });
});
