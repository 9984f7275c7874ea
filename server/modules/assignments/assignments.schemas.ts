import { Type } from 'typebox';
import { AllowedActions, Id, Nullable, Timestamp } from '../../http/schema-parts.js';
import { RolePolicy } from '../catalog/catalog-document.js';
import { ASSIGNMENT_ACTIONS } from './assignments.policy.js';

const RemovalKindSchema = Type.Union(
  [
    Type.Literal('holder'),
    Type.Literal('approver'),
    Type.Literal('help_desk'),
    Type.Literal('administrator'),
    Type.Literal('certification_revoked'),
    Type.Literal('certification_expired'),
  ],
  {
    description:
      'Who removed it: its holder, an approver, the help desk, an administrator, or its certification (revoked, expired)',
  },
);

export const AssignmentViewSchema = Type.Object({
  id: Type.String(),
  application: Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() }),
  role: Type.Object({ id: Type.String(), code: Type.String(), name: Type.String(), kind: RolePolicy.properties.kind }),
  organization: Nullable(
    Type.Object({
      id: Type.String(),
      submitterId: Type.String(),
      legalName: Type.String(),
      maskedTin: Type.String({ description: 'Only the last digits of the TIN' }),
    }),
  ),
  status: Type.Union([Type.Literal('active'), Type.Literal('removed')]),
  establishedAt: Timestamp,
  lastCertifiedAt: Nullable(Timestamp),
  certificationDueAt: Nullable(Timestamp),
  removedAt: Nullable(Timestamp),
  removalKind: Nullable(RemovalKindSchema),
  removalReason: Nullable(Type.String()),
  allowedActions: AllowedActions(ASSIGNMENT_ACTIONS),
});

export const MyRoles = Type.Object({ assignments: Type.Array(AssignmentViewSchema) });
export const AssignmentParams = Type.Object({ id: Id });
export const RemoveBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 1000 }) },
  { additionalProperties: false },
);
export const HelpDeskBody = Type.Object(
  { userId: Type.String({ minLength: 1, maxLength: 74 }), applicationCode: Type.String({ minLength: 1, maxLength: 40 }) },
  { additionalProperties: false },
);
export const GrantedSchema = Type.Object({ id: Type.String(), certificationDueAt: Nullable(Timestamp) });
