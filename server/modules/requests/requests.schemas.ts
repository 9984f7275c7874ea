import { Type } from 'typebox';

const Timestamp = Type.String({ format: 'date-time' });
const Id = Type.String({ minLength: 1, maxLength: 64 });

export const SubmitBody = Type.Object(
  {
    roleId: Id,
    organizationId: Type.Optional(Id),
    newOrganization: Type.Optional(
      Type.Object(
        { submitterId: Type.String({ minLength: 1, maxLength: 40 }), legalName: Type.String({ minLength: 1, maxLength: 200 }) },
        { additionalProperties: false },
      ),
    ),
    reason: Type.String({ minLength: 1, maxLength: 2000, description: 'Reason for the request (required)' }),
  },
  { additionalProperties: false },
);

export const RequestViewSchema = Type.Object({
  id: Type.String(),
  trackingNumber: Type.String({ description: 'The confirmation number, e.g. RR-2026-000123' }),
  status: Type.String({ description: 'pending, approved, rejected, cancelled or expired' }),
  routedTo: Type.String({ description: 'org_approvers or help_desk' }),
  application: Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() }),
  role: Type.Object({ id: Type.String(), code: Type.String(), name: Type.String(), kind: Type.String() }),
  organization: Type.Union([
    Type.Object({
      id: Type.String(),
      submitterId: Type.String(),
      legalName: Type.String(),
      maskedTin: Type.String(),
      orphaned: Type.Boolean(),
    }),
    Type.Null(),
  ]),
  requester: Type.Object({
    id: Type.String(),
    userId: Type.String(),
    firstName: Type.String(),
    lastName: Type.String(),
    email: Type.String(),
  }),
  reason: Type.String(),
  createdAt: Timestamp,
  expiresAt: Timestamp,
  decidedAt: Type.Union([Timestamp, Type.Null()]),
  decisionComment: Type.Union([Type.String(), Type.Null()]),
});

export const RequestPage = Type.Object({
  items: Type.Array(RequestViewSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export const RequestList = Type.Object({ items: Type.Array(RequestViewSchema) });
export const RequestParams = Type.Object({ id: Id });
export const PageQuery = Type.Object(
  { cursor: Type.Optional(Id), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 25 })) },
  { additionalProperties: false },
);
export const DecisionBody = Type.Object(
  {
    decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')]),
    comment: Type.Optional(Type.String({ maxLength: 2000, description: 'Required to reject' })),
  },
  { additionalProperties: false },
);
