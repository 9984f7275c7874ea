import { Type, type Static } from 'typebox';

export const OutboxQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
    cursor: Type.Optional(Type.String({ format: 'uuid' })),
  },
  { additionalProperties: false },
);
export type OutboxQuery = Static<typeof OutboxQuery>;

export const OutboxMessageSchema = Type.Object({
  id: Type.String(),
  channel: Type.Union([Type.Literal('email'), Type.Literal('sms'), Type.Literal('voice')]),
  to: Type.String(),
  subject: Type.String(),
  template: Type.String(),
  language: Type.Union([Type.Literal('en'), Type.Literal('es')]),
  status: Type.Union([Type.Literal('pending'), Type.Literal('sending'), Type.Literal('sent'), Type.Literal('failed')]),
  attempts: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  sentAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  text: Type.String(),
});

export const OutboxPage = Type.Object({
  items: Type.Array(OutboxMessageSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type OutboxPage = Static<typeof OutboxPage>;
