import { Type } from 'typebox';
import { AllowedActions, Id, Nullable, Timestamp } from '../../http/schema-parts.js';

const CALENDAR_DATE = '^\\d{4}-\\d{2}-\\d{2}$';
const CalendarDate = Type.String({ pattern: CALENDAR_DATE, description: 'YYYY-MM-DD, in the program time zone' });
/** A version of the acknowledgement text: 1 is published by a migration, each new one adds 1. */
const AcknowledgementVersionNumber = Type.Integer({ minimum: 1 });
const Count = Type.Integer({ minimum: 0 });

export const AcknowledgementSchema = Type.Object({
  version: AcknowledgementVersionNumber,
  text: Type.String({ description: 'In the language of the request' }),
  textEn: Type.String(),
  textEs: Type.String(),
  publishedAt: Timestamp,
});

export const AcknowledgementVersionList = Type.Object({
  items: Type.Array(
    Type.Object({ version: AcknowledgementVersionNumber, textEn: Type.String(), textEs: Type.String(), publishedAt: Timestamp }),
    { description: 'Newest first; the first is the text decisions must acknowledge' },
  ),
  limit: Type.Integer({ minimum: 1, description: 'The most versions listed; older ones are left out' }),
});

export const PublishAcknowledgementBody = Type.Object(
  { textEn: Type.String({ minLength: 1, maxLength: 5000 }), textEs: Type.String({ minLength: 1, maxLength: 5000 }) },
  { additionalProperties: false },
);

const personFields = {
  id: Id,
  userId: Type.String(),
  firstName: Type.String(),
  lastName: Type.String(),
  email: Type.String({ format: 'email' }),
};
const HolderSchema = Type.Object({ ...personFields, lastSignInAt: Nullable(Timestamp) });

const ApplicationSchema = Type.Object({ id: Id, code: Type.String(), name: Type.String() });
const RoleKind = Type.Union([
  Type.Literal('end_user'),
  Type.Literal('approver'),
  Type.Literal('backup_approver'),
  Type.Literal('help_desk'),
  Type.Literal('other'),
]);
const RoleSchema = Type.Object({ id: Id, code: Type.String(), name: Type.String(), kind: RoleKind });
const OrganizationSchema = Nullable(Type.Object({ id: Id, submitterId: Type.String(), legalName: Type.String() }));

export const CertificationItemSchema = Type.Object({
  assignmentId: Id,
  holder: HolderSchema,
  application: ApplicationSchema,
  role: RoleSchema,
  organization: OrganizationSchema,
  establishedAt: Timestamp,
  lastCertifiedAt: Nullable(Timestamp),
  dueAt: Timestamp,
  dueDay: Type.String({
    pattern: CALENDAR_DATE,
    description: 'The due day (YYYY-MM-DD) in the program time zone; the role is removed when it ends',
  }),
  daysLeft: Type.Integer({ description: 'Days from today to the due day: 0 on the day, negative when overdue' }),
  certifiedAs: Type.Union([Type.Literal('org_approvers'), Type.Literal('help_desk')], {
    description: 'Why the caller may certify it: an approver of the organization, or the help desk',
  }),
  onFile: Nullable(
    Type.Object(
      {
        firstName: Type.String(),
        lastName: Type.String(),
        email: Type.String(),
        nameMatches: Type.Boolean(),
        emailMatches: Type.Boolean(),
        matches: Type.Boolean(),
      },
      { description: 'Approver roles: the person on file for the role, and whether the holder matches' },
    ),
  ),
  usage: Type.Object(
    {
      lastSignInAt: Nullable(Timestamp),
      daysSince: Nullable(Type.Integer({ minimum: 0, description: 'Whole days since the last sign-in' })),
      flag: Nullable(Type.Union([Type.Literal('never_used'), Type.Literal('unused')])),
      unusedDays: Type.Integer({ minimum: 1 }),
    },
    {
      description:
        "When the holder last signed in to the role's application through Rolecall; flagged never_used when never, " +
        'unused after ROLECALL_CERTIFICATION_UNUSED_DAYS without',
    },
  ),
  allowedActions: AllowedActions(['certify', 'revoke']),
});

export const CertificationPage = Type.Object({
  items: Type.Array(CertificationItemSchema),
  nextCursor: Nullable(Type.String({ description: 'The next page: send it back as `cursor`' })),
  windowDays: Type.Integer({ minimum: 1, description: 'The list window: roles due within this many days are listed' }),
});

export const CertificationPageQuery = Type.Object(
  {
    cursor: Type.Optional(
      Type.String({ minLength: 1, maxLength: 300, pattern: '^[A-Za-z0-9_-]+$', description: "A page's nextCursor" }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  },
  { additionalProperties: false },
);

export const HolderParams = Type.Object({ userId: Id });

export const HolderDetails = Type.Object({ holder: HolderSchema, items: Type.Array(CertificationItemSchema) });

export const DecisionBody = Type.Object(
  {
    outcome: Type.Union([Type.Literal('certify'), Type.Literal('revoke')]),
    acknowledged: Type.Optional(Type.Boolean({ description: '"I acknowledge": must be true' })),
    acknowledgementVersion: Type.Integer({ minimum: 1, description: 'The version of the text the certifier acknowledged' }),
    assignmentIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 10_000, description: 'One row, or the selection' })),
    all: Type.Optional(Type.Boolean({ description: 'The whole list due now for this certifier' })),
    reason: Type.Optional(Type.String({ maxLength: 2000, description: 'Revoke: the reason kept with the removal' })),
  },
  { additionalProperties: false },
);

export const DecisionResultSchema = Type.Object({
  outcome: Type.Union([Type.Literal('certified'), Type.Literal('revoked')]),
  count: Count,
  decidedAt: Timestamp,
  acknowledgementVersion: AcknowledgementVersionNumber,
  assignmentIds: Type.Array(Id),
});

export const ExpiringQuery = Type.Object({ date: CalendarDate }, { additionalProperties: false });

export const ExpiringList = Type.Object({
  date: CalendarDate,
  removedAfter: Timestamp,
  items: Type.Array(
    Type.Object({
      assignmentId: Id,
      holder: Type.Object(personFields),
      application: ApplicationSchema,
      role: RoleSchema,
      organization: OrganizationSchema,
      dueAt: Timestamp,
      dueDay: CalendarDate,
    }),
  ),
});

export const EvidenceQuery = Type.Object(
  {
    application: Type.String({ minLength: 1, maxLength: 40 }),
    organization: Type.Optional(Id),
    from: CalendarDate,
    to: CalendarDate,
  },
  { additionalProperties: false },
);

export const SummaryQuery = Type.Object(
  { application: Type.String({ minLength: 1, maxLength: 40 }), organization: Type.Optional(Id) },
  { additionalProperties: false },
);

export const SummarySchema = Type.Object({
  application: ApplicationSchema,
  organizationId: Nullable(Id),
  asOf: Timestamp,
  certified: Type.Integer({ minimum: 0, description: 'Certified in the last period' }),
  due: Type.Integer({ minimum: 0, description: 'Due within the list window, not overdue' }),
  overdue: Type.Integer({ minimum: 0, description: 'Past the due day and not removed yet' }),
  removed: Type.Integer({ minimum: 0, description: 'Expired or revoked in the last period' }),
  expired: Count,
  revoked: Count,
  windowDays: Type.Integer({ minimum: 1 }),
  periodDays: Type.Integer({ minimum: 1 }),
});
