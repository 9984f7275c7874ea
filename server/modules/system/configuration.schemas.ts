import { Type } from 'typebox';
import { Nullable } from '../../http/schema-parts.js';

/** A secret is never shown: only whether it is set. */
const Secret = Type.Union([Type.Literal('hidden'), Type.Literal('not_set')], {
  description: "A secret's value is never answered: 'hidden' when it is set, 'not_set' when it is not",
});

const DatabaseSchema = Type.Union([
  Type.Object({ kind: Type.Literal('sqlite'), file: Type.String() }),
  Type.Object({
    kind: Type.Literal('postgres'),
    host: Type.String(),
    port: Nullable(Type.Integer()),
    name: Type.String({ description: 'The database named in the URL' }),
    user: Type.String(),
    password: Secret,
    parameters: Type.Array(Type.String(), { description: "The names of the URL's parameters; their values are not shown" }),
    poolSize: Type.Integer(),
    preparedStatements: Type.Boolean(),
  }),
]);

/**
 * The running configuration (server/config/config.ts) as administrators read it: every value an
 * operator set or left to its default, and no secret (the secret key, the database password, the
 * SMTP password, the database URL's parameters).
 */
export const ConfigurationSchema = Type.Object({
  environment: Type.Union([Type.Literal('development'), Type.Literal('production'), Type.Literal('test')]),
  publicUrl: Type.String(),
  host: Type.String(),
  port: Type.Integer(),
  trustProxy: Type.Boolean(),
  dataDir: Type.String(),
  webDir: Type.String(),
  timeZone: Type.String(),
  logLevel: Type.String(),
  governmentBanner: Type.Boolean(),
  phoneCodes: Type.Boolean(),
  mailViewer: Type.Boolean({ description: 'Administrators read undelivered mail at /dev/outbox' }),
  catalogFile: Nullable(Type.String()),
  database: DatabaseSchema,
  secretKey: Type.Object({
    value: Secret,
    source: Type.Union([Type.Literal('environment'), Type.Literal('generated-file')]),
  }),
  mail: Type.Object({
    from: Type.String(),
    smtp: Nullable(
      Type.Object({
        host: Type.String(),
        port: Type.Integer(),
        secure: Type.Boolean(),
        user: Nullable(Type.String()),
        password: Secret,
      }),
    ),
  }),
  jobs: Type.Object({ enabled: Type.Boolean(), intervalSeconds: Type.Integer() }),
  accounts: Type.Object({
    authRateLimit: Type.Integer(),
    lockoutThreshold: Type.Integer(),
    lockoutMinutes: Type.Integer(),
    sessionIdleWarningMinutes: Type.Integer(),
    sessionIdleMinutes: Type.Integer(),
    sessionMaxHours: Type.Integer(),
    dormantDays: Type.Integer(),
    passwordHistory: Type.Integer(),
    passwordMinAgeHours: Type.Integer(),
  }),
  certification: Type.Object({
    legacyCutoff: Nullable(Type.String()),
    legacyFirstDue: Nullable(Type.String()),
    windowDays: Type.Integer(),
    unusedDays: Type.Integer(),
  }),
});
