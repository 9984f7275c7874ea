import type { Static } from 'typebox';
import type { OutboxMessageSchema } from '../../../../server/modules/notifications/notifications.schemas.js';
import { apiGet, type Page } from '../../api/client';

/** A message of the outbox, as the server describes it (typed from its schema). */
export type OutboxMessage = Static<typeof OutboxMessageSchema>;

export const outboxPageSize = 50;

export function fetchOutboxPage(cursor: string | null, signal?: AbortSignal): Promise<Page<OutboxMessage>> {
  return apiGet<Page<OutboxMessage>>('/dev/outbox', { limit: outboxPageSize, cursor: cursor ?? undefined }, signal);
}
