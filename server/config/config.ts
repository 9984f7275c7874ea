import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The whole configuration of a Rolecall process, read once from the environment at start,
 * validated, and frozen. Nothing else in the server reads process.env.
 */
export interface Config {
  readonly environment: 'development' | 'production' | 'test';
  readonly dataDir: string;
  readonly database: DatabaseConfig;
  readonly host: string;
  readonly port: number;
  readonly publicUrl: string;
  /** 32 bytes; encrypts secrets at rest (MFA secrets, TIN). */
  readonly secretKey: Buffer;
  readonly secretKeySource: 'environment' | 'generated-file';
  readonly smtp: SmtpConfig | undefined;
  readonly mailFrom: string;
  readonly timeZone: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Whether administrators can read undelivered mail in the web app (development mail viewer). */
  readonly mailViewer: boolean;
  readonly jobs: {
    readonly enabled: boolean;
    /** Outbox delivery, recovery requests, audit checkpoints. */
    readonly intervalSeconds: number;
    /** The role-request and certification sweeps. */
    readonly sweepIntervalSeconds: number;
  };
  readonly webDir: string;
  readonly trustProxy: boolean;
  /** Whether pages show the "official website of the United States government" banner. */
  readonly governmentBanner: boolean;
  /**
   * Whether text and voice MFA codes are offered. No gateway is built in: the codes go to the
   * outbox, which only the mail viewer shows, so they are offered by default only where it is on.
   */
  readonly phoneCodes: boolean;
  readonly accounts: AccountPolicy;
  /** The role catalog file applied at start (when it changed), or undefined for none. */
  readonly catalogFile: string | undefined;
  readonly certification: CertificationConfig;
}

/** Annual role certification (docs/CERTIFICATION.md). */
export interface CertificationConfig {
  /**
   * Assignments established before this calendar date (YYYY-MM-DD, in the program's time zone)
   * were certified for the first time on a fixed date, as CMS did when it started certifying.
   * Undefined: no legacy rule.
   */
  readonly legacyCutoff: string | undefined;
  /** The fixed first due date (YYYY-MM-DD) of those assignments. */
  readonly legacyFirstDue: string | undefined;
  /** "My Annual Role Certifications" lists the items due within this many days. */
  readonly windowDays: number;
  /** A role whose holder has not signed in to its application for this many days is flagged unused. */
  readonly unusedDays: number;
}

/** The account and session rules of PRODUCT.md, each changeable by an operator. */
export interface AccountPolicy {
  /** Requests a minute per client address on sign-in, registration and recovery. */
  readonly authRateLimit: number;
  readonly lockoutThreshold: number;
  readonly lockoutMinutes: number;
  readonly sessionIdleWarningMinutes: number;
  readonly sessionIdleMinutes: number;
  readonly sessionMaxHours: number;
  readonly dormantDays: number;
  readonly passwordHistory: number;
  readonly passwordMinAgeHours: number;
}

export type DatabaseConfig =
  | { readonly kind: 'sqlite'; readonly file: string }
  | {
      readonly kind: 'postgres';
      readonly url: string;
      readonly poolSize: number;
      /** Statements prepared (named) per connection; off for a pooler that cannot keep them. Default on. */
      readonly preparedStatements?: boolean;
    };

export interface SmtpConfig {
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  readonly user: string | undefined;
  readonly password: string | undefined;
}

