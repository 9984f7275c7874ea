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

export const MyRoles = Type.Object({
  assignments: Type.Array(AssignmentViewSchema, { description: 'Held and removed, newest first' }),
  nextCursor: Nullable(Type.String({ description: 'The cursor of the next page; null on the last' })),
});
export const MyRolesQuery = Type.Object(
  {
    cursor: Type.Optional(Type.String({ format: 'uuid', description: 'The nextCursor of the previous page' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
);
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

/** My organization: the organization, by id. */
export const OrganizationParams = Type.Object({ id: Id });

export const EndUsersQuery = Type.Object(
  {
    cursor: Type.Optional(
      Type.String({ minLength: 1, maxLength: 300, pattern: '^[A-Za-z0-9_-]+$', description: "A page's nextCursor" }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 25 })),
  },
  { additionalProperties: false },
);

/** An end user's role in an organization, as its approvers see it on My organization. */
export const EndUserRoleSchema = Type.Object({
  id: Id,
  holder: Type.Object({
    id: Id,
    userId: Type.String(),
    firstName: Type.String(),
    lastName: Type.String(),
    email: Type.String(),
    lastSignInAt: Nullable(Timestamp),
  }),
  application: Type.Object({ id: Id, code: Type.String(), name: Type.String() }),
  role: Type.Object({ id: Id, code: Type.String(), name: Type.String(), kind: RolePolicy.properties.kind }),
  establishedAt: Timestamp,
  lastCertifiedAt: Nullable(Timestamp),
  certificationDueAt: Nullable(Timestamp),
  lastUsedAt: Type.Union([Timestamp, Type.Null()], {
    description: "When the holder last signed in to the role's application through Rolecall; null when never",
  }),
  allowedActions: AllowedActions(ASSIGNMENT_ACTIONS),
});

export const EndUserRolePage = Type.Object({
  items: Type.Array(EndUserRoleSchema),
  nextCursor: Nullable(Type.String({ description: 'The next page: send it back as `cursor`' })),
});
