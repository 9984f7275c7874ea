import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/shared/clock.js';
import { systemActor } from '../../server/shared/actor.js';
import { registerVerifiedUser } from '../helpers/accounts.js';
import { createOrganization, grantRole, idOf, loadSpot } from '../helpers/organizations.js';
import { startRolecallProcess, type RolecallProcess } from '../helpers/server-process.js';
import { startSmtpCapture, type SmtpCapture } from '../helpers/smtp-capture.js';
import { createTestApp, ownConnectionConfig, type TestApp } from '../helpers/test-context.js';
import { startReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js';

const PROCESSES = 3;
const OVERDUE = 12;
const DUE_IN_SEVEN_DAYS = 8;
const DAY_MS = 86_400_000;

/*
 * Three server processes on one PostgreSQL database, every sweep running on each every second:
 * each overdue role is removed once, each email sent once, each webhook delivered once, each
 * certifier's reminder digest written once.
 */
describe.skipIf(!process.env.ROLECALL_TEST_POSTGRES_URL)('three server processes on one PostgreSQL', () => {
  let t: TestApp;
  let smtp: SmtpCapture;
  let receiver: WebhookReceiver;
  const servers: RolecallProcess[] = [];
  let overdueIds: string[] = [];

  beforeAll(async () => {
    // The processes run on the real clock: the data is arranged around now.
    t = await createTestApp({ dialect: 'postgres', clock: new ManualClock(new Date().toISOString()) });
    smtp = await startSmtpCapture();
    receiver = await startReceiver();
    const { applicationId, roles } = await loadSpot(t.ctx);
    const organization = await createOrganization(t.ctx, applicationId);
    await t.ctx.webhooks.subscribe(
      { ...systemActor },
      { id: 'system', isAdministrator: true },
      {
        applicationCode: 'SPOT',
        url: receiver.url,
        eventTypes: ['role.removed', 'certification.expired'],
      },
    );
    const approver = await registerVerifiedUser(t.app, t.ctx);
    await grantRole(t.ctx, await idOf(t.ctx, approver.userId), roles.approver!, organization.id);

    const endUsers: string[] = [];
    for (let index = 0; index < OVERDUE + DUE_IN_SEVEN_DAYS; index += 1) {
      const person = await registerVerifiedUser(t.app, t.ctx);
      endUsers.push((await grantRole(t.ctx, await idOf(t.ctx, person.userId), roles.end_user!, organization.id)).id);
    }
    overdueIds = endUsers.slice(0, OVERDUE);
    const now = Date.now();
    await t.ctx.database.db
      .updateTable('role_assignments')
      .set({ certification_due_at: new Date(now - 3 * DAY_MS).toISOString() })
      .where('id', 'in', overdueIds)
      .execute();
    await t.ctx.database.db
      .updateTable('role_assignments')
      .set({ certification_due_at: new Date(now + 7 * DAY_MS).toISOString() })
      .where('id', 'in', endUsers.slice(OVERDUE))
      .execute();

    const config = ownConnectionConfig(t);
    if (config.database.kind !== 'postgres') throw new Error('expected PostgreSQL');
    const env = {
      ROLECALL_DATABASE_URL: config.database.url,
      ROLECALL_SECRET_KEY: config.secretKey.toString('base64'),
      ROLECALL_DATA_DIR: config.dataDir,
      ROLECALL_JOBS: 'true',
      ROLECALL_JOBS_INTERVAL_SECONDS: '1',
      ROLECALL_SWEEP_INTERVAL_SECONDS: '1',
      ROLECALL_SMTP_HOST: '127.0.0.1',
      ROLECALL_SMTP_PORT: String(smtp.port),
    };
    for (let index = 0; index < PROCESSES; index += 1) servers.push(await startRolecallProcess(env));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await receiver?.close();
    await smtp?.close();
    await t?.close();
  });

  const db = () => t.ctx.database.db;

  /** Waits until the sweeps have nothing left to do: roles removed, every email and webhook out. */
  async function settled(): Promise<void> {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const removed = await db()
        .selectFrom('role_assignments')
        .select('id')
        .where('id', 'in', overdueIds)
        .where('status', '=', 'removed')
        .execute();
      const unsent = await db().selectFrom('outbox').select('id').where('status', 'in', ['pending', 'sending']).execute();
      const undelivered = await db().selectFrom('webhook_messages').select('id').where('status', '!=', 'delivered').execute();
      const digests = await db().selectFrom('outbox').select('id').where('template', '=', 'certification.digest').execute();
      if (removed.length === OVERDUE && unsent.length === 0 && undelivered.length === 0 && digests.length > 0) return;
      if (Date.now() > deadline) {
        throw new Error(
          `not settled: ${removed.length} removed, ${unsent.length} emails and ${undelivered.length} webhooks waiting, ` +
            `${digests.length} digests\n${servers.map((server) => server.stderr()).join('\n')}`,
        );
      }
      await new Promise((wait) => setTimeout(wait, 250));
    }
  }

  it('removes each overdue role once, and sends each email, webhook and reminder digest once', async () => {
    await settled();
    // More rounds of every sweep on every process, with nothing left to do: they must add nothing.
    await new Promise((wait) => setTimeout(wait, 3_000));
    const runs = await db().selectFrom('job_runs').select(['name', 'runs']).execute();
    expect(runs.find((run) => run.name === 'certification.sweep')?.runs ?? 0).toBeGreaterThan(PROCESSES);

    const removals = await db()
      .selectFrom('audit_log')
      .select(['target_id', 'action'])
      .where('target_type', '=', 'role_assignment')
      .where('target_id', 'in', overdueIds)
      .where('action', 'in', ['role.removed', 'certification.expired'])
      .execute();
    const removalsPerRole = new Map<string, number>();
    for (const entry of removals) removalsPerRole.set(entry.target_id!, (removalsPerRole.get(entry.target_id!) ?? 0) + 1);
    expect(removalsPerRole.size).toBe(OVERDUE);
    const distinctActions = new Set(removals.map((entry) => entry.action));
    expect([...removalsPerRole.values()].every((count) => count === distinctActions.size)).toBe(true);

    const emails = await db()
      .selectFrom('outbox')
      .select(['idempotency_key', 'template'])
      .where('channel', '=', 'email')
      .execute();
    const received = new Map<string, number>();
    for (const message of smtp.messages) received.set(message.messageId, (received.get(message.messageId) ?? 0) + 1);
    const duplicates = [...received.values()].filter((count) => count > 1).length;
    expect(duplicates).toBe(0);
    expect(smtp.messages.length).toBe(emails.length);
    for (const email of emails) expect(received.get(`<${email.idempotency_key}@rolecall>`), email.template).toBe(1);
    // One certifier: one reminder digest, and one email listing the roles that expired.
    expect(emails.filter((email) => email.template === 'certification.digest')).toHaveLength(1);
    expect(emails.filter((email) => email.template === 'certification.expired')).toHaveLength(1);

    const webhookMessages = await db().selectFrom('webhook_messages').select('id').execute();
    const deliveries = new Map<string, number>();
    for (const request of receiver.received) {
      const id = request.headers['webhook-id']!;
      deliveries.set(id, (deliveries.get(id) ?? 0) + 1);
    }
    expect(webhookMessages.length).toBeGreaterThanOrEqual(OVERDUE);
    expect([...deliveries.values()].filter((count) => count > 1)).toEqual([]);
    for (const message of webhookMessages) expect(deliveries.get(message.id), message.id).toBe(1);

    console.log(
      `many processes: ${PROCESSES} servers, ${runs.reduce((sum, run) => sum + run.runs, 0)} sweep runs; ` +
        `${OVERDUE} roles removed once each, ${emails.length} emails and ${webhookMessages.length} webhooks sent once each, 0 duplicates`,
    );
  }, 180_000);
});
