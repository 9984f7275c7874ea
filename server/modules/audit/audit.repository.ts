import type { Kysely, Transaction } from 'kysely';
import type { AuditCheckpointsTable, AuditLogRow, DB } from '../../db/schema.js';

export type AuditCheckpointRow = AuditCheckpointsTable;

export type NewAuditRow = AuditLogRow;

export async function findChainHead(trx: Transaction<DB>): Promise<{ seq: number; hash: string } | undefined> {
  return trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

/** The newest entry's sequence number, hash and action. */
export async function findNewestEntry(db: Kysely<DB>): Promise<{ seq: number; hash: string; action: string } | undefined> {
  return db.selectFrom('audit_log').select(['seq', 'hash', 'action']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

export async function insertCheckpoint(trx: Transaction<DB>, row: AuditCheckpointRow): Promise<void> {
  await trx.insertInto('audit_checkpoints').values(row).execute();
}

export async function findNewestCheckpoint(db: Kysely<DB>): Promise<AuditCheckpointRow | undefined> {
  return db.selectFrom('audit_checkpoints').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

export async function insertAuditRows(trx: Transaction<DB>, rows: NewAuditRow[]): Promise<void> {
  // Bounded batches keep each statement under SQLite's bound-parameter limit.
  for (let start = 0; start < rows.length; start += 500) {
    await trx
      .insertInto('audit_log')
      .values(rows.slice(start, start + 500))
      .execute();
  }
}

/** Entries with seq > `afterSeq`, in chain order. */
export async function listAuditRowsAfter(db: Kysely<DB>, afterSeq: number, limit: number): Promise<AuditLogRow[]> {
  return db.selectFrom('audit_log').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
}

/** What the audit search filters by; every field narrows it. */
export interface AuditFilter {
  actorId?: string;
  action?: string;
  /** One of these actions. */
  actions?: readonly string[];
  targetType?: string;
  targetId?: string;
  applicationId?: string;
  organizationId?: string;
  /** From this instant (inclusive)… */
  from?: string;
  /** …to this one (exclusive). */
  to?: string;
  /** Only entries about one of these applications (the help desk's); undefined: every entry. */
  withinApplicationIds?: readonly string[];
}

/** Entries matching `filter`, newest first, with seq below `beforeSeq`: one keyset page. */
export async function searchAuditRows(
  db: Kysely<DB>,
  filter: AuditFilter,
  page: { beforeSeq?: number; limit: number },
): Promise<AuditLogRow[]> {
  let query = db.selectFrom('audit_log').selectAll();
  if (filter.withinApplicationIds !== undefined) {
    if (filter.withinApplicationIds.length === 0) return [];
    query = query.where('application_id', 'in', filter.withinApplicationIds);
  }
  if (filter.actorId !== undefined) query = query.where('actor_id', '=', filter.actorId);
  if (filter.action !== undefined) query = query.where('action', '=', filter.action);
  if (filter.actions !== undefined) query = query.where('action', 'in', filter.actions);
  if (filter.targetType !== undefined) query = query.where('target_type', '=', filter.targetType);
  if (filter.targetId !== undefined) query = query.where('target_id', '=', filter.targetId);
  if (filter.applicationId !== undefined) query = query.where('application_id', '=', filter.applicationId);
  if (filter.organizationId !== undefined) query = query.where('organization_id', '=', filter.organizationId);
  if (filter.from !== undefined) query = query.where('occurred_at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('occurred_at', '<', filter.to);
  if (page.beforeSeq !== undefined) query = query.where('seq', '<', page.beforeSeq);
  return query.orderBy('seq', 'desc').limit(page.limit).execute();
}

export async function findAuditRow(db: Kysely<DB>, id: string): Promise<AuditLogRow | undefined> {
  return db.selectFrom('audit_log').selectAll().where('id', '=', id).executeTakeFirst();
}
