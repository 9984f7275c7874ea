import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { deleteClient, replaceClientSecret, type Client } from './clients-api';
import type { ClientAction } from './ClientsTable';
import { ConfirmBox } from './ConfirmBox';

interface Props {
  client: Client;
  action: ClientAction;
  onSecretReplaced: (clientSecret: string) => void;
  onDeleted: () => void;
  onCancel: () => void;
}

const wordKeys = {
  replaceSecret: {
    question: 'clients.confirmReplace.question',
    effect: 'clients.confirmReplace.effect',
    yes: 'clients.confirmReplace.yes',
    pending: 'clients.confirmReplace.pending',
  },
  delete: {
    question: 'clients.confirmDelete.question',
    effect: 'clients.confirmDelete.effect',
    yes: 'clients.confirmDelete.yes',
    pending: 'clients.confirmDelete.pending',
  },
} as const satisfies Record<ClientAction, Record<string, string>>;

/**
 * "Are you sure?" before a client's secret is replaced or the client deleted: both break the
 * application at once until someone acts, so the box says so.
 */
export function ConfirmClientAction({ client, action, onSecretReplaced, onDeleted, onCancel }: Props) {
  const { t } = useTranslation();
  const words = wordKeys[action];
  const go = useMutation({
    mutationFn: async () => {
      if (action === 'delete') {
        await deleteClient(client.clientId);
        return undefined;
      }
      return (await replaceClientSecret(client.clientId)).clientSecret;
    },
    onSuccess: (clientSecret) => (clientSecret === undefined ? onDeleted() : onSecretReplaced(clientSecret)),
  });

  return (
    <ConfirmBox
      id={`client-confirm-${action}`}
      question={t(words.question, { name: client.name })}
      effect={t(words.effect)}
      confirmLabel={t(words.yes)}
      pendingLabel={t(words.pending)}
      pending={go.isPending}
      error={go.error}
      onConfirm={() => go.mutate()}
      onCancel={onCancel}
    />
  );
}
