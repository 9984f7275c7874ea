import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditLogRow } from '../../server/db/schema.js';
import { newId } from '../../server/shared/ids.js';
import { signedInAdministrator, type SignedInUser } from '../helpers/accounts.js';
import { testDialects } from '../helpers/test-database.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const ENTRIES = 100_000;

// A full collection on demand, without starting the test process with --expose-gc.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/*
 * The audit export streams: a hundred thousand entries go out a page at a time, and the server's
 * memory stays flat while they do. The server runs in this process, so its heap is this one's;
 * the export is read over real HTTP and thrown away as it arrives, and the live heap (after a full
 * collection) is read every 2 MB. Were the export built in memory first, the live heap would grow
 * by more than the export's size (the rows, their objects and the text); streamed, it grows by a
 * page's worth.
 */
describe.each(testDialects())('exporting the audit log on %s', (dialect) => {
  let server: TestServer;
  let admin: SignedInUser;

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    admin = await signedInAdministrator(server.app, server.ctx, server.clock);
    // Entries after the real ones, written directly: the export reads them, nothing verifies them.
    const head = await server.ctx.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirstOrThrow();
    const first = Number(head.seq ?? 0) + 1;
    const at = server.clock.now().toISOString();
    for (let start = 0; start < ENTRIES; start += 500) {
      const rows: AuditLogRow[] = [];
      for (let index = start; index < Math.min(start + 500, ENTRIES); index++) {
        rows.push({
          seq: first + index,
          id: newId(),
          occurred_at: at,
          actor_kind: 'system',
          actor_id: null,
          action: 'role.granted',
          target_type: 'role_assignment',
          target_id: newId(),
          before_json: null,
          after_json: JSON.stringify({ roleId: newId(), organizationId: newId(), certificationDueAt: at }),
          ip: null,
          user_agent: null,
          request_id: null,
          application_id: null,
          organization_id: null,
          prev_hash: '0'.repeat(64),
          hash: '0'.repeat(64),
        });
      }
      await server.ctx.database.db.insertInto('audit_log').values(rows).execute();
    }
  }, 180_000);
  afterAll(async () => server.close());

  it(`streams ${ENTRIES.toLocaleString('en-US')} entries with the heap flat`, { timeout: 180_000 }, async () => {
    // The live heap, not the garbage a collection would free: measured after a full collection.
    const liveHeap = () => {
      collectGarbage();
      return process.memoryUsage().heapUsed;
    };
    const before = liveHeap();
    let peak = before;
    let bytes = 0;
    let lines = 0;
    let measuredAt = 0;
    const response = await fetch(`${server.url}/api/v1/audit/export?format=jsonl&action=role.granted`, {
      headers: { cookie: `rolecall_session=${admin.client.cookie('rolecall_session')}` },
    });
    expect(response.status).toBe(200);
    const decoder = new TextDecoder();
    for await (const chunk of response.body!) {
      bytes += chunk.byteLength;
      lines += decoder.decode(chunk, { stream: true }).split('\n').length - 1;
      // Every 2 MB received, while the server is in the middle of sending.
      if (bytes - measuredAt >= 2_000_000) {
        measuredAt = bytes;
        peak = Math.max(peak, liveHeap());
      }
    }
    const growth = peak - before;
    console.log(
      `audit export on ${dialect}: ${lines.toLocaleString('en-US')} entries, ${(bytes / 1e6).toFixed(1)} MB sent, ` +
        `live heap at most ${(growth / 1e6).toFixed(1)} MB above where it started`,
    );
    expect(lines).toBeGreaterThanOrEqual(ENTRIES);
    // Streamed, the heap holds a page or two of entries; built first, it would hold them all.
    expect(growth).toBeLessThan(bytes / 2);
  });
});
