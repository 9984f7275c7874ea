import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../server/cli.js';
import type { AuditVerification } from '../../server/modules/audit/audit.service.js';
import { systemActor } from '../../server/shared/actor.js';
import { createTestContext, ownConnectionConfig, type TestContext } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';

const ROLLED_BACK = new Error('rolled back on purpose');

describe.each(testDialects())('audit checkpoints on %s', (dialect) => {
  let t: TestContext;
  let signed: { seq: number; hash: string };

  beforeAll(async () => {
    t = await createTestContext({ dialect });
    await t.ctx.database.transaction((trx) =>
      t.ctx.audit.recordMany(
        trx,
        systemActor,
        Array.from({ length: 150 }, (_, index) => ({ action: 'test.entry', after: { index } })),
      ),
    );
    const head = await t.ctx.database.transaction((trx) => t.ctx.audit.writeCheckpoint(trx));
    signed = head!;
  });
  afterAll(async () => t.close());

  /** Verification after some change, in a transaction undone afterwards, so each case starts whole. */
  async function verifiedAfter(
    change: (trx: Parameters<Parameters<typeof t.ctx.database.transaction>[0]>[0]) => Promise<unknown>,
  ) {
    let result: AuditVerification | undefined;
    await expect(
      t.ctx.database.transaction(async (trx) => {
        await change(trx);
        result = await t.ctx.audit.verify(trx);
        throw ROLLED_BACK;
      }),
    ).rejects.toBe(ROLLED_BACK);
    return result!;
  }

  it('signs the head and records the checkpoint in the log, once until something new is written', async () => {
    expect(signed.seq).toBe(151);
    const checkpoints = await t.ctx.database.db.selectFrom('audit_checkpoints').selectAll().execute();
    expect(checkpoints).toHaveLength(1);
    expect(checkpoints[0]).toMatchObject({ hash: signed.hash });
    expect(Number(checkpoints[0]!.seq)).toBe(151);
    const newest = await t.ctx.database.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(newest).toMatchObject({ action: 'audit.checkpoint', seq: 151, hash: signed.hash });
    const before = await t.ctx.database.db
      .selectFrom('audit_log')
      .select('hash')
      .where('seq', '=', 150)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(newest.after_json!)).toEqual({ seq: 150, hash: before.hash });
    // Nothing new since: no second checkpoint (it would only sign the checkpoint entry).
    expect(await t.ctx.database.transaction((trx) => t.ctx.audit.writeCheckpoint(trx))).toBeUndefined();
    expect(await t.ctx.audit.verify(t.ctx.database.db)).toMatchObject({
      ok: true,
      entries: 151,
      head: { seq: 151, hash: newest.hash },
      checkpoint: { seq: 151 },
    });
  });

  it.each([1, 100])('detects the newest %i entries deleted past the checkpoint', async (count) => {
    const result = await verifiedAfter((trx) =>
      trx
        .deleteFrom('audit_log')
        .where('seq', '>', 151 - count)
        .execute(),
    );
    expect(result).toMatchObject({ ok: false, entries: 151 - count, brokenSeq: 151, head: { seq: 151 - count } });
    expect(result.ok === false && result.reason).toContain('entries were removed from its end');
  });

  it('detects every entry deleted', async () => {
    const result = await verifiedAfter((trx) => trx.deleteFrom('audit_log').execute());
    expect(result).toMatchObject({ ok: false, entries: 0, head: null, checkpoint: { seq: 151 } });
  });

  it('detects a checkpoint made up or moved without the key', async () => {
    const moved = await verifiedAfter(async (trx) => {
      await trx.deleteFrom('audit_log').where('seq', '>', 100).execute();
      await trx.updateTable('audit_checkpoints').set({ seq: 100 }).execute();
    });
    expect(moved.ok === false && moved.reason).toContain('signature');
    const rehashed = await verifiedAfter((trx) =>
      trx
        .updateTable('audit_checkpoints')
        .set({ hash: 'f'.repeat(64) })
        .execute(),
    );
    expect(rehashed.ok === false && rehashed.reason).toContain('signature');
  });

  it('prints the head it saw, for the operator to compare with one kept elsewhere', async () => {
    const lines: string[] = [];
    expect(await runCli(['audit', 'verify'], ownConnectionConfig(t), (line) => lines.push(line))).toBe(0);
    const head = await t.ctx.database.db
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(lines).toContain(`Head: entry #${head.seq}, hash ${head.hash}`);
    expect(lines.join('\n')).toContain('Newest checkpoint: entry #151, signed');
  });

  it('writes checkpoints as a sweep of every server process', async () => {
    await t.ctx.database.transaction((trx) => t.ctx.audit.record(trx, systemActor, { action: 'test.after' }));
    expect(await t.ctx.scheduler.runNow('audit.checkpoint')).toMatchObject({ ran: true, result: { seq: 153 } });
    expect(await t.ctx.audit.verify(t.ctx.database.db)).toMatchObject({ ok: true, checkpoint: { seq: 153 } });
  });
});
