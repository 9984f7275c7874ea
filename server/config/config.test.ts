import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Config, ConfigError, configWarnings, loadConfig } from './config.js';

const HEX_KEY = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';
const BASE64_KEY = Buffer.alloc(32, 0xab).toString('base64');

let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'rolecall-config-'));
});

afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

/** An environment that writes nothing outside the test's own temporary directory. */
function env(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return { ROLECALL_DATA_DIR: dataDir, ROLECALL_SECRET_KEY: HEX_KEY, ...overrides };
}

function configErrorFrom(values: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(values);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('loadConfig accepted a bad configuration');
}

function expectConfigError(values: Record<string, string | undefined>, variable: string): ConfigError {
  const error = configErrorFrom(values);
  expect(error.variable).toBe(variable);
  expect(error.message).toContain(variable);
  expect(error.name).toBe('ConfigError');
  return error;
}

describe('loadConfig defaults', () => {
  it('uses a SQLite file rolecall.db in the data directory', () => {
    const config = loadConfig(env());
    expect(config.dataDir).toBe(dataDir);
    expect(config.database).toEqual({ kind: 'sqlite', file: join(dataDir, 'rolecall.db') });
  });

  it('defaults the data directory to ./data, resolved to an absolute path', () => {
    const config = loadConfig({ ROLECALL_SECRET_KEY: HEX_KEY });
    expect(config.dataDir).toBe(resolve('./data'));
    expect(config.database).toEqual({ kind: 'sqlite', file: join(resolve('./data'), 'rolecall.db') });
  });

  it('resolves a relative data directory against the working directory', () => {
    const config = loadConfig({ ROLECALL_DATA_DIR: 'some/relative/dir', ROLECALL_SECRET_KEY: HEX_KEY });
    expect(config.dataDir).toBe(resolve('some/relative/dir'));
  });

  it('listens on port 3000 and 127.0.0.1 in development, with a matching public URL', () => {
    const config = loadConfig(env());
    expect(config.environment).toBe('development');
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.publicUrl).toBe('http://localhost:3000');
  });

  it('listens on 127.0.0.1 in test', () => {
    expect(loadConfig(env({ ROLECALL_ENV: 'test' })).host).toBe('127.0.0.1');
  });

  it('listens on all interfaces in production', () => {
    expect(loadConfig(env({ ROLECALL_ENV: 'production', ROLECALL_PUBLIC_URL: 'https://idm.example.org' })).host).toBe('0.0.0.0');
  });

  it('uses an explicit host in any environment', () => {
    expect(
      loadConfig(env({ ROLECALL_ENV: 'production', ROLECALL_HOST: '10.1.2.3', ROLECALL_PUBLIC_URL: 'https://idm.example.org' }))
        .host,
    ).toBe('10.1.2.3');
  });

  it('uses the America/New_York time zone', () => {
    expect(loadConfig(env()).timeZone).toBe('America/New_York');
  });

  it('has no SMTP settings, a default sender and a mail viewer outside production', () => {
    const config = loadConfig(env());
    expect(config.smtp).toBeUndefined();
    expect(config.mailFrom).toBe('Rolecall <no-reply@rolecall.localhost>');
    expect(config.mailViewer).toBe(true);
    expect(loadConfig(env({ ROLECALL_ENV: 'production', ROLECALL_PUBLIC_URL: 'https://idm.example.org' })).mailViewer).toBe(
      false,
    );
  });

  it('runs jobs every 30 seconds except in test, and logs silently in test', () => {
    const development = loadConfig(env());
    expect(development.jobs).toEqual({ enabled: true, intervalSeconds: 30, sweepIntervalSeconds: 300 });
    expect(development.logLevel).toBe('info');
    const test = loadConfig(env({ ROLECALL_ENV: 'test' }));
    expect(test.jobs.enabled).toBe(false);
    expect(test.logLevel).toBe('silent');
  });

  it('treats blank values as unset', () => {
    const config = loadConfig(env({ ROLECALL_PORT: '   ', ROLECALL_ENV: '', ROLECALL_TIME_ZONE: ' ' }));
    expect(config.port).toBe(3000);
    expect(config.environment).toBe('development');
    expect(config.timeZone).toBe('America/New_York');
  });
});

