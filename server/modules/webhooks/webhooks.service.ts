import type { Transaction } from 'kysely';
import type { Database, Reader } from '../../db/database.js';
import type { DB, OutboxRow } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import type { Actor, Caller } from '../../shared/actor.js';
import { isCallbackUrl } from '../../shared/callback-url.js';
import type { Clock } from '../../shared/clock.js';
import { decryptSecret, encryptSecret } from '../../shared/crypto.js';
import { newId } from '../../shared/ids.js';
import { keysetPage, type KeysetPage } from '../../shared/keyset.js';
import { toTimestamp } from '../../shared/time.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { CatalogService } from '../catalog/catalog.service.js';
import type { Notifications } from '../notifications/notifications.service.js';
import { MAX_DELIVERY_ATTEMPTS } from '../notifications/outbox-dispatcher.js';
import {
  newWebhookSecret,
  WEBHOOK_EVENT_TYPES,
  webhookBody,
  webhookSignature,
  type WebhookEvent,
  type WebhookEventType,
} from './webhook-events.js';
import { mayManageWebhooks } from './webhooks.policy.js';
import {
  attemptsOf,
  deleteSubscription,
  findMessage,
  findSubscriptionRow,
  insertMessages,
  insertSubscription,
  listMessages,
  listSubscriptionRows,
  recordAttempt,
  setMessageStatus,
  subscriptionsOf,
  type SubscriptionRow,
} from './webhooks.repository.js';

/** How long a receiver has to answer before the attempt counts as failed. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

export interface SubscriptionView {
  id: string;
  applicationCode: string;
  url: string;
  eventTypes: WebhookEventType[];
  createdAt: string;
}

export type MessageStatus = 'pending' | 'delivered' | 'failed';

export interface MessageView {
  id: string;
  eventType: WebhookEventType;
  status: MessageStatus;
  attempts: { at: string; responseStatus: number | null; error: string | null; durationMs: number }[];
  createdAt: string;
  deliveredAt: string | null;
  body: unknown;
}

export interface WebhooksService {
  /** Subscribes an application to events; the signing secret is in this answer only (administrators). */
  subscribe(
    actor: Actor,
    caller: Caller,
    input: { applicationCode: string; url: string; eventTypes: readonly string[] },
  ): Promise<{ subscription: SubscriptionView; secret: string }>;
  list(caller: Caller): Promise<SubscriptionView[]>;
  remove(actor: Actor, caller: Caller, id: string): Promise<void>;
  /** Queues the events for each subscription of their application that wants them, in the caller's transaction. */
  emit(trx: Transaction<DB>, events: readonly WebhookEvent[]): Promise<void>;
  /** The applications with a subscription: a caller can skip building events nobody would be sent. */
  subscribedApplicationIds(db: Reader): Promise<Set<string>>;
  /** Sends one queued message (the outbox calls it); throws unless the receiver accepted it, so it is retried. */
  deliver(row: OutboxRow): Promise<void>;
  /** A subscription's delivery log, newest first, with each attempt (administrators). */
  messages(caller: Caller, subscriptionId: string, page: { before?: string; limit: number }): Promise<KeysetPage<MessageView>>;
  /** Sends a message again, with the same webhook-id, so a receiver that has it can tell (administrators). */
  replay(actor: Actor, caller: Caller, messageId: string): Promise<void>;
}

const secretContext = (id: string) => `webhook:${id}`;