/** A bad configuration value: the process stops with this message, which names the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const SECRET_KEY_FILE = 'secret.key';

export function loadConfig(env: Env = process.env): Config {
  const environment = readEnum(env, 'ROLECALL_ENV', ['development', 'production', 'test'], 'development');
  const dataDir = resolve(read(env, 'ROLECALL_DATA_DIR') ?? './data');
  const database = readDatabase(env, dataDir);
  const port = readInteger(env, 'ROLECALL_PORT', 3000, 0, 65535);
  const host = read(env, 'ROLECALL_HOST') ?? (environment === 'production' ? '0.0.0.0' : '127.0.0.1');
  const publicUrl = readUrl(env, 'ROLECALL_PUBLIC_URL', `http://localhost:${port}`);
  if (environment === 'production' && publicUrl.startsWith('http://') && !readBoolean(env, 'ROLECALL_ALLOW_HTTP', false)) {
    throw new ConfigError(
      'ROLECALL_PUBLIC_URL',
      `must be https in production, got "${publicUrl}": session cookies would travel in clear ` +
        '(set ROLECALL_ALLOW_HTTP=true only for a closed network you trust)',
    );
  }
  const mailViewer = readBoolean(env, 'ROLECALL_MAIL_VIEWER', environment !== 'production');
  const { key: secretKey, source: secretKeySource } = readSecretKey(env, environment, dataDir);
  const smtp = readSmtp(env);
  const timeZone = readTimeZone(env, 'ROLECALL_TIME_ZONE', 'America/New_York');

  return Object.freeze({
    environment,
    dataDir,
    database,
    host,
    port,
    publicUrl,
    secretKey,
    secretKeySource,
    smtp,
    mailFrom: read(env, 'ROLECALL_MAIL_FROM') ?? 'Rolecall <no-reply@rolecall.localhost>',
    timeZone,
    logLevel: readEnum(env, 'ROLECALL_LOG_LEVEL', LOG_LEVELS, environment === 'test' ? 'silent' : 'info'),
    mailViewer,
    jobs: Object.freeze({
      enabled: readBoolean(env, 'ROLECALL_JOBS', environment !== 'test'),
      intervalSeconds: readInteger(env, 'ROLECALL_JOBS_INTERVAL_SECONDS', 30, 1, 86_400),
      sweepIntervalSeconds: readInteger(env, 'ROLECALL_SWEEP_INTERVAL_SECONDS', 300, 1, 86_400),
    }),
    webDir: resolve(read(env, 'ROLECALL_WEB_DIR') ?? './dist/web'),
    trustProxy: readBoolean(env, 'ROLECALL_TRUST_PROXY', false),
    governmentBanner: readBoolean(env, 'ROLECALL_GOV_BANNER', false),
    phoneCodes: readBoolean(env, 'ROLECALL_PHONE_CODES', mailViewer),
    accounts: readAccountPolicy(env),
    catalogFile: readCatalogFile(env),
    certification: readCertification(env),
  });
}

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDate(value: string): boolean {
  const match = CALENDAR_DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

/** A YYYY-MM-DD date; CMS's value when unset, none when set but empty. */
function readDateOrNone(env: Env, name: string, fallback: string): string | undefined {
  const raw = env[name];
  if (raw !== undefined && raw.trim() === '') return undefined;
  const value = raw?.trim() ?? fallback;
  if (!isCalendarDate(value)) throw new ConfigError(name, `must be a date as YYYY-MM-DD (or empty for none), got "${value}"`);
  return value;
}

function readCertification(env: Env): CertificationConfig {
  const legacyCutoff = readDateOrNone(env, 'ROLECALL_CERTIFICATION_LEGACY_CUTOFF', '2021-07-01');
  const legacyFirstDue = readDateOrNone(env, 'ROLECALL_CERTIFICATION_LEGACY_DUE', '2022-07-15');
  // The rule needs both dates: one without the other would silently do nothing.
  if ((legacyCutoff === undefined) !== (legacyFirstDue === undefined)) {
    throw new ConfigError(
      legacyCutoff === undefined ? 'ROLECALL_CERTIFICATION_LEGACY_DUE' : 'ROLECALL_CERTIFICATION_LEGACY_CUTOFF',
      'ROLECALL_CERTIFICATION_LEGACY_CUTOFF and ROLECALL_CERTIFICATION_LEGACY_DUE must both be set, or both empty',
    );
  }
  if (legacyCutoff !== undefined && legacyFirstDue !== undefined && legacyFirstDue < legacyCutoff) {
    throw new ConfigError('ROLECALL_CERTIFICATION_LEGACY_DUE', `must not be before the cutoff ${legacyCutoff}`);
  }
  return Object.freeze({
    legacyCutoff,
    legacyFirstDue,
    windowDays: readInteger(env, 'ROLECALL_CERTIFICATION_WINDOW_DAYS', 60, 1, 366),
    unusedDays: readInteger(env, 'ROLECALL_CERTIFICATION_UNUSED_DAYS', 90, 1, 3660),
  });
}

