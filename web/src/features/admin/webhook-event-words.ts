import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebhookEventType } from './webhooks-api';

/** The events an application may be told of, in the order the form offers them. */
export const webhookEventTypes = [
  'role.granted',
  'role.removed',
  'role.certified',
  'certification.expired',
  'user.disabled',
] as const satisfies readonly WebhookEventType[];

/** Each event in words: administrators read what happened, the receiver's code reads the type. */
export const webhookEventNameKeys = {
  'role.granted': 'webhooks.events.roleGranted.name',
  'role.removed': 'webhooks.events.roleRemoved.name',
  'role.certified': 'webhooks.events.roleCertified.name',
  'certification.expired': 'webhooks.events.certificationExpired.name',
  'user.disabled': 'webhooks.events.userDisabled.name',
} as const satisfies Record<WebhookEventType, string>;

export const webhookEventDescriptionKeys = {
  'role.granted': 'webhooks.events.roleGranted.description',
  'role.removed': 'webhooks.events.roleRemoved.description',
  'role.certified': 'webhooks.events.roleCertified.description',
  'certification.expired': 'webhooks.events.certificationExpired.description',
  'user.disabled': 'webhooks.events.userDisabled.description',
} as const satisfies Record<WebhookEventType, string>;

/** A message's event type is a plain string in the log: one this page does not know is shown as sent. */
export function isWebhookEventType(type: string): type is WebhookEventType {
  return (webhookEventTypes as readonly string[]).includes(type);
}

/** An event type's name in the page's language. */
export function useWebhookEventName(): (type: string) => string {
  const { t } = useTranslation();
  return useCallback((type: string) => (isWebhookEventType(type) ? t(webhookEventNameKeys[type]) : type), [t]);
}
