import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ConfirmBox } from './ConfirmBox';
import { unsubscribe, type Subscription } from './webhooks-api';

interface Props {
  subscription: Subscription;
  onDeleted: () => void;
  onCancel: () => void;
}

/** "Are you sure?" before a subscription is deleted: its messages not sent yet are lost with it. */
export function ConfirmUnsubscribe({ subscription, onDeleted, onCancel }: Props) {
  const { t } = useTranslation();
  const go = useMutation({ mutationFn: () => unsubscribe(subscription.id), onSuccess: onDeleted });
  return (
    <ConfirmBox
      id="webhook-confirm-delete"
      question={t('webhooks.confirmDelete.question', { url: subscription.url })}
      effect={t('webhooks.confirmDelete.effect')}
      confirmLabel={t('webhooks.confirmDelete.yes')}
      pendingLabel={t('webhooks.confirmDelete.pending')}
      pending={go.isPending}
      error={go.error}
      onConfirm={() => go.mutate()}
      onCancel={onCancel}
    />
  );
}
