import { Type } from 'typebox';
import { AllowedActions, Id, Nullable, Timestamp } from '../../http/schema-parts.js';
import { RolePolicy } from '../catalog/catalog-document.js';
import { REQUEST_ACTIONS } from './requests.policy.js';

/** The catalog's Spanish name; '' when it has none (show the English one). */
const CatalogNameEs = Type.String({ description: "The name in Spanish; '' when there is none" });

export const RequestStatusSchema = Type.Union(
  [
    Type.Literal('pending'),
    Type.Literal('approved'),
    Type.Literal('rejected'),
    Type.Literal('cancelled'),
    Type.Literal('expired'),
  ],
  { description: 'pending, approved, rejected, cancelled (by the requester) or expired (undecided until its expiry date)' },
);
const RoutedToSchema = Type.Union([Type.Literal('org_approvers'), Type.Literal('help_desk')], {
  description: "Who decides it: the organization's approvers or the application's help desk",
});
const RoleKindSchema = RolePolicy.properties.kind;

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
  status: RequestStatusSchema,
  routedTo: RoutedToSchema,
  application: Type.Object({ id: Type.String(), code: Type.String(), name: Type.String(), nameEs: CatalogNameEs }),
  role: Type.Object({ id: Type.String(), code: Type.String(), name: Type.String(), nameEs: CatalogNameEs, kind: RoleKindSchema }),
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
  decidedAt: Type.Union([Timestamp, Type.Null()], {
    description: 'When it left pending: decided, cancelled or expired; null while pending',
  }),
  decisionComment: Type.Union([Type.String(), Type.Null()], {
    description: "The decider's comment (always given on a rejection); never who decided",
  }),
  allowedActions: AllowedActions(REQUEST_ACTIONS),
});

export const RequestPage = Type.Object({
  items: Type.Array(RequestViewSchema),
  nextCursor: Nullable(Type.String()),
});
export const RequestParams = Type.Object({ id: Id });
/** Pending Approvals, oldest first; `organizationId` keeps one organization's requests (My organization). */
export const PendingApprovalsQuery = Type.Object(
  {
    cursor: Type.Optional(Id),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 25 })),
    organizationId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
/** My requests: newest first, every state unless `status` narrows it, a page before a cursor. */
export const MyRequestsQuery = Type.Object(
  {
    cursor: Type.Optional(Type.String({ format: 'uuid', description: 'The nextCursor of the previous page' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 25 })),
    status: Type.Optional(RequestStatusSchema),
  },
  { additionalProperties: false },
);
export const DecisionBody = Type.Object(
  {
    decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')]),
    comment: Type.Optional(Type.String({ maxLength: 2000, description: 'Required to reject' })),
  },
  { additionalProperties: false },
);
