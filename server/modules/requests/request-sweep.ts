import type { Database } from '../../db/database.js';
import { systemActor } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { addDays, toTimestamp } from '../../shared/time.js';
import type { AccountsService } from '../accounts/accounts.service.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { Notifications } from '../notifications/notifications.service.js';
import { closeRequest, listDueForReminder, listExpired, lockRequest, recordReminder } from './requests.repository.js';
import type { RequestsService } from './requests.service.js';
import { localizedName } from '../../shared/localized.js';
import { mayMoveRequest } from './request-states.js';

/** Days after submission at which the deciders of a pending request are reminded. */
export const REMINDER_DAYS = [7, 14] as const;
const BATCH_SIZE = 100;

export interface RequestSweepReport {
  reminded: number;
  expired: number;
}

/**
 * The role-request sweep: reminders at 7 and 14 days, each sent once (a row per request and
 * day guards it), and expiry of requests still pending at their expiry date (30 days by
 * default), with the requester told. Each batch is one transaction.
 */
export function createRequestSweep(deps: {
  database: Database;
  clock: Clock;
  audit: AuditLog;
  notifications: Notifications;
  accounts: AccountsService;
  requests: RequestsService;
}): () => Promise<RequestSweepReport> {
  const { database, clock } = deps;

  return async function sweepRoleRequests(): Promise<RequestSweepReport> {
    const report: RequestSweepReport = { reminded: 0, expired: 0 };
    const now = clock.now();

    for (;;) {
      const expired = await listExpired(database.db, toTimestamp(now), BATCH_SIZE);
      if (expired.length === 0) break;
      await database.transaction(async (trx) => {
        for (const candidate of expired) {
          const request = await lockRequest(trx, database.kind, candidate.id);
          if (!request || !mayMoveRequest(request.status, 'expired')) continue;
          const at = toTimestamp(clock.now());
          if (!(await closeRequest(trx, request.id, { status: 'expired', decidedBy: null, at, comment: null }))) continue;
          await deps.audit.record(trx, systemActor, {
            action: 'role_request.expired',
            target: { type: 'role_request', id: request.id },
            before: { status: 'pending' },
            after: { status: 'expired', trackingNumber: request.trackingNumber },
            scope: { applicationId: request.applicationId, organizationId: request.organizationId },
          });
          const details = await deps.requests.view(trx, { ...request, status: 'expired', decidedAt: at }, null);
          const requester = await deps.accounts.getUser(trx, request.requesterId);
          await deps.notifications.enqueueEmail(trx, {
            to: requester.email,
            language: requester.language,
            template: 'role_request.decided',
            params: {
              firstName: requester.firstName,
              trackingNumber: request.trackingNumber,
              roleName: localizedName(details.role),
              applicationName: localizedName(details.application),
              organizationName: details.organization?.legalName ?? '',
              outcome: 'expired',
              comment: '',
            },
          });
          report.expired += 1;
        }
      });
      if (expired.length < BATCH_SIZE) break;
    }

    // The later reminder first: a request found two weeks old gets only the 14-day reminder.
    for (const days of [...REMINDER_DAYS].reverse()) {
      for (;;) {
        const due = await listDueForReminder(database.db, days, toTimestamp(addDays(now, -days)), BATCH_SIZE);
        if (due.length === 0) break;
        await database.transaction(async (trx) => {
          for (const request of due) {
            const at = toTimestamp(clock.now());
            if (!(await recordReminder(trx, request.id, days, at))) continue;
            // The earlier reminder is moot once the later one goes out.
            for (const earlier of REMINDER_DAYS.filter((value) => value < days))
              await recordReminder(trx, request.id, earlier, at);
            await deps.requests.notifyDeciders(trx, request, days);
            await deps.audit.record(trx, systemActor, {
              action: 'role_request.reminded',
              target: { type: 'role_request', id: request.id },
              after: { days },
              scope: { applicationId: request.applicationId, organizationId: request.organizationId },
            });
            report.reminded += 1;
          }
        });
        if (due.length < BATCH_SIZE) break;
      }
    }
    return report;
  };
}
