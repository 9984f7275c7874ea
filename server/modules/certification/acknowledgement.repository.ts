import type { Transaction } from 'kysely';
import type { Reader } from '../../db/database.js';
import type { DB } from '../../db/schema.js';

/* The versioned "I acknowledge" texts certifiers accept: the current one, and a new version. */

export interface AcknowledgementVersion {
  version: number;
  textEn: string;
  textEs: string;
  publishedAt: string;
}

export async function findCurrentAcknowledgement(db: Reader): Promise<AcknowledgementVersion | undefined> {
  const row = await db.selectFrom('acknowledgement_versions').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirst();
  return row && { version: row.version, textEn: row.text_en, textEs: row.text_es, publishedAt: row.published_at };
}

export async function insertAcknowledgement(trx: Transaction<DB>, id: string, version: AcknowledgementVersion): Promise<void> {
  await trx
    .insertInto('acknowledgement_versions')
    .values({
      id,
      version: version.version,
      text_en: version.textEn,
      text_es: version.textEs,
      published_at: version.publishedAt,
    })
    .execute();
}

/** The versions published, newest first, at most `limit`. */
export async function listAcknowledgements(db: Reader, limit: number): Promise<AcknowledgementVersion[]> {
  const rows = await db.selectFrom('acknowledgement_versions').selectAll().orderBy('version', 'desc').limit(limit).execute();
  return rows.map((row) => ({ version: row.version, textEn: row.text_en, textEs: row.text_es, publishedAt: row.published_at }));
}