describe('loadConfig values', () => {
  it('reads the port and builds the default public URL from it', () => {
    const config = loadConfig(env({ ROLECALL_PORT: '8080' }));
    expect(config.port).toBe(8080);
    expect(config.publicUrl).toBe('http://localhost:8080');
  });

  it('accepts the edges of the port range', () => {
    expect(loadConfig(env({ ROLECALL_PORT: '0' })).port).toBe(0);
    expect(loadConfig(env({ ROLECALL_PORT: '65535' })).port).toBe(65535);
  });

  it('normalises the public URL to origin and path without a trailing slash', () => {
    const config = loadConfig(env({ ROLECALL_PUBLIC_URL: 'https://idm.example.org/rolecall/?x=1#top' }));
    expect(config.publicUrl).toBe('https://idm.example.org/rolecall');
    expect(loadConfig(env({ ROLECALL_PUBLIC_URL: 'https://idm.example.org/' })).publicUrl).toBe('https://idm.example.org');
  });

  it('reads another valid time zone', () => {
    expect(loadConfig(env({ ROLECALL_TIME_ZONE: 'America/Puerto_Rico' })).timeZone).toBe('America/Puerto_Rico');
  });

  it('reads every spelling of a boolean', () => {
    for (const yes of ['1', 'true', 'YES', 'On']) {
      expect(loadConfig(env({ ROLECALL_TRUST_PROXY: yes })).trustProxy).toBe(true);
    }
    for (const no of ['0', 'FALSE', 'no', 'off']) {
      expect(loadConfig(env({ ROLECALL_MAIL_VIEWER: no })).mailViewer).toBe(false);
    }
  });

  it('selects PostgreSQL for a postgres:// URL with a default pool of 10', () => {
    const url = 'postgres://rolecall:secret@db.example.org:5432/rolecall';
    expect(loadConfig(env({ ROLECALL_DATABASE_URL: url })).database).toEqual({
      kind: 'postgres',
      url,
      poolSize: 10,
      preparedStatements: true,
    });
  });

  it('selects PostgreSQL for a postgresql:// URL and reads the pool size', () => {
    const url = 'postgresql://localhost/rolecall';
    const config = loadConfig(
      env({ ROLECALL_DATABASE_URL: url, ROLECALL_DATABASE_POOL_SIZE: '25', ROLECALL_DATABASE_PREPARED_STATEMENTS: 'false' }),
    );
    expect(config.database).toEqual({ kind: 'postgres', url, poolSize: 25, preparedStatements: false });
  });

  it('reads a relative sqlite: URL', () => {
    const config = loadConfig(env({ ROLECALL_DATABASE_URL: 'sqlite:./other/place.db' }));
    expect(config.database).toEqual({ kind: 'sqlite', file: resolve('./other/place.db') });
  });

  it('reads an absolute sqlite:/// URL', () => {
    const file = join(dataDir, 'absolute.db');
    const config = loadConfig(env({ ROLECALL_DATABASE_URL: `sqlite://${file}` }));
    expect(config.database).toEqual({ kind: 'sqlite', file });
  });

  it('reads a sqlite:// URL with a relative path', () => {
    const config = loadConfig(env({ ROLECALL_DATABASE_URL: 'sqlite://relative.db' }));
    expect(config.database).toEqual({ kind: 'sqlite', file: resolve('relative.db') });
  });
});

