import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emailSender, MAX_DELIVERY_ATTEMPTS, OutboxDispatcher } from '../../server/modules/notifications/outbox-dispatcher.js';
import { startSmtpCapture, type SmtpCapture } from '../helpers/smtp-capture.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';

describe.each(testDialects())('email through the outbox on %s', (dialect) => {
  let smtp: SmtpCapture;
  let t: TestContext;
  beforeEach(async () => {
    smtp = await startSmtpCapture();
    t = await createTestContext({ dialect, mailTransport: smtp.transport() });
  });
  afterEach(async () => {
    await t.close();
    await smtp.close();
  });

  const enqueue = (to: string, language: 'en' | 'es' = 'en') =>
    t.ctx.database.transaction((trx) =>
      t.ctx.notifications.enqueueEmail(trx, { to, language, template: 'system.test', params: { sentBy: 'the test suite' } }),
    );

  it('never sends an email whose transaction rolled back', async () => {
    await expect(
      t.ctx.database.transaction(async (trx) => {
        await t.ctx.notifications.enqueueEmail(trx, {
          to: 'ghost@example.test',
          language: 'en',
          template: 'system.test',
          params: { sentBy: 'x' },
        });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await t.ctx.dispatcher.idle();
    await t.ctx.dispatcher.deliverDue();
    expect(smtp.messages).toHaveLength(0);
    const rows = await t.ctx.database.db.selectFrom('outbox').selectAll().execute();
    expect(rows).toHaveLength(0);
  });

  it('delivers a committed email exactly once, after commit, over real SMTP', async () => {
    const id = await enqueue('ana@example.test');
    await t.ctx.dispatcher.idle();
    // Later rounds (the periodic sweep) find nothing more to send.
    await t.ctx.dispatcher.deliverDue();
    await t.ctx.scheduler.runNow('outbox.deliver');
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]).toMatchObject({
      to: ['ana@example.test'],
      subject: 'Rolecall test message',
      messageId: `<${id}@rolecall>`,
    });
    expect(smtp.messages[0]?.raw).toContain('sent by the test suite');
    const row = await t.ctx.database.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'sent', attempts: 1, sent_at: t.clock.now().toISOString() });
  });

  it('writes each message in the recipient’s language', async () => {
    await enqueue('maria@example.test', 'es');
    await t.ctx.dispatcher.idle();
    expect(smtp.messages[0]?.subject).toBe('Mensaje de prueba de Rolecall');
  });

  it('retries a refused delivery with growing backoff, then gives up and keeps the message', async () => {
    smtp.failNext(1);
    const id = await enqueue('retry@example.test');
    await t.ctx.dispatcher.idle();
    expect(smtp.messages).toHaveLength(0);
    let row = await t.ctx.database.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('pending');
    expect(row.last_error).toMatch(/451|Try again later/);
    expect(Date.parse(row.next_attempt_at) - t.clock.now().getTime()).toBe(60_000);

    // Not due yet: nothing happens.
    expect(await t.ctx.dispatcher.deliverDue()).toEqual({ sent: 0, failed: 0 });
    t.clock.advance({ minutes: 1 });
    expect(await t.ctx.dispatcher.deliverDue()).toEqual({ sent: 1, failed: 0 });
    expect(smtp.messages.map((m) => m.to[0])).toEqual(['retry@example.test']);

    smtp.failNext(MAX_DELIVERY_ATTEMPTS);
    const doomed = await enqueue('doomed@example.test');
    await t.ctx.dispatcher.idle();
    for (let attempt = 2; attempt <= MAX_DELIVERY_ATTEMPTS; attempt++) {
      t.clock.advance({ hours: 6 });
      await t.ctx.dispatcher.deliverDue();
    }
    row = await t.ctx.database.db.selectFrom('outbox').selectAll().where('id', '=', doomed).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'failed', attempts: MAX_DELIVERY_ATTEMPTS });
    t.clock.advance({ days: 1 });
    expect(await t.ctx.dispatcher.deliverDue()).toEqual({ sent: 0, failed: 0 });
  });

  it('takes over a message whose delivery was interrupted, once its lease lapses', async () => {
    const id = await enqueue('interrupted@example.test');
    await t.ctx.dispatcher.idle();
    // Make it look as if a process claimed it again and died before sending.
    await t.ctx.database.db
      .updateTable('outbox')
      .set({ status: 'sending', locked_until: new Date(t.clock.now().getTime() + 5 * 60_000).toISOString() })
      .where('id', '=', id)
      .execute();
    expect(await t.ctx.dispatcher.deliverDue()).toEqual({ sent: 0, failed: 0 });
    t.clock.advance({ minutes: 6 });
    expect(await t.ctx.dispatcher.deliverDue()).toEqual({ sent: 1, failed: 0 });
  });

  it('delivers each message once when several dispatchers run at the same time', async () => {
    if (dialect === 'sqlite') {
      // One process owns a SQLite database; its dispatcher rounds never overlap.
      await Promise.all(Array.from({ length: 30 }, (_, i) => enqueue(`crowd${i}@example.test`)));
      await Promise.all([t.ctx.dispatcher.deliverDue(), t.ctx.dispatcher.deliverDue(), t.ctx.dispatcher.idle()]);
    } else {
      // Hold delivery until every message is queued, then let three "processes" race for them.
      await t.ctx.database.transaction(async (trx) => {
        for (let i = 0; i < 30; i++) {
          await t.ctx.notifications.enqueueEmail(trx, {
            to: `crowd${i}@example.test`,
            language: 'en',
            template: 'system.test',
            params: { sentBy: 'x' },
          });
        }
      });
      const dispatchers = [0, 1, 2].map(
        () =>
          new OutboxDispatcher({
            database: t.testDatabase.connectAgain(),
            clock: t.clock,
            channel: 'email',
            send: emailSender(smtp.transport(), t.ctx.config.mailFrom),
            logger: t.ctx.logger,
          }),
      );
      await Promise.all([...dispatchers.map((d) => d.deliverDue()), t.ctx.dispatcher.idle()]);
    }
    await t.ctx.dispatcher.idle();
    const recipients = smtp.messages.map((m) => m.to[0]).sort();
    expect(recipients).toHaveLength(30);
    expect(new Set(recipients).size).toBe(30);
  });
});
