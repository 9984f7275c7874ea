import { sql } from 'kysely';
import type { AppContext } from '../../server/context.js';
import type { Database } from '../../server/db/database.js';
import { createCertificationSweep } from '../../server/modules/certification/certification-sweep.js';
import { expiredBefore } from '../../server/modules/certification/due-dates.js';
import { toTimestamp } from '../../server/shared/time.js';
import type { DatabaseKind } from '../lib/data.js';
import type { HttpSession } from '../lib/http-session.js';
import { milliseconds, type Measurement } from '../lib/report.js';

const TIME_TARGET = { kind: 'at-most', value: 3 } as const;
/** Ids per statement when ids are listed: within SQLite's bound-parameter limit. */
const CHUNK = 5_000;

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let start = 0; start < items.length; start += size) parts.push(items.slice(start, start + size));
  return parts;
}

/** Up to `wanted` items the certifier may certify now and that are not yet overdue. */
async function certifiableIds(session: HttpSession, wanted: number): Promise<string[]> {
  const ids: string[] = [];
  const now = Date.now();
  let cursor: string | null = null;
  do {
    const path: string = `/api/v1/certifications?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = await session.ok<{
      items: { assignmentId: string; dueAt: string; allowedActions: string[] }[];
      nextCursor: string | null;
    }>('GET', path);
    for (const item of page.items) {
      if (item.allowedActions.includes('certify') && Date.parse(item.dueAt) > now) ids.push(item.assignmentId);
    }
    cursor = page.nextCursor;
  } while (cursor && ids.length < wanted);
  return ids.slice(0, wanted);
}

/**
 * Bulk certification of up to 10,000 items in one request, against the bare UPDATE of the same
 * rows (run before and after it, committed; the faster is the baseline). The rows the first bare
 * UPDATE changed are put back before the request.
 */
export async function measureBulkCertify(
  database: Database,
  kind: DatabaseKind,
  approver: HttpSession,
  wanted: number,
  log: (line: string) => void,
): Promise<Measurement> {
  const ids = await certifiableIds(approver, wanted);
  if (ids.length < Math.min(wanted, 100)) throw new Error(`only ${ids.length} certifiable items: the data is too small`);
  const db = database.db;
  const saved: { id: string; last_certified_at: string | null; certification_due_at: string | null; updated_at: string }[] = [];
  for (const part of chunks(ids, CHUNK)) {
    saved.push(
      ...(await db
        .selectFrom('role_assignments')
        .select(['id', 'last_certified_at', 'certification_due_at', 'updated_at'])
        .where('id', 'in', part)
        .execute()),
    );
  }
  const bareUpdate = () =>
    database.transaction(async (trx) => {
      const at = new Date();
      const next = new Date(at.getTime() + 365 * 86_400_000);
      for (const part of chunks(ids, CHUNK)) {
        await trx
          .updateTable('role_assignments')
          .set((eb) => ({
            last_certified_at: toTimestamp(at),
            certification_due_at: toTimestamp(next),
            version: eb('version', '+', 1),
            updated_at: toTimestamp(at),
          }))
          .where('id', 'in', part)
          .where('status', '=', 'active')
          .execute();
      }
    });
  const bareBefore = await timed(bareUpdate);
  await database.transaction(async (trx) => {
    for (const row of saved) {
      await trx
        .updateTable('role_assignments')
        .set({
          last_certified_at: row.last_certified_at,
          certification_due_at: row.certification_due_at,
          updated_at: row.updated_at,
        })
        .where('id', '=', row.id)
        .execute();
    }
  });

  const { version } = await approver.ok<{ version: number }>('GET', '/api/v1/certifications/acknowledgement');
  let count = 0;
  const request = await timed(async () => {
    const answer = await approver.ok<{ count: number }>('POST', '/api/v1/certifications/decisions', {
      outcome: 'certify',
      acknowledged: true,
      acknowledgementVersion: version,
      assignmentIds: ids,
    });
    count = answer.count;
  });
  if (count !== ids.length) throw new Error(`bulk certification certified ${count} of ${ids.length}`);
  const bareAfter = await timed(bareUpdate);
  const bare = Math.min(bareBefore, bareAfter);
  const ratio = request / bare;
  log(`  bulk certify ${ids.length}: ${milliseconds(request)} vs bare UPDATE ${milliseconds(bare)}: ${ratio.toFixed(2)}×`);
  return {
    id: 'bulk-certify',
    name: `bulk certify ${ids.length.toLocaleString('en-US')} items, one request`,
    database: kind,
    ratioOf: 'bare UPDATE time',
    ratio,
    target: TIME_TARGET,
    detail: `request ${milliseconds(request)}; bare UPDATE ${milliseconds(bareBefore)} before, ${milliseconds(bareAfter)} after`,
  };
}

/**
 * The certification expiry sweep (removal, decision rows, audit entries, emails) against the
 * bare UPDATE that marks the same rows removed: run once before the sweep (then undone) and once
 * after it on the rows it removed; the faster is the baseline.
 */
export async function measureExpirySweep(ctx: AppContext, kind: DatabaseKind, log: (line: string) => void): Promise<Measurement> {
  const { database } = ctx;
  const db = database.db;
  const cutoff = toTimestamp(expiredBefore(ctx.clock.now(), ctx.config.timeZone));
  const overdue = (
    await db
      .selectFrom('role_assignments')
      .select('id')
      .where('status', '=', 'active')
      .where('certification_due_at', '<', cutoff)
      .execute()
  ).map((row) => row.id);
  if (overdue.length === 0) throw new Error('nothing is overdue: the data does not exercise the sweep');

  const bareUpdate = (status: 'active' | 'removed') =>
    timed(() =>
      database.transaction(async (trx) => {
        const at = toTimestamp(new Date());
        await trx
          .updateTable('role_assignments')
          .set((eb) => ({
            status: 'removed',
            removed_at: at,
            removed_by: null,
            removal_kind: 'certification_expired',
            removal_reason: 'certification expired',
            version: eb('version', '+', 1),
            updated_at: at,
          }))
          .where('status', '=', status)
          .where('certification_due_at', '<', cutoff)
          .$if(status === 'removed', (query) => query.where('removal_kind', '=', 'certification_expired'))
          .execute();
      }),
    );
  const bareBefore = await bareUpdate('active');
  await database.transaction(async (trx) => {
    for (const part of chunks(overdue, CHUNK)) {
      await trx
        .updateTable('role_assignments')
        .set({ status: 'active', removed_at: null, removed_by: null, removal_kind: null, removal_reason: null })
        .where('id', 'in', part)
        .execute();
    }
  });
  if (kind === 'postgres') await sql`analyze role_assignments`.execute(db);

  const sweep = createCertificationSweep(ctx);
  let expired = 0;
  const sweepMs = await timed(async () => {
    expired = await sweep.expireOverdue();
  });
  if (expired !== overdue.length) throw new Error(`the sweep removed ${expired} of ${overdue.length} overdue roles`);
  const bareAfter = await bareUpdate('removed');
  const bare = Math.min(bareBefore, bareAfter);
  const ratio = sweepMs / bare;
  log(`  expiry sweep ${overdue.length}: ${milliseconds(sweepMs)} vs bare UPDATE ${milliseconds(bare)}: ${ratio.toFixed(2)}×`);
  return {
    id: 'expiry-sweep',
    name: `expiry sweep, ${overdue.length.toLocaleString('en-US')} overdue`,
    database: kind,
    ratioOf: 'bare UPDATE time',
    ratio,
    target: TIME_TARGET,
    detail: `sweep ${milliseconds(sweepMs)}; bare UPDATE ${milliseconds(bareBefore)} before, ${milliseconds(bareAfter)} after`,
  };
}