describe('loadConfig rejects bad values with a ConfigError naming the variable', () => {
  it('a port that is not a whole number', () => {
    for (const port of ['abc', '80a', '-1', '3000.5', '1e3']) {
      expectConfigError(env({ ROLECALL_PORT: port }), 'ROLECALL_PORT');
    }
  });

  it('a port out of range', () => {
    const error = expectConfigError(env({ ROLECALL_PORT: '65536' }), 'ROLECALL_PORT');
    expect(error.message).toContain('65535');
  });

  it('a public URL that is not a URL', () => {
    expectConfigError(env({ ROLECALL_PUBLIC_URL: 'not a url' }), 'ROLECALL_PUBLIC_URL');
    expectConfigError(env({ ROLECALL_PUBLIC_URL: 'idm.example.org' }), 'ROLECALL_PUBLIC_URL');
  });

  it('a public URL that is not http or https', () => {
    expectConfigError(env({ ROLECALL_PUBLIC_URL: 'ftp://idm.example.org' }), 'ROLECALL_PUBLIC_URL');
  });

  it('an unknown ROLECALL_ENV', () => {
    const error = expectConfigError(env({ ROLECALL_ENV: 'staging' }), 'ROLECALL_ENV');
    expect(error.message).toContain('staging');
  });

  it('an unknown log level', () => {
    expectConfigError(env({ ROLECALL_LOG_LEVEL: 'verbose' }), 'ROLECALL_LOG_LEVEL');
  });

  it('a bad boolean', () => {
    expectConfigError(env({ ROLECALL_TRUST_PROXY: 'maybe' }), 'ROLECALL_TRUST_PROXY');
    expectConfigError(env({ ROLECALL_JOBS: '2' }), 'ROLECALL_JOBS');
  });

  it('a bad time zone', () => {
    const error = expectConfigError(env({ ROLECALL_TIME_ZONE: 'Mars/Olympus_Mons' }), 'ROLECALL_TIME_ZONE');
    expect(error.message).toContain('Mars/Olympus_Mons');
  });

  it('a secret key of the wrong length', () => {
    expectConfigError(env({ ROLECALL_SECRET_KEY: 'too-short' }), 'ROLECALL_SECRET_KEY');
    expectConfigError(env({ ROLECALL_SECRET_KEY: HEX_KEY.slice(0, 62) }), 'ROLECALL_SECRET_KEY');
    expectConfigError(env({ ROLECALL_SECRET_KEY: Buffer.alloc(31).toString('base64') }), 'ROLECALL_SECRET_KEY');
    expectConfigError(env({ ROLECALL_SECRET_KEY: Buffer.alloc(33).toString('base64') }), 'ROLECALL_SECRET_KEY');
  });

  it('an unknown database scheme', () => {
    const error = expectConfigError(env({ ROLECALL_DATABASE_URL: 'mysql://localhost/rolecall' }), 'ROLECALL_DATABASE_URL');
    expect(error.message).toContain('mysql://');
  });

  it('a sqlite: URL without a file', () => {
    expectConfigError(env({ ROLECALL_DATABASE_URL: 'sqlite:' }), 'ROLECALL_DATABASE_URL');
    expectConfigError(env({ ROLECALL_DATABASE_URL: 'sqlite://' }), 'ROLECALL_DATABASE_URL');
  });

  it('a malformed postgres:// URL', () => {
    expectConfigError(env({ ROLECALL_DATABASE_URL: 'postgres://user:pw@host:notaport/db' }), 'ROLECALL_DATABASE_URL');
  });

  it('a pool size out of range', () => {
    const url = 'postgres://localhost/rolecall';
    expectConfigError(env({ ROLECALL_DATABASE_URL: url, ROLECALL_DATABASE_POOL_SIZE: '0' }), 'ROLECALL_DATABASE_POOL_SIZE');
    expectConfigError(env({ ROLECALL_DATABASE_URL: url, ROLECALL_DATABASE_POOL_SIZE: '201' }), 'ROLECALL_DATABASE_POOL_SIZE');
  });

  it('a jobs interval out of range', () => {
    expectConfigError(env({ ROLECALL_JOBS_INTERVAL_SECONDS: '0' }), 'ROLECALL_JOBS_INTERVAL_SECONDS');
    expectConfigError(env({ ROLECALL_JOBS_INTERVAL_SECONDS: '86401' }), 'ROLECALL_JOBS_INTERVAL_SECONDS');
  });

  it('a bad SMTP port', () => {
    expectConfigError(env({ ROLECALL_SMTP_HOST: 'smtp.example.org', ROLECALL_SMTP_PORT: '0' }), 'ROLECALL_SMTP_PORT');
    expectConfigError(env({ ROLECALL_SMTP_HOST: 'smtp.example.org', ROLECALL_SMTP_PORT: 'smtp' }), 'ROLECALL_SMTP_PORT');
  });
});

