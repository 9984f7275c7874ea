import type { Static } from 'typebox';
import type { Config, DatabaseConfig } from '../../config/config.js';
import type { Caller } from '../../shared/actor.js';
import type { ConfigurationSchema } from './configuration.schemas.js';

/*
 * The running configuration as administrators may read it. Each value shown is named here one by
 * one, so a setting added to Config is not shown until someone decides it is not a secret; a
 * secret is answered only as set or not set.
 */

export type ConfigurationView = Static<typeof ConfigurationSchema>;

/** Only administrators read the running configuration. */
export function mayReadConfiguration(caller: Caller): boolean {
  return caller.isAdministrator;
}

const secret = (value: string | undefined): 'hidden' | 'not_set' => (value === undefined || value === '' ? 'not_set' : 'hidden');

function databaseView(database: DatabaseConfig): ConfigurationView['database'] {
  if (database.kind === 'sqlite') return { kind: 'sqlite', file: database.file };
  const url = new URL(database.url);
  return {
    kind: 'postgres',
    host: url.hostname,
    port: url.port === '' ? null : Number(url.port),
    name: decodeURIComponent(url.pathname.replace(/^\//, '')),
    user: decodeURIComponent(url.username),
    password: secret(url.password),
    parameters: [...new Set(url.searchParams.keys())],
    poolSize: database.poolSize,
    preparedStatements: database.preparedStatements ?? true,
  };
}

/** A copy of `config` without a single secret in it. */
export function redactedConfiguration(config: Config): ConfigurationView {
  return {
    environment: config.environment,
    publicUrl: config.publicUrl,
    host: config.host,
    port: config.port,
    trustProxy: config.trustProxy,
    dataDir: config.dataDir,
    webDir: config.webDir,
    timeZone: config.timeZone,
    logLevel: config.logLevel,
    governmentBanner: config.governmentBanner,
    phoneCodes: config.phoneCodes,
    mailViewer: config.mailViewer,
    catalogFile: config.catalogFile ?? null,
    database: databaseView(config.database),
    secretKey: { value: config.secretKey.length > 0 ? 'hidden' : 'not_set', source: config.secretKeySource },
    mail: {
      from: config.mailFrom,
      smtp: config.smtp
        ? {
            host: config.smtp.host,
            port: config.smtp.port,
            secure: config.smtp.secure,
            user: config.smtp.user ?? null,
            password: secret(config.smtp.password),
          }
        : null,
    },
    jobs: { enabled: config.jobs.enabled, intervalSeconds: config.jobs.intervalSeconds },
    accounts: {
      authRateLimit: config.accounts.authRateLimit,
      lockoutThreshold: config.accounts.lockoutThreshold,
      lockoutMinutes: config.accounts.lockoutMinutes,
      sessionIdleWarningMinutes: config.accounts.sessionIdleWarningMinutes,
      sessionIdleMinutes: config.accounts.sessionIdleMinutes,
      sessionMaxHours: config.accounts.sessionMaxHours,
      dormantDays: config.accounts.dormantDays,
      passwordHistory: config.accounts.passwordHistory,
      passwordMinAgeHours: config.accounts.passwordMinAgeHours,
    },
    certification: {
      legacyCutoff: config.certification.legacyCutoff ?? null,
      legacyFirstDue: config.certification.legacyFirstDue ?? null,
      windowDays: config.certification.windowDays,
      unusedDays: config.certification.unusedDays,
    },
  };
}
