import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { AppError } from '../../http/errors.js';

/*
 * The role catalog as a document: what a catalog file holds and what an administrator sends to
 * replace it. Each role carries its policy (PRODUCT.md "Applications, roles, organizations").
 */
const Code = Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_-]+$' });

export const RolePolicy = Type.Object(
  {
    code: Code,
    name: Type.String({ minLength: 1, maxLength: 120 }),
    description: Type.Optional(Type.String({ maxLength: 1000 })),
    nameEs: Type.Optional(Type.String({ maxLength: 120, description: 'The name in Spanish; the English one when empty' })),
    descriptionEs: Type.Optional(Type.String({ maxLength: 1000, description: 'The description in Spanish' })),
    kind: Type.Union([
      Type.Literal('end_user'),
      Type.Literal('approver'),
      Type.Literal('backup_approver'),
      Type.Literal('help_desk'),
      Type.Literal('other'),
    ]),
    scope: Type.Union([Type.Literal('organization'), Type.Literal('application')]),
    approvedBy: Type.Union([Type.Literal('org_approvers'), Type.Literal('help_desk'), Type.Literal('administrator')]),
    certifiedBy: Type.Union([Type.Literal('org_approvers'), Type.Literal('help_desk'), Type.Literal('none')]),
    maxActivePerOrg: Type.Union([Type.Integer({ minimum: 1, maximum: 100_000 }), Type.Null()]),
    requestExpiryDays: Type.Integer({ minimum: 1, maximum: 365 }),
    certificationPeriodDays: Type.Integer({ minimum: 1, maximum: 3650 }),
    includes: Type.Union([Code, Type.Null()], { description: 'The code of a role this one also grants' }),
    requestable: Type.Boolean(),
    sortOrder: Type.Integer({ minimum: 0, maximum: 10_000 }),
  },
  { additionalProperties: false },
);
export type RolePolicy = Static<typeof RolePolicy>;

export const ApplicationDocument = Type.Object(
  {
    code: Code,
    name: Type.String({ minLength: 1, maxLength: 120 }),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    nameEs: Type.Optional(Type.String({ maxLength: 120, description: 'The name in Spanish; the English one when empty' })),
    descriptionEs: Type.Optional(Type.String({ maxLength: 2000, description: 'The description in Spanish' })),
    helpDeskEmail: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 254 }), Type.Null()])),
    roles: Type.Array(RolePolicy, { minItems: 1, maxItems: 200 }),
  },
  { additionalProperties: false },
);
export type ApplicationDocument = Static<typeof ApplicationDocument>;

export const CatalogDocument = Type.Object(
  { applications: Type.Array(ApplicationDocument, { minItems: 1, maxItems: 500 }) },
  { additionalProperties: false },
);
export type CatalogDocument = Static<typeof CatalogDocument>;

/**
 * The rules a schema cannot express: codes unique, an included role exists in the same
 * application and is organization-scoped like its includer, org-approved roles are org-scoped.
 * Answers the problems found, each naming where.
 */
export function catalogProblems(catalog: CatalogDocument): string[] {
  const problems: string[] = [];
  const appCodes = new Set<string>();
  for (const app of catalog.applications) {
    if (appCodes.has(app.code)) problems.push(`application ${app.code}: code used twice`);
    appCodes.add(app.code);
    const roles = new Map(app.roles.map((role) => [role.code, role]));
    if (roles.size !== app.roles.length) problems.push(`application ${app.code}: a role code is used twice`);
    for (const role of app.roles) {
      const where = `application ${app.code}, role ${role.code}`;
      if (role.includes !== null) {
        const included = roles.get(role.includes);
        if (!included) problems.push(`${where}: includes unknown role ${role.includes}`);
        else if (included.includes !== null)
          problems.push(`${where}: includes ${role.includes}, which itself includes another role`);
        else if (included.scope !== role.scope) problems.push(`${where}: includes ${role.includes} of another scope`);
      }
      if (role.scope === 'application' && (role.approvedBy === 'org_approvers' || role.certifiedBy === 'org_approvers')) {
        problems.push(`${where}: an application-wide role cannot be approved or certified by an organization's approvers`);
      }
      if (role.scope === 'application' && role.maxActivePerOrg !== null) {
        problems.push(`${where}: an application-wide role has no per-organization limit`);
      }
    }
  }
  return problems;
}

/** Parses and checks a catalog; anything wrong is a `catalog.invalid` naming each problem. */
export function parseCatalog(value: unknown): CatalogDocument {
  if (!Value.Check(CatalogDocument, value)) {
    const problems = [...Value.Errors(CatalogDocument, value)]
      .slice(0, 20)
      .map((error) => `${error.instancePath || '/'} ${error.message}`);
    throw new AppError('catalog.invalid', { problems });
  }
  const problems = catalogProblems(value);
  if (problems.length > 0) throw new AppError('catalog.invalid', { problems });
  return value;
}