describe('the secret key', () => {
  it('is required in production', () => {
    const error = expectConfigError(
      { ROLECALL_DATA_DIR: dataDir, ROLECALL_ENV: 'production', ROLECALL_PUBLIC_URL: 'https://idm.example.org' },
      'ROLECALL_SECRET_KEY',
    );
    expect(error.message).toContain('production');
    expect(existsSync(join(dataDir, 'secret.key'))).toBe(false);
  });

  it('is not taken from a generated file in production', () => {
    loadConfig({ ROLECALL_DATA_DIR: dataDir });
    expect(existsSync(join(dataDir, 'secret.key'))).toBe(true);
    expectConfigError(
      { ROLECALL_DATA_DIR: dataDir, ROLECALL_ENV: 'production', ROLECALL_PUBLIC_URL: 'https://idm.example.org' },
      'ROLECALL_SECRET_KEY',
    );
  });

  it('accepts 64 hex characters', () => {
    const config = loadConfig(env({ ROLECALL_SECRET_KEY: HEX_KEY }));
    expect(config.secretKey.equals(Buffer.from(HEX_KEY, 'hex'))).toBe(true);
    expect(config.secretKeySource).toBe('environment');
  });

  it('accepts upper-case hex', () => {
    const config = loadConfig(env({ ROLECALL_SECRET_KEY: HEX_KEY.toUpperCase() }));
    expect(config.secretKey.equals(Buffer.from(HEX_KEY, 'hex'))).toBe(true);
  });

  it('accepts base64', () => {
    const config = loadConfig(env({ ROLECALL_SECRET_KEY: BASE64_KEY }));
    expect(config.secretKey.equals(Buffer.alloc(32, 0xab))).toBe(true);
    expect(config.secretKeySource).toBe('environment');
  });

  it('does not write a key file when the key comes from the environment', () => {
    loadConfig(env());
    expect(existsSync(join(dataDir, 'secret.key'))).toBe(false);
  });

  it('is generated once in development into the data directory with mode 0600', () => {
    const config = loadConfig({ ROLECALL_DATA_DIR: dataDir });
    const file = join(dataDir, 'secret.key');
    expect(config.secretKeySource).toBe('generated-file');
    expect(config.secretKey.length).toBe(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64').equals(config.secretKey)).toBe(true);
  });

  it('is reused from the generated file on the next load', () => {
    const first = loadConfig({ ROLECALL_DATA_DIR: dataDir });
    const fileBefore = readFileSync(join(dataDir, 'secret.key'), 'utf8');
    const second = loadConfig({ ROLECALL_DATA_DIR: dataDir });
    expect(second.secretKeySource).toBe('generated-file');
    expect(second.secretKey.equals(first.secretKey)).toBe(true);
    expect(readFileSync(join(dataDir, 'secret.key'), 'utf8')).toBe(fileBefore);
  });

  it('is generated differently in different data directories', () => {
    const otherDir = mkdtempSync(join(tmpdir(), 'rolecall-config-'));
    try {
      const first = loadConfig({ ROLECALL_DATA_DIR: dataDir });
      const second = loadConfig({ ROLECALL_DATA_DIR: otherDir });
      expect(second.secretKey.equals(first.secretKey)).toBe(false);
    } finally {
      rmSync(otherDir, { recursive: true, force: true });
    }
  });

  it('creates a missing data directory to hold the generated key', () => {
    const nested = join(dataDir, 'not', 'yet');
    loadConfig({ ROLECALL_DATA_DIR: nested });
    expect(existsSync(join(nested, 'secret.key'))).toBe(true);
  });

  it('reads an existing key file written in hex', () => {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'secret.key'), `${HEX_KEY}\n`);
    const config = loadConfig({ ROLECALL_DATA_DIR: dataDir, ROLECALL_ENV: 'test' });
    expect(config.secretKey.equals(Buffer.from(HEX_KEY, 'hex'))).toBe(true);
  });

  it('refuses a corrupt key file, naming the variable', () => {
    writeFileSync(join(dataDir, 'secret.key'), 'short\n');
    expectConfigError({ ROLECALL_DATA_DIR: dataDir }, 'ROLECALL_SECRET_KEY');
  });
});

