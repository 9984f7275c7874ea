import type { Database } from '../../db/database.js';
import { systemActor } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { localized, localizedName, type Localized } from '../../shared/localized.js';
import { calendarDateIn, toTimestamp } from '../../shared/time.js';
import type { AssignmentsService } from '../assignments/assignments.service.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { Notifications } from '../notifications/notifications.service.js';
import type { CatalogIndex, CertificationService } from './certification.service.js';
import { insertDecisions } from './decisions.repository.js';
import type { DueAssignment } from './due-items.repository.js';
import type { DueItem } from './due-items.js';
import {
  calendarDaysBetween,
  dueDayOf,
  expiredBefore,
  REMINDER_THRESHOLDS,
  thresholdRange,
  type ReminderThreshold,
} from './due-dates.js';
import {
  insertReminders,
  listDigested,
  listExpiredIds,
  listRecordedReminders,
  listUnreminded,
  lockExpired,
  recordDigest,
} from './sweep.repository.js';

/*
 * Roles removed per transaction. Each transaction's commit costs about as much as a few hundred
 * removals (SQLite checkpoints its log, PostgreSQL flushes it), so batches are large; a batch
 * holds its locks for well under a second.
 */
const EXPIRY_BATCH = 1000;
/** The reason kept with a role the sweep removes. */
const EXPIRED_REASON = 'certification expired';

/** A catalog entry's name in both languages; none for one the catalog no longer has. */
function nameOf(item: { name: string; nameEs: string } | undefined): Localized {
  return item ? localizedName(item) : localized('', '');
}

/** Reminders a run handles at most; the rest wait for the next run. */
const MAX_REMINDERS_PER_RUN = 20_000;
/** Items listed in one email; the rest are counted ("and 12 more"). */
const ITEMS_PER_EMAIL = 50;
const HOLDER_NOTICE_DAYS = 14;
const HELP_DESK_NOTICE_DAYS = 7;

export interface CertificationSweepReport {
  expired: number;
  reminded: number;
  digests: number;
  holderNotices: number;
  helpDeskNotices: number;
}

/**
 * The certification sweep. First expiry: an active role whose due day has ended (in the
 * program's time zone) is removed once, with an `expired` decision row (the unique index on
 * assignment and due date makes that once), the holder and the certifiers emailed; a batch is one
 * transaction. Then reminders: items that crossed 60, 30, 14, 7 or 1 days before due go into one
 * digest per certifier per day; at 14 days the holder is told, at 7 the help desk. Each threshold
 * is recorded once per assignment and due date, so each notice goes out once.
 */
export interface CertificationSweep {
  (): Promise<CertificationSweepReport>;
  /** The expiry step alone: the benchmarks compare it with a bare UPDATE of the same rows. */
  expireOverdue(): Promise<number>;
}

