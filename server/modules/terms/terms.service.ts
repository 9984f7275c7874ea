import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Database, Reader } from '../../db/database.js';
import { AppError, type Language } from '../../http/errors.js';
import type { Actor, Caller } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { toTimestamp } from '../../shared/time.js';
import type { AuditLog } from '../audit/audit.service.js';
import { mayPublishTerms, mayReadTermsVersions } from './terms.policy.js';

export interface TermsVersion {
  id: string;
  version: number;
  title: string;
  /** The title in Spanish; '' when there is none (the English one is shown). */
  titleEs: string;
  bodyEn: string;
  bodyEs: string;
  publishedAt: string;
}

/** A version as administrators list it: its texts and how many people have accepted it. */
export interface PublishedTerms extends TermsVersion {
  acceptances: number;
}

/** The most versions listed at once, newest first. */
export const TERMS_VERSIONS_LISTED = 50;

export interface TermsService {
  /** The version everyone must have accepted to sign in. */
  current(db: Reader): Promise<TermsVersion>;
  body(terms: TermsVersion, language: Language): string;
  title(terms: TermsVersion, language: Language): string;
  /** Every version published, newest first (at most TERMS_VERSIONS_LISTED). Administrators only. */
  versions(caller: Caller): Promise<PublishedTerms[]>;
  /** Records that a user accepted a version, once per user and version. */
  recordAcceptance(trx: Transaction<DB>, actor: Actor, userId: string, terms: TermsVersion): Promise<void>;
  /** Publishes a new version: everyone accepts it at their next sign-in. Administrators only. */
  publish(
    actor: Actor,
    caller: Caller,
    input: { title: string; titleEs?: string; bodyEn: string; bodyEs: string },
  ): Promise<TermsVersion>;
}

export function createTermsService(deps: { database: Database; clock: Clock; audit: AuditLog }): TermsService {
  async function current(db: Reader): Promise<TermsVersion> {
    const row = await db.selectFrom('terms_versions').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirst();
    // A migration publishes version 1, so there is always one.
    if (!row) throw new Error('No terms and conditions are published');
    return {
      id: row.id,
      version: row.version,
      title: row.title,
      titleEs: row.title_es,
      bodyEn: row.body_en,
      bodyEs: row.body_es,
      publishedAt: row.published_at,
    };
  }

  return {
    current,
    body: (terms, language) => (language === 'es' ? terms.bodyEs : terms.bodyEn),
    title: (terms, language) => (language === 'es' && terms.titleEs ? terms.titleEs : terms.title),

    async versions(caller) {
      if (!mayReadTermsVersions(caller)) throw new AppError('auth.forbidden');
      const db = deps.database.db;
      const rows = await db
        .selectFrom('terms_versions')
        .selectAll()
        .orderBy('version', 'desc')
        .limit(TERMS_VERSIONS_LISTED)
        .execute();
      const counts =
        rows.length === 0
          ? []
          : await db
              .selectFrom('terms_acceptances')
              .select(['terms_version_id', (eb) => eb.fn.countAll<number | string>().as('count')])
              .where(
                'terms_version_id',
                'in',
                rows.map((row) => row.id),
              )
              .groupBy('terms_version_id')
              .execute();
      const accepted = new Map(counts.map((row) => [row.terms_version_id, Number(row.count)]));
      return rows.map((row) => ({
        id: row.id,
        version: row.version,
        title: row.title,
        titleEs: row.title_es,
        bodyEn: row.body_en,
        bodyEs: row.body_es,
        publishedAt: row.published_at,
        acceptances: accepted.get(row.id) ?? 0,
      }));
    },

    async recordAcceptance(trx, actor, userId, terms) {
      const already = await trx
        .selectFrom('terms_acceptances')
        .select('id')
        .where('user_id', '=', userId)
        .where('terms_version_id', '=', terms.id)
        .executeTakeFirst();
      if (already) return;
      const now = deps.clock.now();
      const id = newId(now);
      await trx
        .insertInto('terms_acceptances')
        .values({
          id,
          user_id: userId,
          terms_version_id: terms.id,
          accepted_at: toTimestamp(now),
          ip: actor.ip ?? null,
          user_agent: actor.userAgent ?? null,
        })
        .execute();
      await deps.audit.record(
        trx,
        { ...actor, userId },
        {
          action: 'terms.accepted',
          target: { type: 'user', id: userId },
          after: { termsVersion: terms.version },
        },
      );
    },

    async publish(actor, caller, input) {
      if (!mayPublishTerms(caller)) throw new AppError('auth.forbidden');
      return deps.database.transaction(async (trx) => {
        const latest = await current(trx);
        const now = deps.clock.now();
        const terms: TermsVersion = {
          id: newId(now),
          version: latest.version + 1,
          title: input.title,
          titleEs: input.titleEs?.trim() ?? '',
          bodyEn: input.bodyEn,
          bodyEs: input.bodyEs,
          publishedAt: toTimestamp(now),
        };
        await trx
          .insertInto('terms_versions')
          .values({
            id: terms.id,
            version: terms.version,
            title: terms.title,
            title_es: terms.titleEs,
            body_en: terms.bodyEn,
            body_es: terms.bodyEs,
            published_at: terms.publishedAt,
            published_by: actor.userId ?? null,
          })
          .execute();
        await deps.audit.record(trx, actor, {
          action: 'terms.published',
          target: { type: 'terms_version', id: terms.id },
          after: { version: terms.version, title: terms.title },
        });
        return terms;
      });
    },
  };
}
