import type { Kysely, Transaction } from 'kysely';
import type { AuditLogRow, DB } from '../../db/schema.js';

export type NewAuditRow = AuditLogRow;

export async function findChainHead(trx: Transaction<DB>): Promise<{ seq: number; hash: string } | undefined> {
  return trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
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