export function createWebhooksService(deps: {
  database: Database;
  clock: Clock;
  audit: AuditLog;
  catalog: CatalogService;
  notifications: Notifications;
  secretKey: Buffer;
}): WebhooksService {
  const { database, clock, audit } = deps;

  function allowed(caller: Caller): void {
    if (!mayManageWebhooks(caller)) throw new AppError('auth.forbidden');
  }

  async function view(row: SubscriptionRow): Promise<SubscriptionView> {
    const applications = await deps.catalog.listApplications(database.db);
    return {
      id: row.id,
      applicationCode: applications.find((application) => application.id === row.application_id)?.code ?? '',
      url: row.url,
      eventTypes: JSON.parse(row.events_json) as WebhookEventType[],
      createdAt: row.created_at,
    };
  }

  return {
    async subscribe(actor, caller, input) {
      allowed(caller);
      const refuse = (field: string, rule: string): never => {
        throw new AppError('webhook.invalid', { field, rule });
      };
      const url = input.url.trim();
      if (!isCallbackUrl(url)) refuse('url', 'an absolute https address (http only on this machine), no fragment');
      const eventTypes = [...new Set(input.eventTypes)];
      if (eventTypes.length === 0) refuse('eventTypes', 'at least one');
      for (const type of eventTypes) {
        if (!(WEBHOOK_EVENT_TYPES as readonly string[]).includes(type)) refuse('eventTypes', WEBHOOK_EVENT_TYPES.join(', '));
      }
      const application = (await deps.catalog.listApplications(database.db)).find(
        (candidate) => candidate.code === input.applicationCode && candidate.status === 'active',
      );
      if (!application) return refuse('applicationCode', 'an active application of the catalog');
      const id = newId();
      const secret = newWebhookSecret();
      const row: SubscriptionRow = {
        id,
        application_id: application.id,
        url,
        secret_encrypted: encryptSecret(deps.secretKey, secret, secretContext(id)),
        events_json: JSON.stringify(eventTypes),
        created_at: toTimestamp(clock.now()),
      };
      await database.transaction(async (trx) => {
        await insertSubscription(trx, row);
        await audit.record(trx, actor, {
          action: 'webhook.subscribed',
          target: { type: 'webhook_subscription', id },
          after: { applicationCode: application.code, url, eventTypes },
          scope: { applicationId: application.id },
        });
      });
      return { subscription: await view(row), secret };
    },

    async list(caller) {
      allowed(caller);
      return Promise.all((await listSubscriptionRows(database.db)).map(view));
    },

    async remove(actor, caller, id) {
      allowed(caller);
      await database.transaction(async (trx) => {
        if (!(await deleteSubscription(trx, id))) throw new AppError('resource.not_found');
        await audit.record(trx, actor, { action: 'webhook.unsubscribed', target: { type: 'webhook_subscription', id } });
      });
    },

    async emit(trx, events) {
      if (events.length === 0) return;
      const subscriptions = await subscriptionsOf(trx, [...new Set(events.map((event) => event.applicationId))]);
      if (subscriptions.length === 0) return;
      const at = toTimestamp(clock.now());
      const messages = events.flatMap((event) =>
        subscriptions
          .filter(
            (subscription) =>
              subscription.application_id === event.applicationId &&
              (JSON.parse(subscription.events_json) as string[]).includes(event.type),
          )
          .map((subscription) => ({
            // Standard Webhooks' message id: the same on every retry and replay of this message.
            id: `msg_${newId().replace(/-/g, '')}`,
            subscription_id: subscription.id,
            event_type: event.type,
            body: webhookBody(event, at),
            status: 'pending',
            created_at: at,
          })),
      );
      await insertMessages(trx, messages);
      await deps.notifications.enqueueWebhooks(
        trx,
        messages.map((message) => ({
          messageId: message.id,
          subscriptionId: message.subscription_id,
          eventType: message.event_type,
        })),
      );
    },

    async subscribedApplicationIds(db) {
      return new Set((await listSubscriptionRows(db)).map((row) => row.application_id));
    },

    async deliver(row) {
      const { messageId } = JSON.parse(row.payload_json ?? '{}') as { messageId?: string };
      const message = messageId ? await findMessage(database.db, messageId) : undefined;
      const subscription = message ? await findSubscriptionRow(database.db, message.subscription_id) : undefined;
      // Unsubscribed since (its messages went with it): nothing to send.
      if (!message || !subscription) return;
      const secret = decryptSecret(deps.secretKey, subscription.secret_encrypted, secretContext(subscription.id));
      // The receiver checks the timestamp against its own clock (five minutes either way): the
      // time of sending, not the program's clock.
      const timestamp = Math.floor(Date.now() / 1000);
      const started = performance.now();
      let responseStatus: number | null = null;
      let error: string | null = null;
      try {
        const response = await fetch(subscription.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'webhook-id': message.id,
            'webhook-timestamp': String(timestamp),
            'webhook-signature': webhookSignature(secret, message.id, timestamp, message.body),
          },
          body: message.body,
          redirect: 'manual',
          signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
        });
        responseStatus = response.status;
        await response.arrayBuffer().catch(() => undefined);
        if (response.status < 200 || response.status >= 300) error = `answered ${response.status}`;
      } catch (failure) {
        error = failure instanceof Error ? failure.message : String(failure);
      }
      const now = toTimestamp(clock.now());
      const delivered = error === null;
      // The attempt and the message's new state are written together, or neither is.
      await database.transaction((trx) =>
        recordAttempt(
          trx,
          {
            id: newId(),
            message_id: message.id,
            attempted_at: now,
            response_status: responseStatus,
            error: error?.slice(0, 500) ?? null,
            duration_ms: Math.round(performance.now() - started),
          },
          {
            // The outbox gives up after its last attempt: the log says so.
            status: delivered ? 'delivered' : row.attempts >= MAX_DELIVERY_ATTEMPTS ? 'failed' : 'pending',
            deliveredAt: delivered ? now : null,
          },
        ),
      );
      if (!delivered) throw new Error(`webhook ${message.id} to subscription ${subscription.id}: ${error}`);
    },

    async messages(caller, subscriptionId, page) {
      allowed(caller);
      if (!(await findSubscriptionRow(database.db, subscriptionId))) throw new AppError('resource.not_found');
      const rows = await listMessages(database.db, subscriptionId, { before: page.before, limit: page.limit + 1 });
      const attempts = await attemptsOf(
        database.db,
        rows.map((row) => row.id),
      );
      return keysetPage(rows, page.limit, (row) => ({
        id: row.id,
        // Written from WebhookEvent['type'] only (emit).
        eventType: row.event_type as WebhookEventType,
        status: row.status as MessageStatus,
        attempts: attempts
          .filter((attempt) => attempt.message_id === row.id)
          .map((attempt) => ({
            at: attempt.attempted_at,
            responseStatus: attempt.response_status,
            error: attempt.error,
            durationMs: attempt.duration_ms,
          })),
        createdAt: row.created_at,
        deliveredAt: row.delivered_at,
        body: JSON.parse(row.body) as unknown,
      }));
    },

    async replay(actor, caller, messageId) {
      allowed(caller);
      await database.transaction(async (trx) => {
        const message = await findMessage(trx, messageId);
        if (!message || !(await findSubscriptionRow(trx, message.subscription_id))) throw new AppError('resource.not_found');
        // A message still waiting has its delivery queued already: another would send it twice.
        if (message.status === 'pending') throw new AppError('webhook.already_pending');
        await setMessageStatus(trx, message.id, 'pending');
        await deps.notifications.enqueueWebhooks(trx, [
          { messageId: message.id, subscriptionId: message.subscription_id, eventType: message.event_type },
        ]);
        await audit.record(trx, actor, { action: 'webhook.replayed', target: { type: 'webhook_message', id: message.id } });
      });
    },
  };
}
