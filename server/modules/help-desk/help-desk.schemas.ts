import { Type } from 'typebox';
import { AllowedActions, Id, Nullable, Timestamp } from '../../http/schema-parts.js';
import { AssignmentViewSchema } from '../assignments/assignments.schemas.js';
import { RequestViewSchema } from '../requests/requests.schemas.js';
import { HELP_DESK_ACTIONS } from './help-desk.policy.js';

export const PeopleQuery = Type.Object(
  {
    q: Type.String({
      minLength: 2,
      maxLength: 254,
      description: 'A user ID or email address (exact), or the start of a last name, or of a first and last name',
    }),
  },
  { additionalProperties: false },
);

const AccountStatus = Type.Union([Type.Literal('pending_verification'), Type.Literal('active'), Type.Literal('disabled')]);

export const PersonHit = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  firstName: Type.String(),
  lastName: Type.String(),
  email: Type.String(),
  status: AccountStatus,
  locked: Type.Boolean(),
});

export const PeopleFound = Type.Object({
  people: Type.Array(PersonHit, { description: 'At most 20, the exact user ID or email first, then by name' }),
});

export const PersonParams = Type.Object({ id: Id });

const MfaDevice = Type.Object({
  kind: Type.Union([
    Type.Literal('totp'),
    Type.Literal('webauthn'),
    Type.Literal('email'),
    Type.Literal('sms'),
    Type.Literal('voice'),
  ]),
  addedAt: Timestamp,
  lastUsedAt: Nullable(Timestamp),
});

const SignInAttempt = Type.Object({
  at: Timestamp,
  succeeded: Type.Boolean(),
  reason: Nullable(Type.String({ description: 'Why it failed: password, locked, disabled, email_unverified, …' })),
  ip: Nullable(Type.String()),
});

export const PersonDetail = Type.Object({
  ...PersonHit.properties,
  emailVerified: Type.Boolean(),
  disabledReason: Nullable(Type.String()),
  lockedUntil: Nullable(Timestamp),
  failedSignIns: Type.Integer({ description: 'Consecutive failed sign-ins since the last success' }),
  createdAt: Timestamp,
  lastSignInAt: Nullable(Timestamp),
  mfaDevices: Type.Array(MfaDevice, { description: 'Kinds and dates only: never names, numbers or secrets' }),
  signIns: Type.Array(SignInAttempt, { description: 'The latest sign-in attempts, newest first (at most 10)' }),
  roles: Type.Array(AssignmentViewSchema, { description: "Roles in the help desk's applications, active and removed" }),
  pendingRequests: Type.Array(RequestViewSchema, { description: "Pending requests in the help desk's applications" }),
  allowedActions: AllowedActions(HELP_DESK_ACTIONS),
});

export const OrphansQuery = Type.Object(
  { cursor: Type.Optional(Id), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 25 })) },
  { additionalProperties: false },
);

export const OrphanOrganization = Type.Object({
  id: Type.String(),
  application: Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() }),
  submitterId: Type.String(),
  legalName: Type.String(),
  orphanedSince: Timestamp,
  contact: Type.Object(
    { name: Type.String(), email: Type.String(), phone: Type.String() },
    { description: 'The contact on file: who to call about naming a new approver' },
  ),
});

export const OrphanPage = Type.Object({
  items: Type.Array(OrphanOrganization),
  nextCursor: Nullable(Type.String()),
});
