import { Button, Form } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingStatus } from '../../components/LoadingStatus';
import { PageError } from '../../components/PageError';
import { TextField } from '../../components/TextField';
import { ApplicationSelect } from './ApplicationSelect';
import {
  checkDraft,
  emptyDraft,
  fieldRefused,
  mfaMinutesLimit,
  toNewClient,
  type ClientDraft,
  type ClientField,
} from './client-draft';
import { ClientKindField } from './ClientKindField';
import { clientsQueryKey, registerClient, type CreatedClient } from './clients-api';
import { LinesField } from './LinesField';
import { useAdminForm, type FieldFault } from './use-admin-form';
import { useApplications } from './use-applications';

const fieldIds = {
  applicationCode: 'client-application',
  name: 'client-name',
  kind: 'client-kind',
  redirectUris: 'client-redirect-uris',
  postLogoutRedirectUris: 'client-sign-out-uris',
  mfaMaxAgeMinutes: 'client-mfa-minutes',
} as const satisfies Record<ClientField, string>;

// The words for each field's fault: "missing" is found by the browser, "invalid" by it or by the server.
const faultKeys = {
  applicationCode: { missing: 'clients.form.errors.applicationMissing', invalid: 'clients.form.errors.applicationGone' },
  name: { missing: 'clients.form.errors.nameMissing', invalid: 'clients.form.errors.nameInvalid' },
  kind: { missing: 'clients.form.errors.kindMissing', invalid: 'clients.form.errors.kindMissing' },
  redirectUris: { missing: 'clients.form.errors.redirectUrisMissing', invalid: 'clients.form.errors.redirectUrisInvalid' },
  postLogoutRedirectUris: {
    missing: 'clients.form.errors.signOutUrisInvalid',
    invalid: 'clients.form.errors.signOutUrisInvalid',
  },
  mfaMaxAgeMinutes: { missing: 'clients.form.errors.mfaMinutesInvalid', invalid: 'clients.form.errors.mfaMinutesInvalid' },
} as const satisfies Record<ClientField, Record<FieldFault, string>>;

/** The registration form: the application, a name, what the client does and, to sign people in, where to send them. */
export function RegisterClientForm({ onRegistered }: { onRegistered: (created: CreatedClient) => void }) {
  const { t } = useTranslation();
  const applications = useApplications();
  const { draft, set, errorOf, onSubmit, pending, alert } = useAdminForm({
    empty: emptyDraft,
    problemTargets: fieldIds,
    faultKeys,
    check: checkDraft,
    // The check found a kind chosen.
    toBody: (checked: ClientDraft) => toNewClient({ ...checked, kind: checked.kind! }),
    send: registerClient,
    refusedField: fieldRefused,
    listKey: clientsQueryKey,
    onCreated: onRegistered,
  });

  if (applications.isPending) return <LoadingStatus />;
  if (applications.isError) return <PageError onRetry={() => void applications.refetch()} />;

  return (
    <>
      <ErrorAlert error={alert.error} message={alert.message} problems={alert.problems} />
      <Form onSubmit={onSubmit} noValidate large>
        <ApplicationSelect
          id={fieldIds.applicationCode}
          applications={applications.data.items}
          label={t('clients.form.application')}
          placeholder={t('clients.form.chooseApplication')}
          value={draft.applicationCode}
          onChange={set('applicationCode')}
          error={errorOf('applicationCode')}
        />
        <TextField
          id={fieldIds.name}
          name="name"
          label={t('clients.form.name')}
          hint={t('clients.form.nameHint')}
          maxLength={100}
          autoComplete="off"
          value={draft.name}
          onValueChange={set('name')}
          error={errorOf('name')}
        />
        <ClientKindField idPrefix={fieldIds.kind} value={draft.kind} onChange={set('kind')} error={errorOf('kind')} />
        {draft.kind === 'web' ? (
          <>
            <LinesField
              id={fieldIds.redirectUris}
              label={t('clients.form.redirectUris')}
              hint={t('clients.form.redirectUrisHint')}
              value={draft.redirectUris}
              onValueChange={set('redirectUris')}
              error={errorOf('redirectUris')}
            />
            <LinesField
              id={fieldIds.postLogoutRedirectUris}
              label={t('clients.form.signOutUris')}
              hint={t('clients.form.signOutUrisHint')}
              optional
              value={draft.postLogoutRedirectUris}
              onValueChange={set('postLogoutRedirectUris')}
              error={errorOf('postLogoutRedirectUris')}
            />
            <TextField
              id={fieldIds.mfaMaxAgeMinutes}
              name="mfaMaxAgeMinutes"
              label={t('clients.form.mfaMinutes')}
              hint={t('clients.form.mfaMinutesHint')}
              optional
              inputMode="numeric"
              maxLength={String(mfaMinutesLimit).length}
              autoComplete="off"
              className="usa-input--small"
              value={draft.mfaMaxAgeMinutes}
              onValueChange={set('mfaMaxAgeMinutes')}
              error={errorOf('mfaMaxAgeMinutes')}
            />
          </>
        ) : null}
        <Button type="submit" disabled={pending}>
          {pending ? t('clients.form.submitting') : t('clients.form.submit')}
        </Button>
      </Form>
    </>
  );
}
