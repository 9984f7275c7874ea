import { Accordion, Button } from '@trussworks/react-uswds';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, useDateTimeFormat } from '../../components/use-date-format';
import { AttemptsTable } from './AttemptsTable';
import { MessageStatusTag } from './MessageStatusTag';
import { useWebhookEventName } from './webhook-event-words';
import { messagesQueryKey, replayMessage, type WebhookMessage } from './webhooks-api';

interface Props {
  subscriptionId: string;
  message: WebhookMessage;
}

/**
 * One message of the log: what it told, where it stands, and a way to send it again. Its attempts
 * and body are folded away, as they matter only to someone chasing a delivery.
 */
export function DeliveryMessage({ subscriptionId, message }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const dateTime = useDateTimeFormat();
  const eventName = useWebhookEventName();
  const headingId = `message-${message.id}-heading`;
  const created = formatDate(dateTime, message.createdAt);
  const replay = useMutation({
    mutationFn: () => replayMessage(message.id),
    // Read again: the message is waiting to be sent once more.
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: messagesQueryKey(subscriptionId) }),
  });

  return (
    <li className="rc-webhooks__message" data-testid="webhook-message">
      {/* The action sits beside the heading, so a long log stays short to scroll through. */}
      <div className="rc-webhooks__message-header">
        <h3 id={headingId} className="rc-webhooks__message-heading">
          {eventName(message.eventType)}
        </h3>
        <div className="rc-webhooks__replay">
          <p role="status" className="rc-webhooks__replay-status">
            {replay.isSuccess ? t('webhooks.log.replayed') : ''}
          </p>
          <Button type="button" outline aria-describedby={headingId} disabled={replay.isPending} onClick={() => replay.mutate()}>
            {replay.isPending ? t('webhooks.log.replaying') : t('webhooks.log.replay')}
          </Button>
        </div>
      </div>
      <ErrorAlert error={replay.error} />
      <dl className="rc-webhooks__facts">
        <div>
          <dt>{t('webhooks.log.status')}</dt>
          <dd>
            <MessageStatusTag status={message.status} />
          </dd>
        </div>
        <div>
          <dt>{t('webhooks.log.created')}</dt>
          <dd>
            <time dateTime={message.createdAt}>{created}</time>
          </dd>
        </div>
        <div>
          <dt>{t('webhooks.log.delivered')}</dt>
          <dd>
            {message.deliveredAt ? (
              <time dateTime={message.deliveredAt}>{formatDate(dateTime, message.deliveredAt)}</time>
            ) : (
              t('webhooks.log.notDelivered')
            )}
          </dd>
        </div>
        <div>
          <dt>{t('webhooks.log.attempts')}</dt>
          <dd data-testid="attempt-count">{message.attempts.length}</dd>
        </div>
        <div>
          <dt>{t('webhooks.log.webhookId')}</dt>
          <dd>
            <code className="rc-webhooks__message-id">{message.id}</code>
          </dd>
        </div>
      </dl>
      {message.status === 'failed' ? <p className="rc-webhooks__gave-up">{t('webhooks.log.gaveUp')}</p> : null}
      <Accordion
        bordered
        className="rc-webhooks__details"
        items={[
          {
            id: `message-${message.id}-details`,
            headingLevel: 'h4',
            expanded: false,
            title: (
              <>
                {t('webhooks.log.details')}
                {/* Each message's button is told apart by what it opens, for those who hear a list of buttons. */}
                <span className="usa-sr-only">
                  {' '}
                  ({eventName(message.eventType)}, {created})
                </span>
              </>
            ),
            content: <MessageDetails message={message} />,
          },
        ]}
      />
    </li>
  );
}

/** The attempts made, and the body as the receiver got it. */
function MessageDetails({ message }: { message: WebhookMessage }) {
  const { t } = useTranslation();
  return (
    <>
      {/* The attempts' table is named by its caption; only a message never tried yet needs words instead. */}
      {message.attempts.length === 0 ? <p>{t('webhooks.log.noAttempts')}</p> : <AttemptsTable attempts={message.attempts} />}
      <h5 className="rc-webhooks__details-heading">{t('webhooks.log.body')}</h5>
      <pre className="rc-webhooks__body" data-testid="webhook-body">
        <code>{JSON.stringify(message.body, null, 2)}</code>
      </pre>
    </>
  );
}
