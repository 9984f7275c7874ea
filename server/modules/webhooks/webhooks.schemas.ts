import { Type } from 'typebox';
import { Nullable, Timestamp } from '../../http/schema-parts.js';
import { WEBHOOK_EVENT_TYPES } from './webhook-events.js';

const EventType = Type.Union([
  Type.Literal('role.granted'),
  Type.Literal('role.removed'),
  Type.Literal('role.certified'),
  Type.Literal('certification.expired'),
  Type.Literal('user.disabled'),
]);

export const NewSubscriptionBody = Type.Object(
  {
    applicationCode: Type.String({ minLength: 1, maxLength: 40 }),
    url: Type.String({ minLength: 1, maxLength: 2_000, description: 'https (http only on this machine)' }),
    eventTypes: Type.Array(EventType, { minItems: 1, maxItems: WEBHOOK_EVENT_TYPES.length }),
  },
  { additionalProperties: false },
);

export const Subscription = Type.Object({
  id: Type.String(),
  applicationCode: Type.String(),
  url: Type.String(),
  eventTypes: Type.Array(EventType),
  createdAt: Timestamp,
});

export const SubscriptionList = Type.Object({ items: Type.Array(Subscription) });

export const CreatedSubscription = Type.Object({
  subscription: Subscription,
  secret: Type.String({ description: 'The signing secret (whsec_…), shown in this answer only' }),
});

export const SubscriptionParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
export const MessageParams = Type.Object({ messageId: Type.String({ minLength: 1, maxLength: 100, description: 'msg_…' }) });

export const MessagesQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  },
  { additionalProperties: false },
);

export const MessagePage = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String({ description: 'The webhook-id: the same on every retry and replay' }),
      eventType: EventType,
      status: Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')]),
      attempts: Type.Array(
        Type.Object({
          at: Timestamp,
          responseStatus: Nullable(Type.Integer()),
          error: Nullable(Type.String()),
          durationMs: Type.Integer(),
        }),
      ),
      createdAt: Timestamp,
      deliveredAt: Nullable(Timestamp),
      body: Type.Unknown({ description: 'The body sent: type, timestamp and data' }),
    }),
  ),
  nextCursor: Nullable(Type.String()),
});
