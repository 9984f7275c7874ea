import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/modules/catalog/catalog.service.js';
import { systemActor } from '../../server/shared/actor.js';
import { auditEntries, errorOf, signedInAdministrator, signedInUser, type SignedInUser } from '../helpers/accounts.js';
import { addApplicationLikeSpot, createOrganization, grantRole, loadSpot } from '../helpers/organizations.js';
import { createTestApp, type TestApp } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';
import { insertPeople } from './certification-support.js';
import { startReceiver } from '../helpers/webhook-receiver.js';

describe.each(testDialects())('webhooks on %s', (dialect) => {
  let t: TestApp;
  let roles: Record<string, Role>;
  let applicationId: string;
  let admin: SignedInUser;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let subscription: { id: string };
  let verifier: Webhook;
  let organization: { id: string };

  beforeAll(async () => {
    t = await createTestApp({ dialect });
    ({ roles, applicationId } = await loadSpot(t.ctx));
    admin = await signedInAdministrator(t.app, t.ctx, t.clock);
    receiver = await startReceiver();
    organization = await createOrganization(t.ctx, applicationId);
    const created = await admin.client.post('/api/v1/admin/webhooks', {
      applicationCode: 'SPOT',
      url: receiver.url,
      eventTypes: ['role.granted', 'role.removed', 'role.certified', 'certification.expired'],
    });
    expect(created.statusCode, created.body).toBe(201);
    subscription = created.json().subscription;
    expect(created.json().secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    verifier = new Webhook(created.json().secret as string);
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });

  /** Delivers what is due and answers what the receiver got since `from`, each verified as Standard Webhooks. */
  async function deliveredSince(from: number) {
    await t.ctx.webhookDispatcher.deliverDue();
    await t.ctx.webhookDispatcher.idle();
    return receiver.received.slice(from).map((request) => ({
      id: request.headers['webhook-id'],
      event: verifier.verify(request.body, request.headers) as { type: string; timestamp: string; data: Record<string, unknown> },
    }));
  }

  async function person(): Promise<string> {
    const [created] = await insertPeople(t.ctx, 1);
    return created!.id;
  }

  it('is managed by administrators only, with the secret shown once and the address checked', async () => {
    const someone = await signedInUser(t.app, t.ctx, t.clock);
    expect(errorOf(await someone.client.get('/api/v1/admin/webhooks'))).toMatchObject({ status: 403 });
    const listed = (await admin.client.get('/api/v1/admin/webhooks')).json().items as { id: string; secret?: string }[];
    expect(listed.map((item) => item.id)).toContain(subscription.id);
    expect(listed.every((item) => item.secret === undefined)).toBe(true);
    for (const url of [
      'http://example.test/hook',
      'ftp://127.0.0.1/x',
      'https://user:pw@example.test/',
      'https://example.test/#x',
    ]) {
      const refused = await admin.client.post('/api/v1/admin/webhooks', {
        applicationCode: 'SPOT',
        url,
        eventTypes: ['role.granted'],
      });
      expect(errorOf(refused), url).toMatchObject({ status: 400, code: 'webhook.invalid' });
    }
    const unknownEvent = await admin.client.post('/api/v1/admin/webhooks', {
      applicationCode: 'SPOT',
      url: receiver.url,
      eventTypes: ['user.deleted'],
    });
    expect(unknownEvent.statusCode).toBe(400);
    const unknownApplication = await admin.client.post('/api/v1/admin/webhooks', {
      applicationCode: 'NOPE',
      url: receiver.url,
      eventTypes: ['role.granted'],
    });
    expect(errorOf(unknownApplication)).toMatchObject({
      status: 400,
      code: 'webhook.invalid',
      details: { field: 'applicationCode' },
    });
    expect((await auditEntries(t.ctx, 'webhook.subscribed', subscription.id)).length).toBe(1);
  });

  it('tells the application of a role granted, signed so that a Standard Webhooks receiver accepts it', async () => {
    const from = receiver.received.length;
    const holder = await person();
    const granted = await grantRole(t.ctx, holder, roles.end_user!, organization.id);
    const delivered = await deliveredSince(from);
    expect(delivered.map((message) => message.event.type)).toEqual(['role.granted']);
    expect(delivered[0]!.event.data).toEqual({
      assignmentId: granted.id,
      userId: holder,
      role: 'end_user',
      organizationId: organization.id,
      certificationDueAt: granted.certificationDueAt,
    });
    expect(delivered[0]!.id).toMatch(/^msg_[0-9a-f]{32}$/);
    // A body changed on the way is refused by the receiver's check.
    const sent = receiver.received.at(-1)!;
    expect(() => verifier.verify(sent.body.replace('end_user', 'approver'), sent.headers)).toThrow();
  });

  it('retries a delivery the receiver refused, until it is accepted once, and logs each attempt', async () => {
    const holder = await person();
    const granted = await grantRole(t.ctx, holder, roles.end_user!, organization.id);
    await deliveredSince(receiver.received.length);
    const from = receiver.received.length;
    receiver.answers.push(503);
    await t.ctx.assignments.remove(
      { ...systemActor },
      await t.ctx.accounts.getUser(t.ctx.database.db, holder),
      granted.id,
      'Left',
    );
    const refused = await deliveredSince(from);
    expect(refused.map((message) => message.event.type)).toEqual(['role.removed']);
    // Not retried before its time, then retried with the same webhook-id, and accepted.
    expect(await deliveredSince(from + 1)).toEqual([]);
    t.clock.advance({ minutes: 2 });
    const retried = await deliveredSince(from + 1);
    expect(retried.map((message) => message.id)).toEqual([refused[0]!.id]);
    expect(retried[0]!.event.data).toMatchObject({ userId: holder, reason: 'Left' });
    expect(await deliveredSince(from + 2)).toEqual([]);

    const log = await admin.client.get(`/api/v1/admin/webhooks/${subscription.id}/messages?limit=1`);
    expect(log.statusCode, log.body).toBe(200);
    const [message] = log.json().items as { id: string; status: string; attempts: { responseStatus: number }[] }[];
    expect(message).toMatchObject({ id: refused[0]!.id, status: 'delivered' });
    expect(message!.attempts.map((attempt) => attempt.responseStatus)).toEqual([503, 200]);
    expect(log.json().nextCursor).toBe(message!.id);
  });

  it('replays a message with the same webhook-id when an administrator asks', async () => {
    const from = receiver.received.length;
    await grantRole(t.ctx, await person(), roles.end_user!, organization.id);
    const [first] = await deliveredSince(from);
    const beforeReplay = receiver.received.length;
    const replay = await admin.client.post(`/api/v1/admin/webhooks/messages/${first!.id}/replay`);
    expect(replay.statusCode, replay.body).toBe(202);
    const again = await deliveredSince(beforeReplay);
    expect(again).toEqual([first]);
    expect((await auditEntries(t.ctx, 'webhook.replayed', first!.id)).length).toBe(1);

    // Queued again but not yet sent: a second replay would send it twice, so it is refused.
    const messageId = String(first!.id);
    const queued = await t.ctx.database.transaction(async (trx) => {
      await trx.updateTable('webhook_messages').set({ status: 'pending' }).where('id', '=', messageId).execute();
      return trx.selectFrom('outbox').select('id').execute();
    });
    const refused = await admin.client.post(`/api/v1/admin/webhooks/messages/${first!.id}/replay`);
    expect(errorOf(refused)).toMatchObject({ status: 409, code: 'webhook.already_pending' });
    expect(await t.ctx.database.db.selectFrom('outbox').select('id').execute()).toEqual(queued);
    expect((await auditEntries(t.ctx, 'webhook.replayed', first!.id)).length).toBe(1);
    expect(errorOf(await admin.client.post(`/api/v1/admin/webhooks/messages/msg_${'0'.repeat(32)}/replay`))).toMatchObject({
      status: 404,
    });
  });

  it('tells of a certification and of a role removed when its certification expired', async () => {
    // Counted before anything is done: a delivery may start as soon as a change commits.
    const from = receiver.received.length;
    const holder = await person();
    const granted = await grantRole(t.ctx, holder, roles.end_user!, organization.id);
    const expiring = await grantRole(t.ctx, await person(), roles.end_user!, organization.id);
    const at = t.clock.now().toISOString();
    const nextDueAt = new Date(t.clock.now().getTime() + 400 * 86_400_000).toISOString();
    await t.ctx.database.transaction(async (trx) => {
      await t.ctx.assignments.recordCertification(trx, [granted.id], { at, nextDueAt });
      await t.ctx.assignments.removeManyInTransaction(trx, { ...systemActor }, [expiring], {
        kind: 'certification_expired',
        reason: 'Not certified by its due date',
        by: null,
      });
    });
    const events = (await deliveredSince(from)).map((message) => message.event);
    expect(events.map((event) => event.type).sort()).toEqual(
      ['role.granted', 'role.granted', 'role.certified', 'role.removed', 'certification.expired'].sort(),
    );
    expect(events.find((event) => event.type === 'role.certified')!.data).toEqual({
      assignmentId: granted.id,
      userId: holder,
      role: 'end_user',
      organizationId: organization.id,
      certifiedAt: at,
      certificationDueAt: nextDueAt,
    });
    expect(events.find((event) => event.type === 'certification.expired')!.data).toMatchObject({
      assignmentId: expiring.id,
      kind: 'certification_expired',
    });
  });

  it('sends an application only its own events, and only those it subscribed to', async () => {
    await addApplicationLikeSpot(t.ctx, 'OTHER');
    const other = await t.ctx.catalog.getApplication('OTHER');
    const otherOrganization = await createOrganization(t.ctx, other.id);
    const otherReceiver = await startReceiver();
    try {
      const created = await admin.client.post('/api/v1/admin/webhooks', {
        applicationCode: 'OTHER',
        url: otherReceiver.url,
        eventTypes: ['role.removed'],
      });
      expect(created.statusCode).toBe(201);
      const from = receiver.received.length;
      const holder = await person();
      const otherRole = other.roles.find((role) => role.code === 'end_user')!;
      const granted = await grantRole(t.ctx, holder, otherRole, otherOrganization.id);
      await t.ctx.assignments.remove(
        { ...systemActor },
        await t.ctx.accounts.getUser(t.ctx.database.db, holder),
        granted.id,
        'Moved',
      );
      expect(await deliveredSince(from)).toEqual([]);
      expect(otherReceiver.received.map((request) => (JSON.parse(request.body) as { type: string }).type)).toEqual([
        'role.removed',
      ]);

      // Unsubscribed: nothing more is sent to it.
      const removed = await admin.client.delete(`/api/v1/admin/webhooks/${created.json().subscription.id}`);
      expect(removed.statusCode).toBe(204);
      const again = await grantRole(t.ctx, holder, otherRole, otherOrganization.id);
      await t.ctx.assignments.remove(
        { ...systemActor },
        await t.ctx.accounts.getUser(t.ctx.database.db, holder),
        again.id,
        'Moved',
      );
      await deliveredSince(receiver.received.length);
      expect(otherReceiver.received).toHaveLength(1);
    } finally {
      await otherReceiver.close();
    }
  });

  // Last: the clock moves past the dormant-account limit, which disables every account here.
  it('tells each application where a person disabled for dormancy holds a role, once', async () => {
    const disabledReceiver = await startReceiver();
    try {
      const created = await admin.client.post('/api/v1/admin/webhooks', {
        applicationCode: 'SPOT',
        url: disabledReceiver.url,
        eventTypes: ['user.disabled'],
      });
      expect(created.statusCode, created.body).toBe(201);
      const disabledVerifier = new Webhook(created.json().secret as string);
      const holder = await person();
      await grantRole(t.ctx, holder, roles.end_user!, organization.id);
      await grantRole(t.ctx, holder, roles.end_user!, (await createOrganization(t.ctx, applicationId)).id);
      const withoutRole = await person();

      t.clock.advance({ days: t.ctx.config.accounts.dormantDays + 1 });
      await t.ctx.scheduler.runNow('accounts.dormant');
      await t.ctx.webhookDispatcher.deliverDue();
      await t.ctx.webhookDispatcher.idle();

      const events = disabledReceiver.received.map(
        (request) => disabledVerifier.verify(request.body, request.headers) as { type: string; data: { userId: string } },
      );
      expect(events.every((event) => event.type === 'user.disabled')).toBe(true);
      expect(events.filter((event) => event.data.userId === holder).map((event) => event.data)).toEqual([
        { userId: holder, reason: 'dormant' },
      ]);
      expect(events.some((event) => event.data.userId === withoutRole)).toBe(false);
      // Every disabled holder of a SPOT role is told of once, and nobody else.
      const holdersOfSpot = await t.ctx.database.db
        .selectFrom('role_assignments')
        .select('user_id')
        .distinct()
        .where('application_id', '=', applicationId)
        .where('status', '=', 'active')
        .execute();
      expect(events.map((event) => event.data.userId).sort()).toEqual(holdersOfSpot.map((row) => row.user_id).sort());
    } finally {
      await disabledReceiver.close();
    }
  });
});
