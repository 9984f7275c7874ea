import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../server/cli.js';
import { createContext } from '../../server/context.js';
import { createCertificationSweep } from '../../server/modules/certification/certification-sweep.js';
import type { Role } from '../../server/modules/catalog/catalog.service.js';
import { dueDayOf } from '../../server/modules/certification/due-dates.js';
import { runSweepCommand } from '../../server/modules/certification/sweep-command.js';
import type { Organization } from '../../server/modules/organizations/organizations.service.js';
import { endOfDayIn } from '../../server/shared/time.js';
import { signedInUser, signInWithTotp, type SignedInUser } from '../helpers/accounts.js';
import { createOrganization, grantRole, idOf, loadSpot } from '../helpers/organizations.js';
import { createTestApp, testConfig, type TestApp } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';
import {
  assignmentRow,
  decide,
  decisionsOf,
  dueInDays,
  insertAssignments,
  insertPeople,
  setDue,
  type Person,
} from './certification-support.js';

const ZONE = 'America/New_York';
const HELP_DESK_EMAIL = 'spot-help-desk@rolecall.localhost';

describe.each(testDialects())('the certification sweep on %s', (dialect) => {
  let t: TestApp;
  let roles: Record<string, Role>;
  let applicationId: string;
  let org: Organization;
  let approver: Person;
  let backup: Person;
  let staff: Person;

  beforeAll(async () => {
    t = await createTestApp({ dialect });
    ({ roles, applicationId } = await loadSpot(t.ctx));
    org = await createOrganization(t.ctx, applicationId, { legalName: 'Coral Gables Imaging' });
    approver = (await insertPeople(t.ctx, 1, { firstName: 'Lucía', language: 'es' }))[0]!;
    backup = (await insertPeople(t.ctx, 1, { firstName: 'Drew' }))[0]!;
    staff = (await insertPeople(t.ctx, 1, { firstName: 'Kim' }))[0]!;
    await grantRole(t.ctx, approver.id, roles.approver!, org.id);
    await grantRole(t.ctx, backup.id, roles.backup_approver!, org.id);
    await grantRole(t.ctx, staff.id, roles.help_desk!);
  });
  afterAll(async () => t.close());

  const sweep = async () => {
    const outcome = await t.ctx.scheduler.runNow('certification.sweep');
    expect(outcome.ran).toBe(true);
  };
  const mail = (recipient: string, template: string) =>
    t.ctx.database.db
      .selectFrom('outbox')
      .select(['subject', 'body_text', 'language'])
      .where('recipient', '=', recipient)
      .where('template', '=', template)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  const reminderDays = async (assignmentId: string) =>
    (
      await t.ctx.database.db
        .selectFrom('certification_reminders')
        .select('days')
        .where('assignment_id', '=', assignmentId)
        .execute()
    )
      .map((row) => row.days)
      .sort((a, b) => b - a);

  async function endUser(days: number, organization = org) {
    const holder = (await insertPeople(t.ctx, 1))[0]!;
    const assignment = await grantRole(t.ctx, holder.id, roles.end_user!, organization.id);
    await setDue(t.ctx, assignment.id, dueInDays(t.ctx, days));
    return { holder, assignmentId: assignment.id, dueAt: dueInDays(t.ctx, days) };
  }

  it('sends each reminder once, one digest per certifier per day, the holder at 14 days and the help desk at 7', async () => {
    const h1 = await endUser(60);
    const h2 = await endUser(30);
    // Found for the first time 10 days before due: the 14-day reminder, and the holder is told.
    const h4 = await endUser(10);

    await sweep();
    await sweep();
    for (const certifier of [approver, backup]) {
      const digests = await mail(certifier.email, 'certification.digest');
      expect(digests).toHaveLength(1);
      for (const holder of [h1, h2, h4]) expect(digests[0]!.body_text).toContain(holder.holder.userId);
    }
    expect((await mail(approver.email, 'certification.digest'))[0]).toMatchObject({ language: 'es' });
    expect((await mail(approver.email, 'certification.digest'))[0]!.subject).toMatch(/certificaciones/);
    expect((await mail(backup.email, 'certification.digest'))[0]!.subject).toMatch(/role certifications due soon/);
    expect(await reminderDays(h1.assignmentId)).toEqual([60]);
    expect(await reminderDays(h2.assignmentId)).toEqual([60, 30]);
    expect(await reminderDays(h4.assignmentId)).toEqual([60, 30, 14]);
    expect(await mail(h4.holder.email, 'certification.holder_notice')).toHaveLength(1);
    expect(await mail(h2.holder.email, 'certification.holder_notice')).toHaveLength(0);
    expect(await mail(HELP_DESK_EMAIL, 'certification.help_desk_notice')).toHaveLength(0);

    // A role that crosses a threshold after today's digest waits for tomorrow's.
    const h3 = await endUser(45);
    await sweep();
    expect(await mail(approver.email, 'certification.digest')).toHaveLength(1);
    expect(await reminderDays(h3.assignmentId)).toEqual([]);
    t.clock.advance({ days: 1 });
    await sweep();
    await sweep();
    const second = await mail(backup.email, 'certification.digest');
    expect(second).toHaveLength(2);
    expect(second[1]!.body_text).toContain(h3.holder.userId);
    expect(second[1]!.body_text).not.toContain(h1.holder.userId);

    // Day 16: h2 is 14 days from due (the holder is told), h3 has crossed 30; h4 expired on day 10.
    t.clock.advance({ days: 15 });
    await sweep();
    await sweep();
    const third = (await mail(backup.email, 'certification.digest'))[2]!;
    expect(third.body_text).toContain(h2.holder.userId);
    expect(third.body_text).toContain(h3.holder.userId);
    expect(await mail(h2.holder.email, 'certification.holder_notice')).toHaveLength(1);
    expect((await assignmentRow(t.ctx, h4.assignmentId)).status).toBe('removed');

    // Day 23: h2 is 7 days from due: the help desk is told, staff and its address, once.
    t.clock.advance({ days: 7 });
    await sweep();
    await sweep();
    for (const recipient of [HELP_DESK_EMAIL, staff.email]) {
      const notices = await mail(recipient, 'certification.help_desk_notice');
      expect(notices).toHaveLength(1);
      expect(notices[0]!.body_text).toContain(h2.holder.userId);
    }

    // Day 29: the last reminder, the day before h2 is due.
    t.clock.advance({ days: 6 });
    await sweep();
    await sweep();
    expect(await reminderDays(h2.assignmentId)).toEqual([60, 30, 14, 7, 1]);
    expect(await mail(h2.holder.email, 'certification.holder_notice')).toHaveLength(1);
    expect(await mail(HELP_DESK_EMAIL, 'certification.help_desk_notice')).toHaveLength(1);
    for (const certifier of [approver, backup]) {
      const digests = await mail(certifier.email, 'certification.digest');
      const days = await t.ctx.database.db
        .selectFrom('certification_digests' as never)
        .select('day' as never)
        .where('certifier_id' as never, '=', certifier.id as never)
        .execute();
      expect(digests.length).toBe(days.length);
      expect(new Set(days.map((row) => (row as { day: string }).day)).size).toBe(days.length);
      // 60 and 30 days together (found 30 days out), then 14, 7 and 1.
      expect(digests.filter((digest) => digest.body_text.includes(h2.holder.userId))).toHaveLength(4);
    }
  });

  it('removes an uncertified role once, at the end of its due day in the time zone, and tells holder and certifiers', async () => {
    const item = await endUser(3);
    const dueDay = dueDayOf(item.dueAt, ZONE);
    t.clock.set(endOfDayIn(dueDay, ZONE));
    await sweep();
    expect((await assignmentRow(t.ctx, item.assignmentId)).status).toBe('active');

    t.clock.advance({ ms: 1 });
    const expiredBefore = (await mail(approver.email, 'certification.expired')).length;
    await sweep();
    await sweep();
    expect(await assignmentRow(t.ctx, item.assignmentId)).toMatchObject({
      status: 'removed',
      removal_kind: 'certification_expired',
      removal_reason: 'certification expired',
      removed_by: null,
    });
    expect(await decisionsOf(t.ctx, item.assignmentId)).toEqual([
      expect.objectContaining({ outcome: 'expired', certifier_id: null, acknowledgement_version: null, due_at: item.dueAt }),
    ]);
    const removedMail = await mail(item.holder.email, 'role.removed');
    expect(removedMail).toHaveLength(1);
    expect(removedMail[0]!.body_text).toContain('certification expired');
    const toApprover = await mail(approver.email, 'certification.expired');
    expect(toApprover.length).toBe(expiredBefore + 1);
    expect(toApprover.at(-1)!.body_text).toContain(item.holder.userId);
    expect((await mail(backup.email, 'certification.expired')).at(-1)!.body_text).toContain(item.holder.userId);
    const audit = await t.ctx.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', item.assignmentId)
      .where('action', 'in', ['certification.expired', 'role.removed'])
      .execute();
    expect(audit.map((row) => row.action).sort()).toEqual(['certification.expired', 'role.removed']);
  });

  it('lists in a dry run what would be removed on a date, and changes nothing', async () => {
    const soon = await endUser(2);
    const later = await endUser(9);
    const day = dueDayOf(soon.dueAt, ZONE);
    const lines: string[] = [];
    expect(await runSweepCommand(t.ctx, { dryRun: true, date: day }, (line) => lines.push(line))).toBe(0);
    expect(lines[0]).toMatch(/^Dry run: \d+ role\(s\) would be removed by the end of /);
    expect(lines.some((line) => line.includes(soon.assignmentId))).toBe(true);
    expect(lines.some((line) => line.includes(later.assignmentId))).toBe(false);
    expect((await assignmentRow(t.ctx, soon.assignmentId)).status).toBe('active');
    expect(await runSweepCommand(t.ctx, { dryRun: true, date: undefined }, () => undefined)).toBe(1);
    expect(await runSweepCommand(t.ctx, { dryRun: true, date: '2026-02-30' }, () => undefined)).toBe(1);
    expect(await runSweepCommand(t.ctx, { dryRun: false, date: day }, () => undefined)).toBe(1);
    if (dialect === 'sqlite') {
      // The command line, on the same database file.
      const printed: string[] = [];
      const config = { ...testConfig(), database: t.testDatabase.config };
      expect(await runCli(['sweep', '--dry-run', '--date', day], config, (line) => printed.push(line))).toBe(0);
      expect(printed.some((line) => line.includes(soon.assignmentId))).toBe(true);
    }
    // Without --dry-run: both sweeps run once, now.
    const ran: string[] = [];
    expect(await runSweepCommand(t.ctx, { dryRun: false, date: undefined }, (line) => ran.push(line))).toBe(0);
    expect(ran.map((line) => line.split(':')[0])).toEqual(['certification.sweep', 'role_requests.sweep']);
  });

  // Two processes share one database only on PostgreSQL (one SQLite file has one writer process),
  // so this test exists on PostgreSQL alone rather than showing as skipped on SQLite.
  if (dialect === 'postgres')
    it('removes each role once when two server processes sweep at the same moment', async () => {
      const other = createContext(t.ctx.config, {
        clock: t.clock,
        database: t.testDatabase.connectAgain(),
        logger: pino({ level: 'silent' }),
      });
      try {
        const holders = await insertPeople(t.ctx, 120);
        const ids = await insertAssignments(
          t.ctx,
          roles.end_user!,
          org.id,
          holders.map((holder) => holder.id),
          dueInDays(t.ctx, -2),
        );
        // Each process's sweep itself, without the scheduler's lock that would make one skip its turn.
        const sweeps = [t.ctx, other].map((ctx) =>
          createCertificationSweep({
            config: ctx.config,
            database: ctx.database,
            clock: ctx.clock,
            audit: ctx.audit,
            notifications: ctx.notifications,
            assignments: ctx.assignments,
            certification: ctx.certification,
          }),
        );
        const reports = await Promise.all(sweeps.map((run) => run()));
        expect(reports.reduce((sum, report) => sum + report.expired, 0)).toBe(ids.length);
        const decisions = await t.ctx.database.db
          .selectFrom('certification_decisions')
          .select('assignment_id')
          .where('assignment_id', 'in', ids)
          .execute();
        expect(decisions).toHaveLength(ids.length);
        const removedMail = await t.ctx.database.db
          .selectFrom('outbox')
          .select('recipient')
          .where('template', '=', 'role.removed')
          .where(
            'recipient',
            'in',
            holders.map((holder) => holder.email),
          )
          .execute();
        expect(removedMail).toHaveLength(ids.length);
        expect((await t.ctx.audit.verify(t.ctx.database.db)).ok).toBe(true);
      } finally {
        await other.database.close().catch(() => undefined);
      }
    });

  it('ends certify racing the expiry sweep with exactly one outcome, every time', async () => {
    const certifierUser: SignedInUser = await signedInUser(t.app, t.ctx, t.clock);
    const certifierId = await idOf(t.ctx, certifierUser.userId);
    const raceOrg = await createOrganization(t.ctx, applicationId, { legalName: 'Race Track Clinic' });
    await grantRole(t.ctx, certifierId, roles.approver!, raceOrg.id);
    const client = await signInWithTotp(t.app, t.clock, certifierUser);
    const holder = (await insertPeople(t.ctx, 1))[0]!;
    let assignmentId = (await grantRole(t.ctx, holder.id, roles.end_user!, raceOrg.id)).id;
    const outcomes = { certified: 0, expired: 0 };
    const rounds = 100;
    for (let round = 0; round < rounds; round++) {
      // Due yesterday: the sweep would remove it, and the approver may still certify it until then.
      const dueAt = new Date(new Date(dueInDays(t.ctx, -1)).getTime() + round).toISOString();
      await setDue(t.ctx, assignmentId, dueAt);
      const [answer] = await Promise.all([
        decide(client, { outcome: 'certify', assignmentIds: [assignmentId] }, { version: 1 }),
        t.ctx.scheduler.runNow('certification.sweep'),
      ]);
      const decisions = (await decisionsOf(t.ctx, assignmentId)).filter((decision) => decision.due_at === dueAt);
      expect(decisions).toHaveLength(1);
      const row = await assignmentRow(t.ctx, assignmentId);
      if (decisions[0]!.outcome === 'certified') {
        expect(answer.statusCode, answer.body).toBe(200);
        expect(row).toMatchObject({ status: 'active', last_certified_at: t.clock.now().toISOString() });
        outcomes.certified += 1;
      } else {
        expect(decisions[0]!.outcome).toBe('expired');
        expect(answer.statusCode, answer.body).toBe(409);
        expect(answer.json().error.code).toBe('certification.already_decided');
        expect(row).toMatchObject({ status: 'removed', removal_kind: 'certification_expired' });
        outcomes.expired += 1;
        assignmentId = (await grantRole(t.ctx, holder.id, roles.end_user!, raceOrg.id)).id;
      }
    }
    expect(outcomes.certified + outcomes.expired).toBe(rounds);
  });
});
