import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../server/config/config.js';
import { runCli } from '../../server/cli.js';
import { createContext } from '../../server/context.js';
import { systemActor } from '../../server/shared/actor.js';
import { createTestContext, ownConnectionConfig, type TestContext } from '../helpers/test-context.js';
import { testDialects, withAdminClient } from '../helpers/test-database.js';

describe.each(testDialects())('backup and restore on %s', (dialect) => {
  let t: TestContext;
  const directory = mkdtempSync(join(tmpdir(), 'rolecall-backup-'));
  const backupFile = join(directory, 'rolecall.backup');
  /** Where the backup is restored: a new SQLite file, or a new PostgreSQL database. */
  let restoredConfig: Config;
  let restoredDatabaseName: string | undefined;
  let headAtBackup: { seq: number; hash: string };

  const cli = async (args: string[], config: Config) => {
    const lines: string[] = [];
    const code = await runCli(
      args,
      config,
      (line) => lines.push(line),
      (line) => lines.push(line),
    );
    return { code, output: lines.join('\n') };
  };

  beforeAll(async () => {
    t = await createTestContext({ dialect });
    await t.ctx.accounts.createAdministrator(
      { ...systemActor },
      { userId: 'backup.admin', email: 'backup.admin@example.test', firstName: 'Ada', lastName: 'Lovelace' },
    );
    await t.ctx.database.transaction((trx) =>
      t.ctx.audit.recordMany(
        trx,
        systemActor,
        Array.from({ length: 50 }, (_, index) => ({ action: 'test.before_backup', after: { index } })),
      ),
    );
    headAtBackup = (await t.ctx.database.transaction((trx) => t.ctx.audit.writeCheckpoint(trx)))!;
    const own = ownConnectionConfig(t);
    if (dialect === 'sqlite') {
      restoredConfig = { ...own, database: { kind: 'sqlite', file: join(directory, 'restored.db') } };
    } else {
      restoredDatabaseName = `rolecall_restore_${randomBytes(5).toString('hex')}`;
      await withAdminClient((client) => client.query(`create database ${restoredDatabaseName}`));
      if (own.database.kind !== 'postgres') throw new Error('expected PostgreSQL');
      const url = new URL(own.database.url);
      url.pathname = `/${restoredDatabaseName}`;
      restoredConfig = { ...own, database: { ...own.database, url: url.toString() } };
    }
  });
  afterAll(async () => {
    await t.close();
    if (restoredDatabaseName) await withAdminClient((client) => client.query(`drop database if exists ${restoredDatabaseName}`));
  });

  it('backs up while the database is in use, readable by its maker only, and restores the copy elsewhere with its audit chain verifying', async () => {
    const backup = await cli(['backup', '--to', backupFile], ownConnectionConfig(t));
    expect(backup, backup.output).toMatchObject({ code: 0 });
    // It holds every account: no one but the user who made it may read it.
    expect(statSync(backupFile).mode & 0o777).toBe(0o600);
    // Written after the backup: not in it.
    await t.ctx.database.transaction((trx) => t.ctx.audit.record(trx, systemActor, { action: 'test.after_backup' }));

    const restore = await cli(['restore', '--from', backupFile], restoredConfig);
    expect(restore, restore.output).toMatchObject({ code: 0 });
    expect(restore.output).toContain(`Head: entry #${headAtBackup.seq}, hash ${headAtBackup.hash}`);

    const restored = createContext(restoredConfig);
    try {
      expect(await restored.audit.verify(restored.database.db)).toMatchObject({
        ok: true,
        entries: headAtBackup.seq,
        checkpoint: { seq: headAtBackup.seq },
      });
      expect((await restored.accounts.findByUserId('backup.admin'))?.email).toBe('backup.admin@example.test');
      const after = await restored.database.db
        .selectFrom('audit_log')
        .select('seq')
        .where('action', '=', 'test.after_backup')
        .execute();
      expect(after).toEqual([]);
    } finally {
      await restored.close();
    }
  });

  it('never overwrites a file, and refuses to restore what is not a backup, changing nothing', async () => {
    expect(existsSync(backupFile)).toBe(true);
    const again = await cli(['backup', '--to', backupFile], ownConnectionConfig(t));
    expect(again.code).toBe(1);
    expect(again.output).toContain('exists already');

    const notABackup = join(directory, 'not-a-backup');
    writeFileSync(notABackup, 'these are not the pages of a database');
    const refused = await cli(['restore', '--from', notABackup], restoredConfig);
    expect(refused.code).toBe(1);
    const restored = createContext(restoredConfig);
    try {
      expect(await restored.audit.verify(restored.database.db)).toMatchObject({ ok: true, entries: headAtBackup.seq });
    } finally {
      await restored.close();
    }
  });
});
