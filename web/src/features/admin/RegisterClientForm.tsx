import { Button, Form } from '@trussworks/react-uswds';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, type FieldProblem } from '../../components/ErrorAlert';
import { FormCheckError } from '../../components/form-errors';
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
  type DraftFaults,
  type FieldFault,
} from './client-draft';
import { ClientKindField } from './ClientKindField';
import { clientsQueryKey, registerClient, type CreatedClient } from './clients-api';
import { LinesField } from './LinesField';
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

const fieldOrder = Object.keys(fieldIds) as ClientField[];

/** The registration form: the application, a name, what the client does and, to sign people in, where to send them. */
export function RegisterClientForm({ onRegistered }: { onRegistered: (created: CreatedClient) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const applications = useApplications();
  const [draft, setDraft] = useState<ClientDraft>(emptyDraft);
  // Which fields failed the browser's check, not the messages: the words follow a change of language.
  const [faults, setFaults] = useState<DraftFaults>({});
  const register = useMutation({
    mutationFn: registerClient,
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: clientsQueryKey });
      onRegistered(created);
    },
  });

  const refused = fieldRefused(register.error);
  const allFaults: DraftFaults = refused && !faults[refused] ? { ...faults, [refused]: 'invalid' } : faults;
  const errorOf = (field: ClientField) => {
    const fault = allFaults[field];
    return fault ? t(faultKeys[field][fault]) : undefined;
  };
  const problems: FieldProblem[] = fieldOrder
    .filter((field) => allFaults[field])
    .map((field) => ({ fieldId: fieldIds[field], message: errorOf(field) ?? '' }));
  const hasFaults = Object.keys(faults).length > 0;
  // One alert per failed check: a new one at each render would take the focus back while typing.
  const checkAlert = useMemo(() => (hasFaults ? new FormCheckError() : undefined), [hasFaults]);
  const set =
    <Field extends ClientField>(field: Field) =>
    (value: ClientDraft[Field]) =>
      setDraft((previous) => ({ ...previous, [field]: value }));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = checkDraft(draft);
    setFaults(found);
    if (Object.keys(found).length > 0 || !draft.kind) {
      // The server's answer to an earlier try no longer describes the form.
      register.reset();
      return;
    }
    register.mutate(toNewClient({ ...draft, kind: draft.kind }));
  };

  if (applications.isPending) return <LoadingStatus />;
  if (applications.isError) return <PageError onRetry={() => void applications.refetch()} />;

  return (
    <>
      <ErrorAlert
        error={checkAlert ?? register.error}
        // A refused field is named below in the page's language, which the server's words may not follow.
        message={refused ? t('errors.checkFields') : undefined}
        problems={problems}
      />
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
        <Button type="submit" disabled={register.isPending}>
          {register.isPending ? t('clients.form.submitting') : t('clients.form.submit')}
        </Button>
      </Form>
    </>
  );
}
