import { apiGet, type Page } from '../../api/client';

export interface OutboxMessage {
  id: string;
  to: string;
  subject: string;
  template: string;
  language: string;
  status: string;
  createdAt: string;
  text: string;
}

export const outboxPageSize = 50;

export function fetchOutboxPage(cursor: string | null, signal?: AbortSignal): Promise<Page<OutboxMessage>> {
  return apiGet<Page<OutboxMessage>>('/dev/outbox', { limit: outboxPageSize, cursor: cursor ?? undefined }, signal);
}