describe('SMTP settings', () => {
  it('default to port 587 without implicit TLS', () => {
    const config = loadConfig(env({ ROLECALL_SMTP_HOST: 'smtp.example.org' }));
    expect(config.smtp).toEqual({ host: 'smtp.example.org', port: 587, secure: false, user: undefined, password: undefined });
  });

  it('use implicit TLS by default on port 465', () => {
    const config = loadConfig(env({ ROLECALL_SMTP_HOST: 'smtp.example.org', ROLECALL_SMTP_PORT: '465' }));
    expect(config.smtp?.port).toBe(465);
    expect(config.smtp?.secure).toBe(true);
  });

  it('let ROLECALL_SMTP_SECURE override the default', () => {
    const off = loadConfig(
      env({ ROLECALL_SMTP_HOST: 'smtp.example.org', ROLECALL_SMTP_PORT: '465', ROLECALL_SMTP_SECURE: 'false' }),
    );
    expect(off.smtp?.secure).toBe(false);
    const on = loadConfig(env({ ROLECALL_SMTP_HOST: 'smtp.example.org', ROLECALL_SMTP_SECURE: 'true' }));
    expect(on.smtp?.secure).toBe(true);
  });

  it('read the user, password and sender', () => {
    const config = loadConfig(
      env({
        ROLECALL_SMTP_HOST: 'smtp.example.org',
        ROLECALL_SMTP_PORT: '2525',
        ROLECALL_SMTP_USER: 'mailer',
        ROLECALL_SMTP_PASSWORD: 'p4ss',
        ROLECALL_MAIL_FROM: 'Help <help@example.org>',
      }),
    );
    expect(config.smtp).toEqual({ host: 'smtp.example.org', port: 2525, secure: false, user: 'mailer', password: 'p4ss' });
    expect(config.mailFrom).toBe('Help <help@example.org>');
  });

  it('ignore the SMTP port when no host is set', () => {
    expect(loadConfig(env({ ROLECALL_SMTP_PORT: 'junk' })).smtp).toBeUndefined();
  });
});

describe('the loaded configuration', () => {
  it('is frozen', () => {
    const config = loadConfig(env({ ROLECALL_SMTP_HOST: 'smtp.example.org' }));
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.jobs)).toBe(true);
    expect(Object.isFrozen(config.smtp)).toBe(true);
    expect(() => {
      (config as { port: number }).port = 1;
    }).toThrow(TypeError);
    expect(() => {
      (config.jobs as { enabled: boolean }).enabled = false;
    }).toThrow(TypeError);
    expect(config.port).toBe(3000);
    expect(config.jobs.enabled).toBe(true);
  });

  it('freezes the database settings too', () => {
    const config = loadConfig(env());
    expect(Object.isFrozen(config.database)).toBe(true);
  });
});

