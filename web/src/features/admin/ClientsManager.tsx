import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SuccessAlert } from '../../components/SuccessAlert';
import { actionButtonId, ClientsTable, type ClientAction } from './ClientsTable';
import { clientsQueryKey, type Client, type CreatedClient } from './clients-api';
import { ConfirmClientAction } from './ConfirmClientAction';
import { NewSecretAlert, type NewSecret } from './NewSecretAlert';
import { RegisterClientForm } from './RegisterClientForm';

interface Pending {
  client: Client;
  action: ClientAction;
}

/** The clients, the question before changing one, the secret just made, and the form for another. */
export function ClientsManager({ clients }: { clients: Client[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const listHeading = useRef<HTMLHeadingElement>(null);
  const [pending, setPending] = useState<Pending | undefined>();
  const [secret, setSecret] = useState<NewSecret | undefined>();
  const [deletedName, setDeletedName] = useState<string | undefined>();
  // A fresh, empty form after each client registered.
  const [formKey, setFormKey] = useState(0);
  const reload = () => void queryClient.invalidateQueries({ queryKey: clientsQueryKey });

  const showSecret = (next: NewSecret) => {
    setDeletedName(undefined);
    setSecret(next);
  };

  const onRegistered = ({ client, clientSecret }: CreatedClient) => {
    showSecret({ how: 'registered', clientId: client.clientId, name: client.name, clientSecret });
    setFormKey((key) => key + 1);
  };

  const onCancel = (cancelled: Pending) => {
    setPending(undefined);
    // Back to the button that asked, so a keyboard user carries on from the same row.
    document.getElementById(actionButtonId(cancelled.client, cancelled.action))?.focus();
  };

  const onDeleted = ({ client }: Pending) => {
    setPending(undefined);
    // A secret of the client just deleted is of no use to anyone any more.
    if (secret?.clientId === client.clientId) setSecret(undefined);
    setDeletedName(client.name);
    reload();
  };

  const onDone = () => {
    setSecret(undefined);
    listHeading.current?.focus();
  };

  return (
    <>
      {secret ? <NewSecretAlert key={`${secret.clientId}-${secret.clientSecret}`} secret={secret} onDone={onDone} /> : null}
      {deletedName ? <SuccessAlert message={t('clients.deleted', { name: deletedName })} /> : null}
      <section className="rc-section" aria-labelledby="clients-list-heading">
        <h2 id="clients-list-heading" ref={listHeading} tabIndex={-1} className="rc-focus-target">
          {t('clients.listHeading')}
        </h2>
        {clients.length === 0 ? (
          <p>{t('clients.empty')}</p>
        ) : (
          <ClientsTable
            clients={clients}
            onAction={(client, action) => {
              setDeletedName(undefined);
              setPending({ client, action });
            }}
          />
        )}
        {pending ? (
          <ConfirmClientAction
            key={`${pending.client.clientId}-${pending.action}`}
            client={pending.client}
            action={pending.action}
            onCancel={() => onCancel(pending)}
            onDeleted={() => onDeleted(pending)}
            onSecretReplaced={(clientSecret) => {
              setPending(undefined);
              showSecret({ how: 'replaced', clientId: pending.client.clientId, name: pending.client.name, clientSecret });
              reload();
            }}
          />
        ) : null}
      </section>
      <section className="rc-section rc-admin__form" aria-labelledby="clients-register-heading">
        <h2 id="clients-register-heading">{t('clients.form.heading')}</h2>
        <p>{t('clients.form.intro')}</p>
        <RegisterClientForm key={formKey} onRegistered={onRegistered} />
      </section>
    </>
  );
}
