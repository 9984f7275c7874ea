import { Type } from 'typebox';

const Timestamp = Type.String({ format: 'date-time' });

export const AssignmentViewSchema = Type.Object({
  id: Type.String(),
  application: Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() }),
  role: Type.Object({ id: Type.String(), code: Type.String(), name: Type.String(), kind: Type.String() }),
  organization: Type.Union([
    Type.Object({
      id: Type.String(),
      submitterId: Type.String(),
      legalName: Type.String(),
      maskedTin: Type.String({ description: 'Only the last digits of the TIN' }),
    }),
    Type.Null(),
  ]),
  status: Type.Union([Type.Literal('active'), Type.Literal('removed')]),
  establishedAt: Timestamp,
  lastCertifiedAt: Type.Union([Timestamp, Type.Null()]),
  certificationDueAt: Type.Union([Timestamp, Type.Null()]),
  removedAt: Type.Union([Timestamp, Type.Null()]),
  removalKind: Type.Union([Type.String(), Type.Null()]),
  removalReason: Type.Union([Type.String(), Type.Null()]),
});

export const MyRoles = Type.Object({ assignments: Type.Array(AssignmentViewSchema) });
export const AssignmentParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
export const RemoveBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 1000 }) },
  { additionalProperties: false },
);
export const HelpDeskBody = Type.Object(
  { userId: Type.String({ minLength: 1, maxLength: 74 }), applicationCode: Type.String({ minLength: 1, maxLength: 40 }) },
  { additionalProperties: false },
);
export const GrantedSchema = Type.Object({ id: Type.String(), certificationDueAt: Type.Union([Timestamp, Type.Null()]) });
