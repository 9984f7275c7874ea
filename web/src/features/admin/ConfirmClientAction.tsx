import { Button, ButtonGroup } from '@trussworks/react-uswds';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { deleteClient, replaceClientSecret, type Client } from './clients-api';
import type { ClientAction } from './ClientsTable';

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
 * application at once until someone acts, so the box says so and takes focus when it appears.
 */
export function ConfirmClientAction({ client, action, onSecretReplaced, onDeleted, onCancel }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const words = wordKeys[action];
  const questionId = `client-confirm-${action}-question`;
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
  useEffect(() => ref.current?.focus(), []);

  return (
    <div
      ref={ref}
      tabIndex={-1}
      className="rc-confirm-box rc-focus-target rc-clients__confirm"
      role="group"
      aria-labelledby={questionId}
    >
      <p id={questionId} className="text-bold">
        {t(words.question, { name: client.name })}
      </p>
      <p>{t(words.effect)}</p>
      <ErrorAlert error={go.error} />
      <ButtonGroup>
        <Button type="button" secondary disabled={go.isPending} onClick={() => go.mutate()}>
          {go.isPending ? t(words.pending) : t(words.yes)}
        </Button>
        <Button type="button" outline disabled={go.isPending} onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </ButtonGroup>
    </div>
  );
}