describe('configWarnings', () => {
  function warningsFor(values: Record<string, string | undefined>): { config: Config; warnings: string[] } {
    const config = loadConfig(values);
    return { config, warnings: configWarnings(config) };
  }

  it('mentions the generated key and where it is', () => {
    const { warnings } = warningsFor({ ROLECALL_DATA_DIR: dataDir });
    const keyWarning = warnings.find((warning) => warning.includes('ROLECALL_SECRET_KEY'));
    expect(keyWarning).toBeDefined();
    expect(keyWarning).toContain(join(dataDir, 'secret.key'));
  });

  it('mentions missing SMTP', () => {
    const { warnings } = warningsFor(env());
    expect(warnings.some((warning) => warning.includes('ROLECALL_SMTP_HOST'))).toBe(true);
  });

  it('are empty for a key from the environment and SMTP outside production', () => {
    const { warnings } = warningsFor(env({ ROLECALL_SMTP_HOST: 'smtp.example.org' }));
    expect(warnings).toEqual([]);
  });

  it('mention the mail viewer and a non-https public URL in production', () => {
    const { warnings } = warningsFor(
      env({
        ROLECALL_ENV: 'production',
        ROLECALL_SMTP_HOST: 'smtp.example.org',
        ROLECALL_MAIL_VIEWER: 'on',
        ROLECALL_ALLOW_HTTP: 'true',
      }),
    );
    expect(warnings).toHaveLength(3);
    expect(warnings.some((warning) => warning.includes('ROLECALL_PHONE_CODES'))).toBe(true);
    expect(warnings.some((warning) => warning.includes('ROLECALL_MAIL_VIEWER'))).toBe(true);
    expect(warnings.some((warning) => warning.includes('ROLECALL_PUBLIC_URL'))).toBe(true);
  });

  it('say where undelivered mail goes: the mail viewer, or nowhere anyone can read when it is off', () => {
    const viewer = warningsFor(env()).warnings.find((warning) => warning.includes('ROLECALL_SMTP_HOST'));
    expect(viewer).toContain('mail viewer (/dev/outbox)');
    const none = warningsFor(env({ ROLECALL_MAIL_VIEWER: 'off' })).warnings.find((warning) =>
      warning.includes('ROLECALL_SMTP_HOST'),
    );
    expect(none).toContain('nobody can read it');
    expect(none).not.toContain('shown by the mail viewer');
  });

  it('are empty for a well-configured production server', () => {
    const { warnings } = warningsFor(
      env({ ROLECALL_ENV: 'production', ROLECALL_SMTP_HOST: 'smtp.example.org', ROLECALL_PUBLIC_URL: 'https://idm.example.org' }),
    );
    expect(warnings).toEqual([]);
  });
});

describe('the public URL in production', () => {
  it('must be https unless plain http is explicitly allowed', () => {
    const error = expectConfigError(
      env({ ROLECALL_ENV: 'production', ROLECALL_PUBLIC_URL: 'http://idm.example.org' }),
      'ROLECALL_PUBLIC_URL',
    );
    expect(error.message).toContain('https');
    expect(error.message).toContain('ROLECALL_ALLOW_HTTP');
    expectConfigError(env({ ROLECALL_ENV: 'production' }), 'ROLECALL_PUBLIC_URL');
    const allowed = loadConfig(
      env({ ROLECALL_ENV: 'production', ROLECALL_PUBLIC_URL: 'http://idm.internal', ROLECALL_ALLOW_HTTP: 'true' }),
    );
    expect(allowed.publicUrl).toBe('http://idm.internal');
    expect(loadConfig(env({ ROLECALL_PUBLIC_URL: 'http://localhost:3000' })).publicUrl).toBe('http://localhost:3000');
  });
});

describe('what pages offer', () => {
  it('shows the US government banner only when the operator turns it on', () => {
    expect(loadConfig(env()).governmentBanner).toBe(false);
    expect(loadConfig(env({ ROLECALL_GOV_BANNER: 'true' })).governmentBanner).toBe(true);
  });

  it('offers text and voice codes only where the outbox they go to can be read, unless set', () => {
    expect(loadConfig(env()).phoneCodes).toBe(true);
    expect(loadConfig(env({ ROLECALL_MAIL_VIEWER: 'off' })).phoneCodes).toBe(false);
    expect(loadConfig(env({ ROLECALL_ENV: 'production', ROLECALL_PUBLIC_URL: 'https://idm.example.org' })).phoneCodes).toBe(
      false,
    );
    expect(loadConfig(env({ ROLECALL_MAIL_VIEWER: 'off', ROLECALL_PHONE_CODES: 'on' })).phoneCodes).toBe(true);
  });
});

