import pino, { type Logger } from 'pino';
import type { Config } from './config/config.js';
import { createDatabase, type Database } from './db/database.js';
import { Scheduler } from './jobs/scheduler.js';
import { createAuditLog, type AuditLog } from './modules/audit/audit.service.js';
import { createSmtpTransport, type MailTransport } from './modules/notifications/mail-transport.js';
import { createNotifications, type Notifications } from './modules/notifications/notifications.service.js';
import { OutboxDispatcher } from './modules/notifications/outbox-dispatcher.js';
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
  readonly notifications: Notifications;
  readonly dispatcher: OutboxDispatcher;
  readonly scheduler: Scheduler;
  close(): Promise<void>;
}

export interface ContextOverrides {
  clock?: Clock;
  logger?: Logger;
  database?: Database;
  /** Replaces the SMTP transport built from the configuration. */
  mailTransport?: MailTransport;
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

export function createLogger(config: Config): Logger {
  return pino({ level: config.logLevel, redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' } });
}

export function createContext(config: Config, overrides: ContextOverrides = {}): AppContext {
  const logger = overrides.logger ?? createLogger(config);
  const clock = overrides.clock ?? systemClock;
  const database =
    overrides.database ??
    createDatabase(config.database, { onHookError: (error) => logger.error({ err: error }, 'after-commit hook failed') });
  const transport = overrides.mailTransport ?? (config.smtp ? createSmtpTransport(config.smtp) : undefined);

  const dispatcher = new OutboxDispatcher({ database, clock, transport, from: config.mailFrom, logger });
  const audit = createAuditLog({ dialect: database.kind, clock, secretKey: config.secretKey });
  const notifications = createNotifications({ clock, onEnqueued: () => dispatcher.wake() });
  const scheduler = new Scheduler({ database, clock, logger });

  if (dispatcher.enabled) {
    scheduler.register({ name: 'outbox.deliver', intervalSeconds: config.jobs.intervalSeconds, run: () => dispatcher.deliverDue() });
  }

  return {
    config,
    logger,
    clock,
    database,
    audit,
    notifications,
    dispatcher,
    scheduler,
    async close() {
      await scheduler.stop();
      await dispatcher.idle();
      transport?.close();
      await database.close();
    },
  };
}
