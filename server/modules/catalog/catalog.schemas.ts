import { Type } from 'typebox';
import { RolePolicy } from './catalog-document.js';

export const RoleSchema = Type.Object({
  id: Type.String(),
  applicationId: Type.String(),
  code: Type.String(),
  name: Type.String(),
  description: Type.String(),
  nameEs: Type.String({ description: "The name in Spanish; '' when there is none (show the English one)" }),
  descriptionEs: Type.String({ description: "The description in Spanish; '' when there is none" }),
  kind: RolePolicy.properties.kind,
  scope: RolePolicy.properties.scope,
  approvedBy: RolePolicy.properties.approvedBy,
  certifiedBy: RolePolicy.properties.certifiedBy,
  maxActivePerOrg: Type.Union([Type.Integer(), Type.Null()]),
  requestExpiryDays: Type.Integer(),
  certificationPeriodDays: Type.Integer(),
  includesRoleId: Type.Union([Type.String(), Type.Null()]),
  requestable: Type.Boolean(),
  sortOrder: Type.Integer(),
});

export const ApplicationSchema = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  description: Type.String(),
  nameEs: Type.String({ description: "The name in Spanish; '' when there is none (show the English one)" }),
  descriptionEs: Type.String({ description: "The description in Spanish; '' when there is none" }),
  helpDeskEmail: Type.Union([Type.String(), Type.Null()]),
  status: Type.String(),
  roles: Type.Array(RoleSchema),
});

export const ApplicationList = Type.Object({ items: Type.Array(ApplicationSchema) });
export const ApplicationParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 40 }) });
export const RoleParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const CatalogChanges = Type.Object({
  applications: Type.Array(Type.String()),
  created: Type.Array(Type.String()),
  updated: Type.Array(Type.String()),
  retired: Type.Array(Type.String()),
});

export const RolePolicyPatch = Type.Partial(Type.Omit(RolePolicy, ['code', 'includes']), { additionalProperties: false });

const FieldValue = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]);
const FieldChange = Type.Object({
  field: Type.String({ description: "The document's name of the field, e.g. approvedBy" }),
  before: FieldValue,
  after: FieldValue,
});

/** What applying a catalog document would change (catalog-diff.ts), before it is applied. */
export const CatalogPreview = Type.Object({
  applications: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      change: Type.Union([Type.Literal('added'), Type.Literal('changed'), Type.Literal('unchanged')]),
      fields: Type.Array(FieldChange, { description: "The application's own fields that change (all of them when added)" }),
      roles: Type.Array(
        Type.Object({
          code: Type.String(),
          name: Type.String(),
          change: Type.Union([Type.Literal('added'), Type.Literal('changed'), Type.Literal('retired')]),
          fields: Type.Array(FieldChange, {
            description: 'Added: every field, before null; changed: those that differ; retired: requestable',
          }),
        }),
        { description: 'Only the roles that change' },
      ),
    }),
    { description: 'Every application of the document, in its order' },
  ),
  leftAsTheyAre: Type.Array(Type.String(), {
    description: 'Applications on file the document leaves out: applying leaves them as they are',
  }),
  changes: CatalogChanges,
});