describe('account rules and the role catalog', () => {
  it('defaults to the rules of PRODUCT.md', () => {
    expect(loadConfig(env()).accounts).toEqual({
      authRateLimit: 20,
      lockoutThreshold: 3,
      lockoutMinutes: 60,
      sessionIdleWarningMinutes: 20,
      sessionIdleMinutes: 30,
      sessionMaxHours: 12,
      dormantDays: 60,
      passwordHistory: 6,
      passwordMinAgeHours: 24,
    });
  });

  it('takes each rule from its variable and refuses nonsense', () => {
    expect(loadConfig(env({ ROLECALL_LOCKOUT_THRESHOLD: '5', ROLECALL_DORMANT_DAYS: '90' })).accounts).toMatchObject({
      lockoutThreshold: 5,
      dormantDays: 90,
    });
    expectConfigError(env({ ROLECALL_LOCKOUT_THRESHOLD: '0' }), 'ROLECALL_LOCKOUT_THRESHOLD');
    expectConfigError(env({ ROLECALL_SESSION_IDLE_WARNING_MINUTES: '30' }), 'ROLECALL_SESSION_IDLE_WARNING_MINUTES');
  });

  it('applies the shipped SPOT catalog unless told otherwise', () => {
    expect(loadConfig(env()).catalogFile).toBe(resolve('catalog/spot.json'));
    expect(loadConfig(env({ ROLECALL_CATALOG_FILE: '' })).catalogFile).toBeUndefined();
    expectConfigError(env({ ROLECALL_CATALOG_FILE: join(dataDir, 'missing.json') }), 'ROLECALL_CATALOG_FILE');
  });
});

describe('annual role certification', () => {
  it("defaults to CMS's legacy rule and a 60-day list", () => {
    expect(loadConfig(env()).certification).toEqual({
      legacyCutoff: '2021-07-01',
      legacyFirstDue: '2022-07-15',
      windowDays: 60,
      unusedDays: 90,
    });
  });

  it('takes other dates, or none when both are empty', () => {
    expect(
      loadConfig(
        env({
          ROLECALL_CERTIFICATION_LEGACY_CUTOFF: '2024-01-01',
          ROLECALL_CERTIFICATION_LEGACY_DUE: '2024-12-31',
          ROLECALL_CERTIFICATION_WINDOW_DAYS: '30',
          ROLECALL_CERTIFICATION_UNUSED_DAYS: '180',
        }),
      ).certification,
    ).toEqual({ legacyCutoff: '2024-01-01', legacyFirstDue: '2024-12-31', windowDays: 30, unusedDays: 180 });
    expectConfigError(env({ ROLECALL_CERTIFICATION_UNUSED_DAYS: '0' }), 'ROLECALL_CERTIFICATION_UNUSED_DAYS');
    expect(
      loadConfig(env({ ROLECALL_CERTIFICATION_LEGACY_CUTOFF: '', ROLECALL_CERTIFICATION_LEGACY_DUE: '' })).certification,
    ).toMatchObject({ legacyCutoff: undefined, legacyFirstDue: undefined });
  });

  it('refuses dates that are not dates, half a rule, a due date before the cutoff and a bad window', () => {
    expectConfigError(env({ ROLECALL_CERTIFICATION_LEGACY_CUTOFF: '2021-02-30' }), 'ROLECALL_CERTIFICATION_LEGACY_CUTOFF');
    expectConfigError(env({ ROLECALL_CERTIFICATION_LEGACY_DUE: 'July 15, 2022' }), 'ROLECALL_CERTIFICATION_LEGACY_DUE');
    expectConfigError(env({ ROLECALL_CERTIFICATION_LEGACY_CUTOFF: '' }), 'ROLECALL_CERTIFICATION_LEGACY_DUE');
    expectConfigError(env({ ROLECALL_CERTIFICATION_LEGACY_DUE: '' }), 'ROLECALL_CERTIFICATION_LEGACY_CUTOFF');
    expectConfigError(env({ ROLECALL_CERTIFICATION_LEGACY_DUE: '2021-06-30' }), 'ROLECALL_CERTIFICATION_LEGACY_DUE');
    expectConfigError(env({ ROLECALL_CERTIFICATION_WINDOW_DAYS: '0' }), 'ROLECALL_CERTIFICATION_WINDOW_DAYS');
  });
});
