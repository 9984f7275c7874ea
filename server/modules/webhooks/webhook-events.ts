/*
 * What applications are told, and how it is signed: Standard Webhooks (webhook-id,
 * webhook-timestamp, webhook-signature: HMAC-SHA256 over "id.timestamp.body" with the
 * subscription's secret, base64, versioned "v1,").
 */
import { createHmac, randomBytes } from 'node:crypto';

export const WEBHOOK_EVENT_TYPES = [
  'role.granted',
  'role.removed',
  'role.certified',
  'certification.expired',
  'user.disabled',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** An event about one application, as another module raises it inside its transaction. */
export interface WebhookEvent {
  readonly type: WebhookEventType;
  readonly applicationId: string;
  readonly data: Readonly<Record<string, unknown>>;
}

const SECRET_PREFIX = 'whsec_';

/** A new signing secret, as Standard Webhooks writes them: `whsec_` and 32 random bytes in base64. */
export function newWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

/** The `webhook-signature` header of a message sent at `timestamp` (seconds). */
export function webhookSignature(secret: string, messageId: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${messageId}.${timestamp}.${body}`).digest('base64')}`;
}

/** The body sent: the event's type, when it happened, and its data. */
export function webhookBody(event: WebhookEvent, at: string): string {
  return JSON.stringify({ type: event.type, timestamp: at, data: event.data });
}
