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
