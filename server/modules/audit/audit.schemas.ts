import { Type } from 'typebox';
import { Nullable, Timestamp } from '../../http/schema-parts.js';

const Text = Type.String({ minLength: 1, maxLength: 200 });
const Id = Type.String({ format: 'uuid' });

/** The audit search's filters; each one given narrows it. */
export const AuditQuery = Type.Object(
  {
    actor: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'the acting person’s user ID' })),
    action: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'e.g. role.removed' })),
    targetType: Type.Optional(Text),
    targetId: Type.Optional(Text),
    applicationId: Type.Optional(Id),
    organizationId: Type.Optional(Id),
    from: Type.Optional(Type.String({ format: 'date-time', description: 'inclusive' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'exclusive' })),
    cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,15}$', description: 'nextCursor of the page before' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);

export const AuditExportQuery = Type.Object(
  {
    ...Type.Omit(AuditQuery, ['cursor', 'limit']).properties,
    format: Type.Union([Type.Literal('csv'), Type.Literal('jsonl')]),
  },
  { additionalProperties: false },
);

export const AuditEntry = Type.Object({
  id: Type.String(),
  seq: Type.Integer(),
  occurredAt: Timestamp,
  actor: Type.Object({
    kind: Type.String({ description: 'user, system or cli' }),
    id: Nullable(Type.String()),
    userId: Nullable(Type.String({ description: 'the acting person’s user ID' })),
    name: Nullable(Type.String()),
  }),
  action: Type.String(),
  target: Nullable(Type.Object({ type: Type.String(), id: Type.String() })),
  applicationId: Nullable(Type.String()),
  organizationId: Nullable(Type.String()),
  before: Type.Unknown(),
  after: Type.Unknown(),
  ip: Nullable(Type.String()),
  requestId: Nullable(Type.String()),
});

export const AuditPage = Type.Object({ items: Type.Array(AuditEntry), nextCursor: Nullable(Type.String()) });

export const AuditEntryParams = Type.Object({ id: Id });

export const AuditVerificationSchema = Type.Object({
  ok: Type.Boolean(),
  entries: Type.Integer({ description: 'entries that verified, in order from the first' }),
  brokenSeq: Type.Optional(Type.Integer()),
  brokenId: Type.Optional(Nullable(Type.String())),
  reason: Type.Optional(Type.String()),
  head: Nullable(
    Type.Object(
      { seq: Type.Integer(), hash: Type.String() },
      { description: 'the newest entry that verified: note it elsewhere' },
    ),
  ),
  checkpoint: Nullable(
    Type.Object({ seq: Type.Integer(), createdAt: Type.String() }, { description: 'the newest signed checkpoint of the head' }),
  ),
});