export function createCertificationSweep(deps: {
  config: { timeZone: string; publicUrl: string };
  database: Database;
  clock: Clock;
  audit: AuditLog;
  notifications: Notifications;
  assignments: AssignmentsService;
  certification: CertificationService;
}): CertificationSweep {
  const { database, clock, config } = deps;
  const link = `${config.publicUrl.replace(/\/$/, '')}/certifications`;

  function describe(catalog: CatalogIndex, organizations: Map<string, { legalName: string }>, item: DueItem) {
    return {
      holderName: `${item.holder.firstName} ${item.holder.lastName} (${item.holder.userId})`,
      roleName: nameOf(catalog.role(item.assignment.roleId)),
      applicationName: nameOf(catalog.application(item.assignment.applicationId)),
      organizationName: organizations.get(item.assignment.organizationId)?.legalName ?? '',
      dueDay: dueDayOf(item.dueAt, config.timeZone),
    };
  }

  async function expire(report: CertificationSweepReport): Promise<void> {
    const cutoff = toTimestamp(expiredBefore(clock.now(), config.timeZone));
    for (;;) {
      const ids = await listExpiredIds(database.db, cutoff, EXPIRY_BATCH);
      if (ids.length === 0) return;
      const removed = await database.transaction(async (trx) => {
        // Locked in id order, as bulk certification locks them: a certification that got there
        // first has moved the due date, and the row no longer qualifies.
        const items = await deps.certification.withHolders(trx, await lockExpired(trx, database.kind, ids, cutoff));
        if (items.length === 0) return 0;
        const catalog = await deps.certification.catalogIndex(trx);
        // Who certified them, found before removing: removing an approver changes who that is.
        const certifiers = await deps.certification.certifiersFor(trx, catalog, items);
        const organizations = await deps.certification.organizationsOnFile(
          trx,
          items.map((item) => item.assignment.organizationId),
        );
        const now = clock.now();
        const at = toTimestamp(now);
        const inserted = await insertDecisions(
          trx,
          items.map((item) => ({
            id: newId(now),
            assignmentId: item.assignment.id,
            applicationId: item.assignment.applicationId,
            organizationId: item.assignment.organizationId,
            roleId: item.assignment.roleId,
            holderId: item.holder.id,
            certifierId: null,
            outcome: 'expired' as const,
            acknowledgementVersion: null,
            dueAt: item.dueAt,
            nextDueAt: null,
            decidedAt: at,
          })),
        );
        // Removed in one set-based step; the holders are emailed by the removal ("certification expired").
        const removedIds = await deps.assignments.removeManyInTransaction(
          trx,
          systemActor,
          items.filter((item) => inserted.has(item.assignment.id)).map((item) => item.assignment),
          { kind: 'certification_expired', reason: EXPIRED_REASON, by: null },
        );
        const expired: DueItem[] = items.filter((item) => removedIds.has(item.assignment.id));
        await deps.audit.recordMany(
          trx,
          systemActor,
          expired.map((item) => ({
            action: 'certification.expired',
            target: { type: 'role_assignment', id: item.assignment.id },
            before: { status: 'active', certificationDueAt: item.dueAt },
            after: {
              status: 'removed',
              holderId: item.holder.id,
              certifierIds: certifiers.get(item.assignment.id)?.userIds ?? [],
            },
            scope: { applicationId: item.assignment.applicationId, organizationId: item.assignment.organizationId },
          })),
        );
        const byCertifier = new Map<string, DueItem[]>();
        for (const item of expired) {
          for (const id of certifiers.get(item.assignment.id)?.userIds ?? []) {
            byCertifier.set(id, [...(byCertifier.get(id) ?? []), item]);
          }
        }
        const people = await deps.certification.peopleByIds(trx, [...byCertifier.keys()]);
        await deps.notifications.enqueueEmails(
          trx,
          [...byCertifier].flatMap(([certifierId, theirs]) => {
            const person = people.get(certifierId);
            if (!person) return [];
            return [
              {
                to: person.email,
                language: person.language,
                template: 'certification.expired' as const,
                params: {
                  firstName: person.firstName,
                  items: theirs.slice(0, ITEMS_PER_EMAIL).map((item) => describe(catalog, organizations, item)),
                  more: Math.max(0, theirs.length - ITEMS_PER_EMAIL),
                },
              },
            ];
          }),
        );
        return expired.length;
      });
      report.expired += removed;
      // Nothing removed from a full batch means the rest was decided meanwhile: the next run retries.
      if (ids.length < EXPIRY_BATCH || removed === 0) return;
    }
  }

  async function remind(report: CertificationSweepReport): Promise<void> {
    const now = clock.now();
    const today = calendarDateIn(now, config.timeZone);
    const found: { row: DueAssignment; threshold: ReminderThreshold }[] = [];
    for (const threshold of REMINDER_THRESHOLDS) {
      const range = thresholdRange(today, threshold, config.timeZone);
      const rows = await listUnreminded(database.db, {
        after: range.after && toTimestamp(range.after),
        upTo: toTimestamp(range.upTo),
        days: threshold,
        limit: MAX_REMINDERS_PER_RUN - found.length,
      });
      found.push(...rows.map((row) => ({ row, threshold })));
      if (found.length >= MAX_REMINDERS_PER_RUN) break;
    }
    if (found.length === 0) return;
    // Their holders, in one lookup for the run; the order and the thresholds stay as found.
    const withHolder = new Map(
      (
        await deps.certification.withHolders(
          database.db,
          found.map(({ row }) => row),
        )
      ).map((item) => [item.assignment.id, item] as const),
    );
    const candidates: { item: DueItem; threshold: ReminderThreshold }[] = [];
    for (const { row, threshold } of found) {
      const item = withHolder.get(row.assignment.id);
      if (item) candidates.push({ item, threshold });
    }
    if (candidates.length === 0) return;

    const items = candidates.map((candidate) => candidate.item);
    const catalog = await deps.certification.catalogIndex(database.db);
    const certifiers = await deps.certification.certifiersFor(database.db, catalog, items);
    const certifierIds = [...new Set([...certifiers.values()].flatMap((found) => found.userIds))];
    const digested = await listDigested(database.db, certifierIds, today);
    const recorded = await listRecordedReminders(database.db, items);
    // One digest per certifier per day: an item whose certifiers all had today's digest waits
    // for tomorrow's (its threshold is not recorded until then).
    const going = candidates.filter(({ item }) => {
      const ids = certifiers.get(item.assignment.id)?.userIds ?? [];
      return ids.length === 0 || ids.some((id) => !digested.has(id));
    });
    if (going.length === 0) return;

    await database.transaction(async (trx) => {
      const at = toTimestamp(clock.now());
      const organizations = await deps.certification.organizationsOnFile(
        trx,
        going.map(({ item }) => item.assignment.organizationId),
      );
      const rows: { assignmentId: string; dueAt: string; days: number }[] = [];
      const holderItems = new Map<string, DueItem[]>();
      const helpDeskItems = new Map<string, DueItem[]>();
      const byCertifier = new Map<string, DueItem[]>();
      for (const { item, threshold } of going) {
        // The reached threshold, and the earlier ones it makes moot, each recorded once.
        const newDays = REMINDER_THRESHOLDS.filter((days) => days >= threshold && !recorded.has(`${item.assignment.id}:${days}`));
        rows.push(...newDays.map((days) => ({ assignmentId: item.assignment.id, dueAt: item.dueAt, days })));
        if (threshold <= HOLDER_NOTICE_DAYS && newDays.includes(HOLDER_NOTICE_DAYS)) {
          holderItems.set(item.holder.id, [...(holderItems.get(item.holder.id) ?? []), item]);
        }
        if (threshold <= HELP_DESK_NOTICE_DAYS && newDays.includes(HELP_DESK_NOTICE_DAYS)) {
          const key = item.assignment.applicationId;
          helpDeskItems.set(key, [...(helpDeskItems.get(key) ?? []), item]);
        }
        for (const id of certifiers.get(item.assignment.id)?.userIds ?? []) {
          if (!digested.has(id)) byCertifier.set(id, [...(byCertifier.get(id) ?? []), item]);
        }
      }
      await insertReminders(trx, rows, at);

      const people = await deps.certification.peopleByIds(trx, [...byCertifier.keys()]);
      for (const [certifierId, theirs] of byCertifier) {
        const person = people.get(certifierId);
        if (!person) continue;
        if (!(await recordDigest(trx, { certifierId, day: today, items: theirs.length, sentAt: at }))) continue;
        await deps.notifications.enqueueEmail(trx, {
          to: person.email,
          language: person.language,
          template: 'certification.digest',
          params: {
            firstName: person.firstName,
            items: theirs.slice(0, ITEMS_PER_EMAIL).map((item) => ({
              ...describe(catalog, organizations, item),
              daysLeft: calendarDaysBetween(today, dueDayOf(item.dueAt, config.timeZone)),
            })),
            more: Math.max(0, theirs.length - ITEMS_PER_EMAIL),
            link,
          },
        });
        report.digests += 1;
      }

      for (const theirs of holderItems.values()) {
        const holder = theirs[0]?.holder;
        if (!holder) continue;
        await deps.notifications.enqueueEmail(trx, {
          to: holder.email,
          language: holder.language,
          template: 'certification.holder_notice',
          params: {
            firstName: holder.firstName,
            items: theirs.map((item) => describe(catalog, organizations, item)),
          },
        });
        report.holderNotices += 1;
      }

      for (const [applicationId, theirs] of helpDeskItems) {
        const app = catalog.application(applicationId);
        if (!app) continue;
        const staff = await deps.certification.peopleByIds(trx, await deps.assignments.helpDeskUserIds(trx, applicationId));
        const recipients = [
          ...[...staff.values()].map((person) => ({ to: person.email, language: person.language })),
          ...(app.helpDeskEmail ? [{ to: app.helpDeskEmail, language: 'en' as const }] : []),
        ];
        for (const recipient of recipients) {
          await deps.notifications.enqueueEmail(trx, {
            ...recipient,
            template: 'certification.help_desk_notice',
            params: {
              applicationName: localizedName(app),
              items: theirs.slice(0, ITEMS_PER_EMAIL).map((item) => describe(catalog, organizations, item)),
              more: Math.max(0, theirs.length - ITEMS_PER_EMAIL),
              link,
            },
          });
          report.helpDeskNotices += 1;
        }
      }

      await deps.audit.recordMany(
        trx,
        systemActor,
        going.map(({ item, threshold }) => ({
          action: 'certification.reminded',
          target: { type: 'role_assignment', id: item.assignment.id },
          after: { days: threshold, dueAt: item.dueAt, certifierIds: certifiers.get(item.assignment.id)?.userIds ?? [] },
          scope: { applicationId: item.assignment.applicationId, organizationId: item.assignment.organizationId },
        })),
      );
      report.reminded += going.length;
    });
  }

  const emptyReport = (): CertificationSweepReport => ({
    expired: 0,
    reminded: 0,
    digests: 0,
    holderNotices: 0,
    helpDeskNotices: 0,
  });
  async function sweepCertifications(): Promise<CertificationSweepReport> {
    const report = emptyReport();
    // Expiry first: a role removed today gets no reminder.
    await expire(report);
    await remind(report);
    return report;
  }
  async function expireOverdue(): Promise<number> {
    const report = emptyReport();
    await expire(report);
    return report.expired;
  }
  return Object.assign(sweepCertifications, { expireOverdue });
}
