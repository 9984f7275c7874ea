import pino, { type DestinationStream, type Logger } from 'pino';
import { REDACTED, serializeRequest } from './shared/log-redaction.js';
import type { Config } from './config/config.js';
import { createDatabase, type Database } from './db/database.js';
import { Scheduler } from './jobs/scheduler.js';
import { createAccountsService, type AccountsService } from './modules/accounts/accounts.service.js';
import { createDormantAccountsSweep } from './modules/accounts/dormant-accounts.js';
import { createSignInService, type SignInService } from './modules/accounts/sign-in.service.js';
import { createHelpDeskService, type HelpDeskService } from './modules/help-desk/help-desk.service.js';
import { createAuditSearch, type AuditSearch } from './modules/audit/audit-search.js';
import { createAuditLog, type AuditLog } from './modules/audit/audit.service.js';
import { firstDueAt } from './modules/certification/due-dates.js';
import { createMetrics, type AppMetrics } from './modules/system/metrics.js';
import { createAccessService, type AccessService } from './modules/access/access.service.js';
import { createAssignmentsService, type AssignmentsService } from './modules/assignments/assignments.service.js';
import { createCatalogService, type CatalogService } from './modules/catalog/catalog.service.js';
import { createCertificationSweep } from './modules/certification/certification-sweep.js';
import { createCertificationService, type CertificationService } from './modules/certification/certification.service.js';
import {
  createOrganizationFormsService,
  type OrganizationFormsService,
} from './modules/organization-forms/organization-forms.service.js';
import { createOrganizationsService, type OrganizationsService } from './modules/organizations/organizations.service.js';
import { createRequestSweep } from './modules/requests/request-sweep.js';
import { createRequestsService, type RequestsService } from './modules/requests/requests.service.js';
import { createReportsService, type ReportsService } from './modules/reports/reports.service.js';
import { createMfaService, type MfaService } from './modules/mfa/mfa.service.js';
import { createOidcCleanup, createOidcService, type OidcService } from './modules/oidc/oidc.service.js';
import { createScimService, type ScimService } from './modules/scim/scim.service.js';
import { createUsageService, type UsageService } from './modules/usage/usage.service.js';
import { createOutboxPhoneSender, type PhoneSender } from './modules/mfa/phone-sender.js';
import { createSmtpTransport, type MailTransport } from './modules/notifications/mail-transport.js';
import { createNotifications, type Notifications } from './modules/notifications/notifications.service.js';
import { emailSender, OutboxDispatcher } from './modules/notifications/outbox-dispatcher.js';
import { createWebhooksService, type WebhooksService } from './modules/webhooks/webhooks.service.js';
import { createSessionsService, type SessionsService } from './modules/sessions/sessions.service.js';
import { createTermsService, type TermsService } from './modules/terms/terms.service.js';
import { systemClock, type Clock } from './shared/clock.js';

/**
 * The composition root: everything a request handler, a job or a CLI command needs, built once
 * from the configuration. Tests build it with their own clock, database and mail transport.
 */
export interface AppContext {
  readonly config: Config;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly database: Database;
  readonly audit: AuditLog;
  readonly auditSearch: AuditSearch;
  readonly helpDesk: HelpDeskService;
  readonly notifications: Notifications;
  readonly dispatcher: OutboxDispatcher;
  /** Delivers webhook messages from the outbox to the applications' receivers. */
  readonly webhookDispatcher: OutboxDispatcher;
  readonly scheduler: Scheduler;
  readonly metrics: AppMetrics;
  readonly sessions: SessionsService;
  readonly terms: TermsService;
  readonly mfa: MfaService;
  readonly accounts: AccountsService;
  readonly signIn: SignInService;
  readonly catalog: CatalogService;
  readonly organizations: OrganizationsService;
  readonly assignments: AssignmentsService;
  /** The access check applications' access evaluations are answered by. */
  readonly access: AccessService;
  readonly requests: RequestsService;
  readonly organizationForms: OrganizationFormsService;
  readonly certification: CertificationService;
  /** The OpenID Connect provider of the applications, with their clients and signing keys. */
  readonly oidc: OidcService;
  /** The read-only SCIM view of each application's people and role groups. */
  readonly scim: ScimService;
  /** Who signed in to which application, and when last. */
  readonly usage: UsageService;
  /** Applications' webhook subscriptions, the events queued for them, and their delivery log. */
  readonly webhooks: WebhooksService;
  /** Read-only views across modules for administrators: the program report. */
  readonly reports: ReportsService;
  close(): Promise<void>;
}

