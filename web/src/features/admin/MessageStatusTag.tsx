import { Tag } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import type { WebhookMessage } from './webhooks-api';

type MessageStatus = WebhookMessage['status'];

const statusKeys = {
  pending: 'webhooks.statuses.pending',
  delivered: 'webhooks.statuses.delivered',
  failed: 'webhooks.statuses.failed',
} as const satisfies Record<MessageStatus, string>;

// Colours with 4.5:1 contrast for the tag's text; the word says the status, the colour only adds to it.
const statusClasses = {
  pending: 'bg-gold text-ink',
  delivered: 'bg-success-darker',
  failed: 'bg-secondary-dark',
} as const satisfies Record<MessageStatus, string>;

/** Where a message stands: waiting to be sent (again), accepted by the receiver, or given up on. */
export function MessageStatusTag({ status }: { status: MessageStatus }) {
  const { t } = useTranslation();
  return (
    <Tag className={`rc-tag ${statusClasses[status]}`} data-testid="message-status">
      {t(statusKeys[status])}
    </Tag>
  );
}
