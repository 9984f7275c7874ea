import type { FieldFault } from './use-admin-form';
import { refusedField } from './refused-field';
import type { NewSubscription, WebhookEventType } from './webhooks-api';

/** The subscription form as filled in. */
export interface WebhookDraft {
  applicationCode: string;
  url: string;
  eventTypes: readonly WebhookEventType[];
}

export type WebhookField = keyof WebhookDraft;

export type WebhookFaults = Partial<Record<WebhookField, FieldFault>>;

export const emptyWebhookDraft: WebhookDraft = { applicationCode: '', url: '', eventTypes: [] };

const webhookFields: readonly WebhookField[] = ['applicationCode', 'url', 'eventTypes'];

/**
 * What the browser can tell before sending: what is missing, and an address that is not a web
 * address at all. Which web addresses are acceptable (https, http only on the server's own
 * machine) is the server's to say, since "its own machine" is known there only.
 */
export function checkWebhookDraft(draft: WebhookDraft): WebhookFaults {
  const faults: WebhookFaults = {};
  if (draft.applicationCode === '') faults.applicationCode = 'missing';
  const url = draft.url.trim();
  if (url === '') faults.url = 'missing';
  else if (!isWebAddress(url)) faults.url = 'invalid';
  if (draft.eventTypes.length === 0) faults.eventTypes = 'missing';
  return faults;
}

function isWebAddress(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

export function toNewSubscription(draft: WebhookDraft): NewSubscription {
  return { applicationCode: draft.applicationCode, url: draft.url.trim(), eventTypes: [...draft.eventTypes] };
}

/** The field the server refused, if it named one of the form's. */
export function webhookFieldRefused(error: unknown): WebhookField | undefined {
  return refusedField(error, 'webhook.invalid', webhookFields);
}
