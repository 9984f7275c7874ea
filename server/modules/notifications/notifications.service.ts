import type { Static } from 'typebox';
import type { Kysely, Transaction } from 'kysely';
import { afterCommit } from '../../db/database.js';
import type { DB, NewOutboxRow, OutboxRow } from '../../db/schema.js';
import { AppError, type Language } from '../../http/errors.js';
import type { User } from '../accounts/accounts.service.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { keysetPage, type KeysetPage } from '../../shared/keyset.js';
import { toTimestamp } from '../../shared/time.js';
import { mayReadOutbox } from './notifications.policy.js';
import type { OutboxMessageSchema } from './notifications.schemas.js';
import { countUnsentOutboxRows, insertOutboxRows, listOutboxRows } from './outbox.repository.js';
import { renderTemplate, type TemplateName, type TemplateParams } from './templates.js';

export interface EmailRequest<T extends TemplateName> {
  /** An email address, or a phone number for the sms and voice channels. */
  to: string;
  language: Language;
  template: T;
  params: TemplateParams<T>;
}

/** A message as the mail viewer lists it. */
export type OutboxMessage = Static<typeof OutboxMessageSchema>;

export interface Notifications {
  /**
   * Writes an email to the outbox inside the caller's transaction. It is delivered only if
   * that transaction commits; the dispatcher is woken once it has.
   */
  enqueueEmail<T extends TemplateName>(trx: Transaction<DB>, request: EmailRequest<T>): Promise<string>;
  /** Many emails at once, in the order given, with a few multi-row inserts (a sweep's removals). */
  enqueueEmails<T extends TemplateName>(trx: Transaction<DB>, requests: readonly EmailRequest<T>[]): Promise<void>;
  /**
   * Writes a text or voice message to the outbox. No SMS gateway is built in: the rows wait there
   * for a sender to deliver them (and the mail viewer shows them in development).
   */
  enqueuePhoneMessage<T extends TemplateName>(
    trx: Transaction<DB>,
    channel: 'sms' | 'voice',
    request: EmailRequest<T>,
  ): Promise<string>;
  /**
   * Queues webhook messages (already written by the webhooks module, by id) for delivery to their
   * subscriptions, inside the caller's transaction; the webhook dispatcher is woken once it commits.
   */
  enqueueWebhooks(
    trx: Transaction<DB>,
    messages: readonly { messageId: string; subscriptionId: string; eventType: string }[],
  ): Promise<void>;
  /** The mail viewer: the outbox, newest first, for whoever notifications.policy.ts lets read it. */
  listOutbox(db: Kysely<DB>, reader: User, options: { before?: string; limit: number }): Promise<KeysetPage<OutboxMessage>>;
  /** Messages not sent yet, by status (pending, sending, failed), for the metrics. */
  countUnsent(db: Kysely<DB>): Promise<Map<string, number>>;
}

export function createNotifications(deps: {
  clock: Clock;
  onEnqueued: () => void;
  onWebhookEnqueued: () => void;
  mailViewer: boolean;
}): Notifications {
  /** The outbox row of one message, rendered now; its id doubles as the idempotency key. */
  function outboxRow<T extends TemplateName>(
    channel: 'email' | 'sms' | 'voice',
    request: EmailRequest<T>,
    now: Date,
  ): NewOutboxRow {
    const id = newId(now);
    const rendered = renderTemplate(request.template, request.language, request.params);
    return {
      id,
      channel,
      recipient: request.to,
      template: request.template,
      language: request.language,
      subject: rendered.subject,
      body_text: rendered.text,
      body_html: rendered.html,
      payload_json: null,
      idempotency_key: id,
      status: 'pending',
      next_attempt_at: toTimestamp(now),
      locked_until: null,
      last_error: null,
      created_at: toTimestamp(now),
      sent_at: null,
    };
  }

  async function enqueue<T extends TemplateName>(
    trx: Transaction<DB>,
    channel: 'email' | 'sms' | 'voice',
    request: EmailRequest<T>,
  ): Promise<string> {
    const row = outboxRow(channel, request, deps.clock.now());
    await insertOutboxRows(trx, [row]);
    afterCommit(trx, deps.onEnqueued);
    return row.id;
  }

  return {
    enqueueEmail: (trx, request) => enqueue(trx, 'email', request),

    async enqueueEmails(trx, requests) {
      if (requests.length === 0) return;
      const now = deps.clock.now();
      await insertOutboxRows(
        trx,
        requests.map((request) => outboxRow('email', request, now)),
      );
      afterCommit(trx, deps.onEnqueued);
    },
    enqueuePhoneMessage: (trx, channel, request) => enqueue(trx, channel, request),

    async enqueueWebhooks(trx, messages) {
      if (messages.length === 0) return;
      const now = toTimestamp(deps.clock.now());
      await insertOutboxRows(
        trx,
        messages.map((message) => {
          const id = newId();
          return {
            id,
            channel: 'webhook',
            recipient: message.subscriptionId,
            template: message.eventType,
            language: 'en',
            subject: '',
            body_text: '',
            body_html: null,
            // The message (its body, its webhook-id) is the webhooks module's; a replay queues it again.
            payload_json: JSON.stringify({ messageId: message.messageId }),
            idempotency_key: id,
            status: 'pending',
            next_attempt_at: now,
            locked_until: null,
            last_error: null,
            created_at: now,
            sent_at: null,
          };
        }),
      );
      afterCommit(trx, deps.onWebhookEnqueued);
    },

    countUnsent: (db) => countUnsentOutboxRows(db),

    async listOutbox(db, reader, options) {
      if (!mayReadOutbox(deps.mailViewer, reader)) throw new AppError('auth.forbidden');
      const rows = await listOutboxRows(db, { before: options.before, limit: options.limit + 1 });
      return keysetPage(rows, options.limit, toOutboxMessage);
    },
  };
}

/** The text columns hold only what enqueue() and the dispatcher write: the sets the schema names. */
function toOutboxMessage(row: OutboxRow): OutboxMessage {
  return {
    id: row.id,
    channel: row.channel as OutboxMessage['channel'],
    to: row.recipient,
    subject: row.subject,
    template: row.template,
    language: row.language as OutboxMessage['language'],
    status: row.status as OutboxMessage['status'],
    attempts: row.attempts,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    text: row.body_text,
  };
}
