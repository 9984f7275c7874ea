import type { ApplicationDocument, CatalogDocument, RolePolicy } from './catalog-document.js';

/*
 * What applying a catalog document would change, worked out without changing anything, so an
 * administrator sees it before applying: the applications and roles added, changed and retired,
 * each changed field with its value before and after. It follows the same rules as applying
 * (catalog.service.ts): a role the document leaves out stops being requestable (retired), an
 * application it leaves out is left as it is.
 */

export type FieldValue = string | number | boolean | null;

export interface FieldChange {
  field: string;
  before: FieldValue;
  after: FieldValue;
}

export interface RoleDiff {
  code: string;
  name: string;
  change: 'added' | 'changed' | 'retired';
  /** Added: every field, each with `before` null. Changed: the fields that differ. Retired: requestable. */
  fields: FieldChange[];
}

export interface ApplicationDiff {
  code: string;
  name: string;
  /** `unchanged` when neither the application's own fields nor any of its roles change. */
  change: 'added' | 'changed' | 'unchanged';
  fields: FieldChange[];
  /** Only the roles that change. */
  roles: RoleDiff[];
}

/** The names applying answers (`CatalogChanges`): each role as `APP/role`. */
export interface CatalogChangeNames {
  applications: string[];
  created: string[];
  updated: string[];
  retired: string[];
}

export interface CatalogDiff {
  /** Every application of the document, in its order. */
  applications: ApplicationDiff[];
  /** Codes of the applications on file that the document leaves out: applying leaves them as they are. */
  leftAsTheyAre: string[];
  /** What applying the document would answer. */
  changes: CatalogChangeNames;
}

const APPLICATION_FIELDS = ['name', 'description', 'nameEs', 'descriptionEs', 'helpDeskEmail'] as const;
const ROLE_FIELDS = [
  'name',
  'description',
  'nameEs',
  'descriptionEs',
  'kind',
  'scope',
  'approvedBy',
  'certifiedBy',
  'maxActivePerOrg',
  'requestExpiryDays',
  'certificationPeriodDays',
  'includes',
  'requestable',
  'sortOrder',
] as const;

type ApplicationValues = Record<(typeof APPLICATION_FIELDS)[number], FieldValue>;
type RoleValues = Record<(typeof ROLE_FIELDS)[number], FieldValue>;

/** An application's own fields as stored: a text left out is '', an email left out is none. */
function applicationValues(app: ApplicationDocument): ApplicationValues {
  return {
    name: app.name,
    description: app.description ?? '',
    nameEs: app.nameEs ?? '',
    descriptionEs: app.descriptionEs ?? '',
    helpDeskEmail: app.helpDeskEmail ?? null,
  };
}

function roleValues(role: RolePolicy): RoleValues {
  return {
    name: role.name,
    description: role.description ?? '',
    nameEs: role.nameEs ?? '',
    descriptionEs: role.descriptionEs ?? '',
    kind: role.kind,
    scope: role.scope,
    approvedBy: role.approvedBy,
    certifiedBy: role.certifiedBy,
    maxActivePerOrg: role.maxActivePerOrg,
    requestExpiryDays: role.requestExpiryDays,
    certificationPeriodDays: role.certificationPeriodDays,
    includes: role.includes,
    requestable: role.requestable,
    sortOrder: role.sortOrder,
  };
}

function fieldChanges<F extends string>(fields: readonly F[], before: Record<F, FieldValue>, after: Record<F, FieldValue>) {
  return fields
    .filter((field) => before[field] !== after[field])
    .map((field) => ({ field, before: before[field], after: after[field] }));
}

function allFields<F extends string>(fields: readonly F[], after: Record<F, FieldValue>): FieldChange[] {
  return fields.map((field) => ({ field, before: null, after: after[field] }));
}

/**
 * The difference between the catalog on file (`current`, in its document form, every role kept
 * whether requestable or not) and a checked document that would replace it.
 */
export function catalogDiff(current: CatalogDocument['applications'], next: CatalogDocument): CatalogDiff {
  const changes: CatalogChangeNames = { applications: [], created: [], updated: [], retired: [] };
  const applications: ApplicationDiff[] = [];
  for (const doc of next.applications) {
    changes.applications.push(doc.code);
    const before = current.find((app) => app.code === doc.code);
    if (!before) {
      const roles: RoleDiff[] = doc.roles.map((role) => ({
        code: role.code,
        name: role.name,
        change: 'added',
        fields: allFields(ROLE_FIELDS, roleValues(role)),
      }));
      changes.created.push(...doc.roles.map((role) => `${doc.code}/${role.code}`));
      applications.push({
        code: doc.code,
        name: doc.name,
        change: 'added',
        fields: allFields(APPLICATION_FIELDS, applicationValues(doc)),
        roles,
      });
      continue;
    }

    const roles: RoleDiff[] = [];
    // Applying writes a role's inclusion after every role exists: a role whose inclusion alone
    // changes is named after those whose other fields change.
    const inclusionOnly: string[] = [];
    for (const role of doc.roles) {
      const name = `${doc.code}/${role.code}`;
      const old = before.roles.find((candidate) => candidate.code === role.code);
      if (!old) {
        roles.push({ code: role.code, name: role.name, change: 'added', fields: allFields(ROLE_FIELDS, roleValues(role)) });
        changes.created.push(name);
        continue;
      }
      const fields = fieldChanges(ROLE_FIELDS, roleValues(old), roleValues(role));
      if (fields.length === 0) continue;
      roles.push({ code: role.code, name: role.name, change: 'changed', fields });
      if (fields.some((field) => field.field !== 'includes')) changes.updated.push(name);
      else inclusionOnly.push(name);
    }
    changes.updated.push(...inclusionOnly);
    for (const old of before.roles) {
      if (doc.roles.some((role) => role.code === old.code) || !old.requestable) continue;
      roles.push({
        code: old.code,
        name: old.name,
        change: 'retired',
        fields: [{ field: 'requestable', before: true, after: false }],
      });
      changes.retired.push(`${doc.code}/${old.code}`);
    }
    const fields = fieldChanges(APPLICATION_FIELDS, applicationValues(before), applicationValues(doc));
    applications.push({
      code: doc.code,
      name: doc.name,
      change: fields.length > 0 || roles.length > 0 ? 'changed' : 'unchanged',
      fields,
      roles,
    });
  }
  const leftAsTheyAre = current.filter((app) => !next.applications.some((doc) => doc.code === app.code)).map((app) => app.code);
  return { applications, leftAsTheyAre, changes };
}
