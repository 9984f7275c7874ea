import type { Reader } from '../../db/database.js';
import { lockForTransaction } from '../../db/dialect.js';
import { AppError } from '../../http/errors.js';
import { mayPublishAcknowledgement } from './certification.policy.js';
import { newId } from '../../shared/ids.js';
import { toTimestamp } from '../../shared/time.js';
import {
  findCurrentAcknowledgement,
  insertAcknowledgement,
  listAcknowledgements,
  type AcknowledgementVersion,
} from './acknowledgement.repository.js';
import type { CertificationDeps, CertificationService } from './certification.service.js';

/*
 * The "I acknowledge" text certifiers accept: the current version, in the caller's language, and
 * a new version published by an administrator. Every decision names the version it acknowledged.
 */

/** The most acknowledgement versions listed at once, newest first. */
export const ACKNOWLEDGEMENT_VERSIONS_LISTED = 50;

export function createAcknowledgements(
  deps: Pick<CertificationDeps, 'database' | 'clock' | 'audit'>,
): Pick<CertificationService, 'acknowledgement' | 'acknowledgementText' | 'acknowledgementVersions' | 'publishAcknowledgement'> {
  const { database, clock, audit } = deps;

  async function acknowledgement(db: Reader): Promise<AcknowledgementVersion> {
    const current = await findCurrentAcknowledgement(db);
    // A migration publishes version 1, so there is always one.
    if (!current) throw new Error('No certification acknowledgement is published');
    return current;
  }

  return {
    acknowledgement,
    acknowledgementText: (version, language) => (language === 'es' ? version.textEs : version.textEn),

    async acknowledgementVersions(caller) {
      if (!mayPublishAcknowledgement(caller)) throw new AppError('auth.forbidden');
      return listAcknowledgements(database.db, ACKNOWLEDGEMENT_VERSIONS_LISTED);
    },

    async publishAcknowledgement(actor, caller, input) {
      if (!mayPublishAcknowledgement(caller)) throw new AppError('auth.forbidden');
      const textEn = input.textEn.trim();
      const textEs = input.textEs.trim();
      if (textEn === '') throw new AppError('request.invalid', { field: 'textEn' });
      if (textEs === '') throw new AppError('request.invalid', { field: 'textEs' });
      return database.transaction(async (trx) => {
        // Two administrators publishing at once get consecutive versions.
        await lockForTransaction(database.kind, trx, 'acknowledgement_versions');
        const previous = await acknowledgement(trx);
        const now = clock.now();
        const published: AcknowledgementVersion = {
          version: previous.version + 1,
          textEn,
          textEs,
          publishedAt: toTimestamp(now),
        };
        await insertAcknowledgement(trx, newId(now), published);
        await audit.record(trx, actor, {
          action: 'certification.acknowledgement_published',
          target: { type: 'acknowledgement_version', id: String(published.version) },
          before: { version: previous.version },
          after: { version: published.version, textEn, textEs },
        });
        return published;
      });
    },
  };
}