function readCatalogFile(env: Env): string | undefined {
  const value = env.ROLECALL_CATALOG_FILE;
  // Set but empty: no catalog file at all (the catalog is managed through the API only).
  if (value !== undefined && value.trim() === '') return undefined;
  const file = resolve(value ?? './catalog/spot.json');
  if (!existsSync(file)) throw new ConfigError('ROLECALL_CATALOG_FILE', `no such file: ${file}`);
  return file;
}

function readAccountPolicy(env: Env): AccountPolicy {
  const idleMinutes = readInteger(env, 'ROLECALL_SESSION_IDLE_MINUTES', 30, 2, 24 * 60);
  const policy: AccountPolicy = {
    authRateLimit: readInteger(env, 'ROLECALL_AUTH_RATE_LIMIT', 20, 1, 1_000_000),
    lockoutThreshold: readInteger(env, 'ROLECALL_LOCKOUT_THRESHOLD', 3, 1, 100),
    lockoutMinutes: readInteger(env, 'ROLECALL_LOCKOUT_MINUTES', 60, 1, 7 * 24 * 60),
    sessionIdleWarningMinutes: readInteger(env, 'ROLECALL_SESSION_IDLE_WARNING_MINUTES', 20, 1, 24 * 60),
    sessionIdleMinutes: idleMinutes,
    sessionMaxHours: readInteger(env, 'ROLECALL_SESSION_MAX_HOURS', 12, 1, 24 * 30),
    dormantDays: readInteger(env, 'ROLECALL_DORMANT_DAYS', 60, 1, 3650),
    passwordHistory: readInteger(env, 'ROLECALL_PASSWORD_HISTORY', 6, 0, 50),
    passwordMinAgeHours: readInteger(env, 'ROLECALL_PASSWORD_MIN_AGE_HOURS', 24, 0, 24 * 30),
  };
  if (policy.sessionIdleWarningMinutes >= idleMinutes) {
    throw new ConfigError(
      'ROLECALL_SESSION_IDLE_WARNING_MINUTES',
      `must be less than ROLECALL_SESSION_IDLE_MINUTES (${idleMinutes})`,
    );
  }
  return Object.freeze(policy);
}

/** Human-readable warnings about insecure defaults, logged at start. */
export function configWarnings(config: Config): string[] {
  const warnings: string[] = [];
  if (config.secretKeySource === 'generated-file') {
    warnings.push(
      `ROLECALL_SECRET_KEY is not set: using a key generated in ${join(config.dataDir, SECRET_KEY_FILE)}. ` +
        'Set ROLECALL_SECRET_KEY in production and keep it safe: secrets at rest cannot be read without it.',
    );
  }
  if (!config.smtp) {
    warnings.push(
      config.mailViewer
        ? 'ROLECALL_SMTP_HOST is not set: email stays in the outbox; administrators read it in the mail viewer (/dev/outbox).'
        : 'ROLECALL_SMTP_HOST is not set and the mail viewer is off: email stays in the outbox undelivered, and nobody can read it. ' +
            'Set ROLECALL_SMTP_HOST to deliver it.',
    );
  }
  if (config.phoneCodes && config.environment === 'production') {
    warnings.push('ROLECALL_PHONE_CODES is on: text and voice codes only reach the outbox, no phone.');
  }
  if (config.mailViewer && config.environment === 'production') {
    warnings.push('ROLECALL_MAIL_VIEWER is on in production: administrators can read every outgoing message.');
  }
  if (!config.publicUrl.startsWith('https://') && config.environment === 'production') {
    warnings.push(
      'ROLECALL_PUBLIC_URL is not https (ROLECALL_ALLOW_HTTP): session cookies travel in clear and are not marked Secure.',
    );
  }
  return warnings;
}

