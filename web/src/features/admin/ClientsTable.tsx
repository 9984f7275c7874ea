import { Button, Table } from '@trussworks/react-uswds';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, useDateFormat } from '../../components/use-date-format';
import { BreakableAddress } from './BreakableAddress';
import { clientKindKeys } from './client-kinds';
import type { Client } from './clients-api';
import { useApplicationName } from './use-applications';

export type ClientAction = 'replaceSecret' | 'delete';

/** The id of a row's action button, so focus can return to it when its confirmation is cancelled. */
export function actionButtonId(client: Client, action: ClientAction): string {
  return `client-${client.clientId}-${action}`;
}

interface Props {
  clients: Client[];
  onAction: (client: Client, action: ClientAction) => void;
}

/** The registered clients, each with what it is for, where it sends people, and its two actions. */
export function ClientsTable({ clients, onAction }: Props) {
  const { t } = useTranslation();
  const dateFormat = useDateFormat();
  const applicationName = useApplicationName();
  return (
    <Table bordered fullWidth scrollable stackedStyle="headers" caption={t('clients.caption')}>
      <thead>
        <tr>
          <th scope="col">{t('clients.columns.name')}</th>
          <th scope="col">{t('clients.columns.application')}</th>
          <th scope="col">{t('clients.columns.kind')}</th>
          <th scope="col">{t('clients.columns.clientId')}</th>
          <th scope="col" className="rc-clients__uris-column">
            {t('clients.columns.redirectUris')}
          </th>
          <th scope="col">{t('clients.columns.registered')}</th>
          <th scope="col">{t('clients.columns.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {clients.map((client) => (
          <tr key={client.clientId}>
            <th scope="row" data-label={t('clients.columns.name')}>
              {client.name}
            </th>
            <td data-label={t('clients.columns.application')}>{applicationName(client.applicationCode)}</td>
            <td data-label={t('clients.columns.kind')}>
              <KindCell client={client} />
            </td>
            <td data-label={t('clients.columns.clientId')}>
              <ClientIdCode clientId={client.clientId} />
            </td>
            <td data-label={t('clients.columns.redirectUris')}>
              <AddressesCell client={client} />
            </td>
            <td data-label={t('clients.columns.registered')}>
              <time dateTime={client.createdAt}>{formatDate(dateFormat, client.createdAt)}</time>
            </td>
            <td data-label={t('clients.columns.actions')}>
              <div className="rc-admin__actions">
                <Button
                  type="button"
                  unstyled
                  id={actionButtonId(client, 'replaceSecret')}
                  aria-label={t('clients.replaceSecretNamed', { name: client.name })}
                  onClick={() => onAction(client, 'replaceSecret')}
                >
                  {t('clients.replaceSecret')}
                </Button>
                <Button
                  type="button"
                  unstyled
                  id={actionButtonId(client, 'delete')}
                  className="rc-admin__delete"
                  aria-label={t('clients.deleteNamed', { name: client.name })}
                  onClick={() => onAction(client, 'delete')}
                >
                  {t('clients.delete')}
                </Button>
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/**
 * A client ID (32 hex digits) that breaks only between groups of 8, as long numbers are read: a
 * wide column shows it whole, a narrow one in even groups, never in uneven crumbs.
 */
function ClientIdCode({ clientId }: { clientId: string }) {
  const groups = clientId.match(/.{1,8}/g) ?? [clientId];
  return (
    <code className="rc-clients__code">
      {groups.map((group, index) => (
        <Fragment key={index}>
          {index > 0 ? <wbr /> : null}
          {group}
        </Fragment>
      ))}
    </code>
  );
}

/** What the client does, and how recent a web client wants people's MFA to be. */
function KindCell({ client }: { client: Client }) {
  const { t } = useTranslation();
  return (
    <div>
      {t(clientKindKeys[client.kind])}
      {client.mfaMaxAgeMinutes !== null ? (
        <span className="rc-clients__detail">{t('clients.mfaWithin', { count: client.mfaMaxAgeMinutes })}</span>
      ) : null}
    </div>
  );
}

/** Where the client may send people: after signing in, and after signing out when it said. */
function AddressesCell({ client }: { client: Client }) {
  const { t } = useTranslation();
  if (client.redirectUris.length === 0) return <span>{t('clients.noRedirectUris')}</span>;
  return (
    <div>
      <AddressList addresses={client.redirectUris} />
      {client.postLogoutRedirectUris.length > 0 ? (
        <>
          <span className="rc-clients__detail">{t('clients.signOutAddresses')}</span>
          <AddressList addresses={client.postLogoutRedirectUris} />
        </>
      ) : null}
    </div>
  );
}

function AddressList({ addresses }: { addresses: string[] }) {
  return (
    <ul className="usa-list usa-list--unstyled rc-clients__addresses">
      {addresses.map((address) => (
        <li key={address}>
          <BreakableAddress address={address} />
        </li>
      ))}
    </ul>
  );
}