export interface ContextOverrides {
  clock?: Clock;
  logger?: Logger;
  database?: Database;
  /** Replaces the SMTP transport built from the configuration. */
  mailTransport?: MailTransport;
  /** Replaces the built-in sender of text and voice codes (which queues them in the outbox). */
  phoneSender?: PhoneSender;
}

/** Log fields that must never be written out. */
export const REDACTED_LOG_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.code',
  '*.token',
  '*.secret',
  '*.tin',
];

/**
 * The process's logger: credentials are never written out, neither in known fields nor in the
 * query string of a logged URL. `destination` is for tests that read what was logged.
 */
export function createLogger(config: Pick<Config, 'logLevel'>, destination?: DestinationStream): Logger {
  return pino(
    {
      level: config.logLevel,
      redact: { paths: REDACTED_LOG_PATHS, censor: REDACTED },
      serializers: { req: serializeRequest },
    },
    destination,
  );
}

export function createContext(config: Config, overrides: ContextOverrides = {}): AppContext {
  const logger = overrides.logger ?? createLogger(config);
  const clock = overrides.clock ?? systemClock;
  const database =
    overrides.database ??
    createDatabase(config.database, { onHookError: (error) => logger.error({ err: error }, 'after-commit hook failed') });
  const transport = overrides.mailTransport ?? (config.smtp ? createSmtpTransport(config.smtp) : undefined);

  // The dispatcher is woken once something is queued; it is made below, and only called after.
  const notifications = createNotifications({
    clock,
    onEnqueued: () => dispatcher.wake(),
    onWebhookEnqueued: () => webhookDispatcher.wake(),
    mailViewer: config.mailViewer,
  });
  const metrics = createMetrics({ database, notifications });
  const dispatcher = new OutboxDispatcher({
    database,
    clock,
    channel: 'email',
    send: transport ? emailSender(transport, config.mailFrom) : undefined,
    logger,
    onRound: (report) => metrics.observeDelivery(report),
  });
  const audit = createAuditLog({
    dialect: database.kind,
    clock,
    secretKey: config.secretKey,
    onCommitted: (events) => metrics.observeCommitted(events),
  });
  const scheduler = new Scheduler({
    database,
    clock,
    logger,
    onRun: (name, outcome, seconds) => metrics.observeSweep(name, outcome, seconds),
  });

  const sessions = createSessionsService({ database, clock, audit, policy: config.accounts, secretKey: config.secretKey });
  const terms = createTermsService({ database, clock, audit });
  const mfa = createMfaService({
    database,
    clock,
    audit,
    notifications,
    phoneSender: overrides.phoneSender ?? createOutboxPhoneSender(notifications),
    phoneCodes: config.phoneCodes,
    secretKey: config.secretKey,
    publicUrl: config.publicUrl,
  });
  const accounts = createAccountsService({ config, database, clock, audit, notifications, sessions, logger });
  const signIn = createSignInService({ config, database, clock, audit, notifications, sessions, terms, mfa });

  const catalog = createCatalogService({ database, clock, audit });
  const webhooks = createWebhooksService({
    database,
    clock,
    audit,
    catalog,
    notifications,
    secretKey: config.secretKey,
  });
  const webhookDispatcher = new OutboxDispatcher({
    database,
    clock,
    channel: 'webhook',
    send: (row) => webhooks.deliver(row),
    logger,
  });
  const organizations = createOrganizationsService({ database, clock });
  const certificationRules = {
    timeZone: config.timeZone,
    legacyCutoff: config.certification.legacyCutoff,
    legacyFirstDue: config.certification.legacyFirstDue,
  };
  const usage = createUsageService({ database, clock, audit });
  const assignments = createAssignmentsService({
    database,
    clock,
    audit,
    notifications,
    catalog,
    organizations,
    accounts,
    firstDueAt: (role, establishedAt) => firstDueAt(role, establishedAt, certificationRules),
    webhooks,
    usage,
  });
  const access = createAccessService({ database, clock, config: { timeZone: config.timeZone } });
  const scim = createScimService({ database, clock, config: { publicUrl: config.publicUrl, timeZone: config.timeZone } });
  const requests = createRequestsService({
    config,
    database,
    clock,
    audit,
    notifications,
    accounts,
    catalog,
    organizations,
    assignments,
  });
  const organizationForms = createOrganizationFormsService({
    config,
    database,
    clock,
    audit,
    notifications,
    accounts,
    catalog,
    organizations,
    assignments,
  });

  const certification = createCertificationService({
    config,
    database,
    clock,
    audit,
    accounts,
    catalog,
    organizations,
    assignments,
    usage,
  });

  const oidc = createOidcService({
    config,
    database,
    clock,
    audit,
    catalog,
    accounts,
    assignments,
    organizations,
    sessions,
    usage,
  });

  scheduler.register({
    name: 'oidc.expired',
    intervalSeconds: Math.max(config.jobs.intervalSeconds, 3600),
    run: createOidcCleanup({ database, clock }),
  });
  scheduler.register({
    name: 'audit.checkpoint',
    intervalSeconds: config.jobs.intervalSeconds,
    run: () => database.transaction((trx) => audit.writeCheckpoint(trx)),
  });
  scheduler.register({
    name: 'accounts.recovery_requests',
    intervalSeconds: config.jobs.intervalSeconds,
    run: () => accounts.recoveryRequests.carryOut(),
  });
  scheduler.register({
    name: 'accounts.dormant',
    intervalSeconds: Math.max(config.jobs.intervalSeconds, 3600),
    run: createDormantAccountsSweep({
      config,
      database,
      clock,
      audit,
      notifications,
      sessions,
      accountDisabled: async (trx, userId, reason) => {
        const applicationIds = await assignments.heldApplicationIds(trx, userId);
        await webhooks.emit(
          trx,
          applicationIds.map((applicationId) => ({ type: 'user.disabled', applicationId, data: { userId, reason } })),
        );
      },
    }),
  });
  scheduler.register({
    name: 'role_requests.sweep',
    intervalSeconds: config.jobs.sweepIntervalSeconds,
    run: createRequestSweep({ database, clock, audit, notifications, accounts, requests }),
  });
  scheduler.register({
    name: 'certification.sweep',
    intervalSeconds: config.jobs.sweepIntervalSeconds,
    run: createCertificationSweep({ config, database, clock, audit, notifications, assignments, certification }),
  });
  const auditSearch = createAuditSearch({
    database,
    audit,
    peopleByIds: accounts.peopleByIds,
    idOfUserId: async (userId) => (await accounts.findByUserId(userId))?.id,
    helpDeskApplicationIds: assignments.helpDeskApplicationIds,
  });
  const helpDesk = createHelpDeskService({
    database,
    accounts,
    assignments,
    requests,
    mfa,
    sessions,
    organizations,
    catalog,
    auditSearch,
  });
  const reports = createReportsService({
    config: { timeZone: config.timeZone },
    database,
    clock,
    catalog,
    requests,
    certification,
    organizations,
  });
  scheduler.register({
    name: 'webhooks.deliver',
    intervalSeconds: config.jobs.intervalSeconds,
    run: () => webhookDispatcher.deliverDue(),
  });
  if (dispatcher.enabled) {
    scheduler.register({
      name: 'outbox.deliver',
      intervalSeconds: config.jobs.intervalSeconds,
      run: () => dispatcher.deliverDue(),
    });
  }

  return {
    auditSearch,
    helpDesk,
    config,
    logger,
    clock,
    database,
    audit,
    notifications,
    dispatcher,
    webhookDispatcher,
    scheduler,
    metrics,
    sessions,
    terms,
    mfa,
    accounts,
    signIn,
    catalog,
    organizations,
    assignments,
    access,
    requests,
    organizationForms,
    certification,
    oidc,
    scim,
    usage,
    webhooks,
    reports,
    async close() {
      await scheduler.stop();
      await accounts.recoveryRequests.idle();
      await dispatcher.idle();
      await webhookDispatcher.idle();
      transport?.close();
      await database.close();
    },
  };
}