function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === '' ? undefined : value;
}

function readEnum<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const value = read(env, name);
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${value}"`);
  }
  return value as T;
}

function readInteger(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = read(env, name);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new ConfigError(name, `must be a whole number, got "${value}"`);
  const parsed = Number(value);
  if (parsed < min || parsed > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${parsed}`);
  return parsed;
}

function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const value = read(env, name)?.toLowerCase();
  if (value === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  throw new ConfigError(name, `must be true or false, got "${value}"`);
}

function readUrl(env: Env, name: string, fallback: string): string {
  const value = read(env, name);
  if (value === undefined) return fallback;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(name, `must be an absolute URL, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(name, `must be an http or https URL, got "${value}"`);
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}

function readTimeZone(env: Env, name: string, fallback: string): string {
  const value = read(env, name) ?? fallback;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
  } catch {
    throw new ConfigError(name, `must be an IANA time zone such as America/New_York, got "${value}"`);
  }
  return value;
}

function readDatabase(env: Env, dataDir: string): DatabaseConfig {
  const value = read(env, 'ROLECALL_DATABASE_URL');
  if (value === undefined) return Object.freeze({ kind: 'sqlite', file: join(dataDir, 'rolecall.db') });
  if (value.startsWith('postgres://') || value.startsWith('postgresql://')) {
    try {
      new URL(value);
    } catch {
      throw new ConfigError('ROLECALL_DATABASE_URL', 'is not a valid postgres:// URL');
    }
    return Object.freeze({
      kind: 'postgres',
      url: value,
      poolSize: readInteger(env, 'ROLECALL_DATABASE_POOL_SIZE', 10, 1, 200),
      preparedStatements: readBoolean(env, 'ROLECALL_DATABASE_PREPARED_STATEMENTS', true),
    });
  }
  if (value.startsWith('sqlite:')) {
    const file = value.slice('sqlite:'.length).replace(/^\/\//, '');
    if (file === '') throw new ConfigError('ROLECALL_DATABASE_URL', 'sqlite: needs a file path, e.g. sqlite:./data/rolecall.db');
    return Object.freeze({ kind: 'sqlite', file: resolve(file) });
  }
  throw new ConfigError('ROLECALL_DATABASE_URL', `must start with postgres:// or sqlite:, got "${value}"`);
}

function readSecretKey(
  env: Env,
  environment: Config['environment'],
  dataDir: string,
): { key: Buffer; source: Config['secretKeySource'] } {
  const value = read(env, 'ROLECALL_SECRET_KEY');
  if (value !== undefined) return { key: decodeSecretKey(value), source: 'environment' };
  if (environment === 'production') {
    throw new ConfigError('ROLECALL_SECRET_KEY', 'is required in production (32 random bytes, base64 or hex)');
  }
  // Development only: keep one generated key beside the database so restarts can still
  // decrypt what was encrypted before.
  const file = join(dataDir, SECRET_KEY_FILE);
  if (existsSync(file)) return { key: decodeSecretKey(readFileSync(file, 'utf8').trim()), source: 'generated-file' };
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return { key, source: 'generated-file' };
}

function decodeSecretKey(value: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (key.length !== 32) {
    throw new ConfigError('ROLECALL_SECRET_KEY', 'must be 32 bytes encoded as base64 (44 characters) or hex (64 characters)');
  }
  return key;
}

function readSmtp(env: Env): SmtpConfig | undefined {
  const host = read(env, 'ROLECALL_SMTP_HOST');
  if (host === undefined) return undefined;
  const port = readInteger(env, 'ROLECALL_SMTP_PORT', 587, 1, 65535);
  return Object.freeze({
    host,
    port,
    secure: readBoolean(env, 'ROLECALL_SMTP_SECURE', port === 465),
    user: read(env, 'ROLECALL_SMTP_USER'),
    password: read(env, 'ROLECALL_SMTP_PASSWORD'),
  });
}
