import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SuccessAlert } from '../../components/SuccessAlert';
import { ConfirmUnsubscribe } from './ConfirmUnsubscribe';
import { SubscribeWebhookForm } from './SubscribeWebhookForm';
import { WebhookSecretAlert } from './WebhookSecretAlert';
import { deleteButtonId, WebhooksTable } from './WebhooksTable';
import { webhooksQueryKey, type CreatedSubscription, type Subscription } from './webhooks-api';

/** The subscriptions, the question before deleting one, the secret just made, and the form for another. */
export function WebhooksManager({ subscriptions }: { subscriptions: Subscription[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const listHeading = useRef<HTMLHeadingElement>(null);
  const [deleting, setDeleting] = useState<Subscription | undefined>();
  const [created, setCreated] = useState<CreatedSubscription | undefined>();
  const [deletedUrl, setDeletedUrl] = useState<string | undefined>();
  // A fresh, empty form after each subscription.
  const [formKey, setFormKey] = useState(0);

  const onSubscribed = (next: CreatedSubscription) => {
    setDeletedUrl(undefined);
    setCreated(next);
    setFormKey((key) => key + 1);
  };

  const onCancel = (cancelled: Subscription) => {
    setDeleting(undefined);
    // Back to the button that asked, so a keyboard user carries on from the same row.
    document.getElementById(deleteButtonId(cancelled))?.focus();
  };

  const onDeleted = (deleted: Subscription) => {
    setDeleting(undefined);
    // The secret of a subscription just deleted is of no use to anyone any more.
    if (created?.subscription.id === deleted.id) setCreated(undefined);
    setDeletedUrl(deleted.url);
    void queryClient.invalidateQueries({ queryKey: webhooksQueryKey });
  };

  const onDone = () => {
    setCreated(undefined);
    listHeading.current?.focus();
  };

  return (
    <>
      {created ? (
        <WebhookSecretAlert key={created.secret} secret={created.secret} url={created.subscription.url} onDone={onDone} />
      ) : null}
      {deletedUrl ? <SuccessAlert message={t('webhooks.deleted', { url: deletedUrl })} /> : null}
      <section className="rc-section" aria-labelledby="webhooks-list-heading">
        <h2 id="webhooks-list-heading" ref={listHeading} tabIndex={-1} className="rc-focus-target">
          {t('webhooks.listHeading')}
        </h2>
        {subscriptions.length === 0 ? (
          <p>{t('webhooks.empty')}</p>
        ) : (
          <WebhooksTable
            subscriptions={subscriptions}
            onDelete={(subscription) => {
              setDeletedUrl(undefined);
              setDeleting(subscription);
            }}
          />
        )}
        {deleting ? (
          <ConfirmUnsubscribe
            key={deleting.id}
            subscription={deleting}
            onCancel={() => onCancel(deleting)}
            onDeleted={() => onDeleted(deleting)}
          />
        ) : null}
      </section>
      <section className="rc-section rc-admin__form" aria-labelledby="webhooks-subscribe-heading">
        <h2 id="webhooks-subscribe-heading">{t('webhooks.form.heading')}</h2>
        <p>{t('webhooks.form.intro')}</p>
        <SubscribeWebhookForm key={formKey} onSubscribed={onSubscribed} />
      </section>
    </>
  );
}
