import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../server/cli.js';
import { systemActor, type Actor } from '../../server/shared/actor.js';
import { createTestContext, ownConnectionConfig, type TestContext } from '../helpers/test-context.js';
import { testDialects } from '../helpers/test-database.js';

const alice: Actor = {
  kind: 'user',
  userId: '0190aaaa-0000-7000-8000-000000000001',
  ip: '203.0.113.9',
  userAgent: 'test',
  requestId: 'req-1',
};

describe.each(testDialects())('the audit log on %s', (dialect) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ dialect });
  });
  afterAll(async () => t.close());

  const record = (action: string, actor: Actor = alice) =>
    t.ctx.database.transaction((trx) =>
      t.ctx.audit.record(trx, actor, { action, target: { type: 'user', id: 'u-1' }, before: { a: 1 }, after: { a: 2 } }),
    );

  it('writes entries in the caller’s transaction: a rollback leaves no entry', async () => {
    await record('test.kept');
    await expect(
      t.ctx.database.transaction(async (trx) => {
        await t.ctx.audit.record(trx, alice, { action: 'test.rolled_back' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const actions = await t.ctx.database.db.selectFrom('audit_log').select('action').execute();
    expect(actions.map((row) => row.action)).toContain('test.kept');
    expect(actions.map((row) => row.action)).not.toContain('test.rolled_back');
  });

  it('records who, what, from where and when, chained to the entry before', async () => {
    await record('test.second', systemActor);
    const rows = await t.ctx.database.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    const [first, second] = rows.slice(-2);
    expect(first).toMatchObject({ actor_kind: 'user', actor_id: alice.userId, ip: '203.0.113.9', request_id: 'req-1' });
    expect(JSON.parse(first!.before_json!)).toEqual({ a: 1 });
    expect(second).toMatchObject({ actor_kind: 'system', actor_id: null, action: 'test.second' });
    expect(second!.seq).toBe(first!.seq + 1);
    expect(second!.prev_hash).toBe(first!.hash);
    expect(await t.ctx.audit.verify(t.ctx.database.db)).toMatchObject({ ok: true, entries: rows.length });
  });

  it('keeps one unbroken chain when many transactions append at once', async () => {
    // PostgreSQL: two pools, as two server processes would have. SQLite serves one process
    // through one connection, so its writers share it.
    const other = dialect === 'postgres' ? t.testDatabase.connectAgain() : t.ctx.database;
    const writers = Array.from({ length: 40 }, (_, i) =>
      (i % 2 === 0 ? t.ctx.database : other).transaction((trx) =>
        t.ctx.audit.record(trx, alice, { action: `test.concurrent.${i}` }),
      ),
    );
    await Promise.all(writers);
    const result = await t.ctx.audit.verify(t.ctx.database.db);
    expect(result.ok).toBe(true);
    const count = await t.ctx.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(result.entries).toBe(Number(count.n));
  });

  it('keeps the chain unbroken when transactions append several times each, side by side', async () => {
    // A transaction's second append continues from its own first one (it holds the chain's lock
    // until it ends); other transactions waiting meanwhile continue from wherever it left off.
    const other = dialect === 'postgres' ? t.testDatabase.connectAgain() : t.ctx.database;
    const writers = Array.from({ length: 20 }, (_, i) =>
      (i % 2 === 0 ? t.ctx.database : other).transaction(async (trx) => {
        await t.ctx.audit.record(trx, alice, { action: `test.several.${i}.first` });
        await t.ctx.audit.recordMany(trx, alice, [{ action: `test.several.${i}.second` }, { action: `test.several.${i}.third` }]);
        await t.ctx.audit.record(trx, alice, { action: `test.several.${i}.fourth` });
      }),
    );
    await Promise.all(writers);
    expect((await t.ctx.audit.verify(t.ctx.database.db)).ok).toBe(true);
    const rows = await t.ctx.database.db
      .selectFrom('audit_log')
      .select(['seq', 'action'])
      .where('action', 'like', 'test.several.%')
      .orderBy('seq')
      .execute();
    expect(rows).toHaveLength(80);
    // Each transaction's four entries sit together, in the order it wrote them.
    for (let start = 0; start < rows.length; start += 4) {
      const group = rows.slice(start, start + 4);
      const writer = group[0]!.action.split('.')[2];
      expect(group.map((row) => row.action)).toEqual(
        ['first', 'second', 'third', 'fourth'].map((step) => `test.several.${writer}.${step}`),
      );
      expect(group.map((row) => row.seq - group[0]!.seq)).toEqual([0, 1, 2, 3]);
    }
  });

  it('detects a changed entry, and `rolecall audit verify` names it', async () => {
    await record('test.before_tamper');
    const victim = await t.ctx.database.db
      .selectFrom('audit_log')
      .select(['seq', 'id'])
      .where('action', '=', 'test.kept')
      .executeTakeFirstOrThrow();
    await t.ctx.database.db.updateTable('audit_log').set({ after_json: '{"a":999}' }).where('seq', '=', victim.seq).execute();

    const result = await t.ctx.audit.verify(t.ctx.database.db);
    expect(result).toMatchObject({ ok: false, brokenSeq: victim.seq, brokenId: victim.id });

    const lines: string[] = [];
    // The CLI opens its own connection, as an operator's command would.
    const cliConfig = ownConnectionConfig(t);
    const code = await runCli(['audit', 'verify'], cliConfig, (line) => lines.push(line));
    expect(code).toBe(2);
    expect(lines.join('\n')).toContain(`BROKEN at entry #${victim.seq} (id ${victim.id})`);
  });

  it('detects a deleted entry in the middle of the chain', async () => {
    const fresh = await createTestContext({ dialect });
    try {
      for (const action of ['a', 'b', 'c']) {
        await fresh.ctx.database.transaction((trx) => fresh.ctx.audit.record(trx, alice, { action }));
      }
      await fresh.ctx.database.db.deleteFrom('audit_log').where('action', '=', 'b').execute();
      expect(await fresh.ctx.audit.verify(fresh.ctx.database.db)).toMatchObject({ ok: false, brokenSeq: 2, entries: 1 });
    } finally {
      await fresh.close();
    }
  });
});
