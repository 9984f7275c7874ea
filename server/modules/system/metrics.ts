import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from '../../db/database.js';
import type { AuditEvent } from '../audit/audit.service.js';
import type { Notifications } from '../notifications/notifications.service.js';

/**
 * The application's Prometheus metrics. Counts of what happened (sign-ins, lockouts, requests,
 * decisions, removals) are derived from audit events once their transaction has committed, so a
 * metric never counts a change that rolled back and no service has to remember to count.
 */
export interface AppMetrics {
  readonly registry: Registry;
  /** Events of a committed transaction. */
  observeCommitted(events: readonly AuditEvent[]): void;
  observeSweep(name: string, outcome: 'ran' | 'skipped' | 'failed', seconds: number): void;
  observeDelivery(report: { sent: number; failed: number }): void;
  observeRequest(labels: { method: string; route: string; status: string }, seconds: number): void;
}

type Labels = Record<string, string>;

function detail(event: AuditEvent, field: string): string {
  const value = (event.after as Record<string, unknown> | undefined)?.[field];
  return typeof value === 'string' ? value : 'unknown';
}

/** Assets are files named by their content hash: one label for all of them, not one per build. */
export function routeLabel(url: string | undefined): string {
  if (url === undefined) return 'unmatched';
  if (url.startsWith('/assets/')) return '/assets/*';
  return url;
}

export function createMetrics(deps: { database: Database; notifications: Pick<Notifications, 'countUnsent'> }): AppMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'rolecall_' });
  const registers = [registry];

  const signIns = new Counter({
    name: 'rolecall_sign_ins_total',
    help: 'Sign-in attempts by outcome (succeeded, failed) and, for failures, the step that failed',
    labelNames: ['outcome', 'reason'],
    registers,
  });
  const lockouts = new Counter({ name: 'rolecall_lockouts_total', help: 'User IDs locked after failed sign-ins', registers });
  const mfaFailures = new Counter({
    name: 'rolecall_mfa_failures_total',
    help: 'Wrong MFA or recovery codes entered at sign-in',
    labelNames: ['factor'],
    registers,
  });
  const roleRequests = new Counter({
    name: 'rolecall_role_requests_total',
    help: 'Role requests by outcome: submitted, approved, rejected, cancelled, expired',
    labelNames: ['outcome'],
    registers,
  });
  const certificationDecisions = new Counter({
    name: 'rolecall_certification_decisions_total',
    help: 'Certification decisions by outcome: certified, revoked, expired',
    labelNames: ['outcome'],
    registers,
  });
  const removals = new Counter({
    name: 'rolecall_role_removals_total',
    help: 'Roles removed, by reason (the kind of removal)',
    labelNames: ['reason'],
    registers,
  });
  const sweepRuns = new Counter({
    name: 'rolecall_sweep_runs_total',
    help: 'Scheduled sweep runs by outcome: ran, skipped (another process held it), failed',
    labelNames: ['sweep', 'outcome'],
    registers,
  });
  const sweepDuration = new Histogram({
    name: 'rolecall_sweep_duration_seconds',
    help: 'How long sweep runs took',
    labelNames: ['sweep'],
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
    registers,
  });
  const deliveries = new Counter({
    name: 'rolecall_outbox_deliveries_total',
    help: 'Email delivery attempts by outcome: sent, failed (retried later, or given up)',
    labelNames: ['outcome'],
    registers,
  });
  new Gauge({
    name: 'rolecall_outbox_messages',
    help: 'Messages in the outbox by status (pending: waiting for delivery; failed: given up)',
    labelNames: ['status'],
    registers,
    async collect() {
      const counts = await deps.notifications.countUnsent(deps.database.db);
      this.reset();
      for (const status of ['pending', 'failed']) this.set({ status }, 0);
      for (const [status, count] of counts) this.set({ status }, count);
    },
  });
  const requestDuration = new Histogram({
    name: 'rolecall_http_request_duration_seconds',
    help: 'HTTP request duration by route pattern and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers,
  });

  /** Audit actions and the counter each one moves. */
  const byAction: Record<string, (event: AuditEvent) => void> = {
    'sign_in.succeeded': () => signIns.inc({ outcome: 'succeeded', reason: '' }),
    'sign_in.failed': (event) => {
      const reason = detail(event, 'reason');
      signIns.inc({ outcome: 'failed', reason });
      if (reason === 'mfa' || reason === 'recovery_code') mfaFailures.inc({ factor: reason });
    },
    'account.locked': () => lockouts.inc(),
    'role.removed': (event) => removals.inc({ reason: detail(event, 'kind') }),
  };
  const prefixed: [string, (event: AuditEvent, outcome: string) => void][] = [
    ['role_request.', (_event, outcome) => roleRequests.inc({ outcome } satisfies Labels)],
    ['certification.', (_event, outcome) => certificationDecisions.inc({ outcome })],
  ];
  const decisionOutcomes = new Set(['submitted', 'approved', 'rejected', 'cancelled', 'expired', 'certified', 'revoked']);

  return {
    registry,
    observeCommitted(events) {
      for (const event of events) {
        byAction[event.action]?.(event);
        for (const [prefix, count] of prefixed) {
          if (!event.action.startsWith(prefix)) continue;
          const outcome = event.action.slice(prefix.length);
          if (decisionOutcomes.has(outcome)) count(event, outcome);
        }
      }
    },
    observeSweep(name, outcome, seconds) {
      sweepRuns.inc({ sweep: name, outcome });
      if (outcome !== 'skipped') sweepDuration.observe({ sweep: name }, seconds);
    },
    observeDelivery(report) {
      if (report.sent > 0) deliveries.inc({ outcome: 'sent' }, report.sent);
      if (report.failed > 0) deliveries.inc({ outcome: 'failed' }, report.failed);
    },
    observeRequest(labels, seconds) {
      requestDuration.observe(labels, seconds);
    },
  };
}
