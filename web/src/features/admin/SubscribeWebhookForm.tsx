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
import type { FieldFault } from './client-draft';
import { eventCheckboxId, EventTypesField } from './EventTypesField';
import { webhookEventTypes } from './webhook-event-words';
import { useApplications } from './use-applications';
import {
  checkWebhookDraft,
  emptyWebhookDraft,
  toNewSubscription,
  webhookFieldRefused,
  type WebhookDraft,
  type WebhookFaults,
  type WebhookField,
} from './webhook-draft';
import { subscribe, webhooksQueryKey, type CreatedSubscription } from './webhooks-api';

const fieldIds = {
  applicationCode: 'webhook-application',
  url: 'webhook-url',
  eventTypes: 'webhook-events',
} as const satisfies Record<WebhookField, string>;

// The words for each field's fault: "missing" is found by the browser, "invalid" by it or by the server.
const faultKeys = {
  applicationCode: { missing: 'webhooks.form.errors.applicationMissing', invalid: 'webhooks.form.errors.applicationGone' },
  url: { missing: 'webhooks.form.errors.urlMissing', invalid: 'webhooks.form.errors.urlInvalid' },
  eventTypes: { missing: 'webhooks.form.errors.eventsMissing', invalid: 'webhooks.form.errors.eventsMissing' },
} as const satisfies Record<WebhookField, Record<FieldFault, string>>;

// The summary's links lead to a field that takes focus: for the events, their first checkbox.
const problemTargets = {
  ...fieldIds,
  eventTypes: eventCheckboxId(fieldIds.eventTypes, webhookEventTypes[0]),
} as const satisfies Record<WebhookField, string>;

const fieldOrder = Object.keys(fieldIds) as WebhookField[];

/** "Subscribe a receiver": the application, the receiver's address and the events it wants. */
export function SubscribeWebhookForm({ onSubscribed }: { onSubscribed: (created: CreatedSubscription) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const applications = useApplications();
  const [draft, setDraft] = useState<WebhookDraft>(emptyWebhookDraft);
  // Which fields failed the browser's check, not the messages: the words follow a change of language.
  const [faults, setFaults] = useState<WebhookFaults>({});
  const save = useMutation({
    mutationFn: subscribe,
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: webhooksQueryKey });
      onSubscribed(created);
    },
  });

  const refused = webhookFieldRefused(save.error);
  const allFaults: WebhookFaults = refused && !faults[refused] ? { ...faults, [refused]: 'invalid' } : faults;
  const errorOf = (field: WebhookField) => {
    const fault = allFaults[field];
    return fault ? t(faultKeys[field][fault]) : undefined;
  };
  const problems: FieldProblem[] = fieldOrder
    .filter((field) => allFaults[field])
    .map((field) => ({ fieldId: problemTargets[field], message: errorOf(field) ?? '' }));
  const hasFaults = Object.keys(faults).length > 0;
  // One alert per failed check: a new one at each render would take the focus back while typing.
  const checkAlert = useMemo(() => (hasFaults ? new FormCheckError() : undefined), [hasFaults]);
  const set =
    <Field extends WebhookField>(field: Field) =>
    (value: WebhookDraft[Field]) =>
      setDraft((previous) => ({ ...previous, [field]: value }));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = checkWebhookDraft(draft);
    setFaults(found);
    if (Object.keys(found).length > 0) {
      // The server's answer to an earlier try no longer describes the form.
      save.reset();
      return;
    }
    save.mutate(toNewSubscription(draft));
  };

  if (applications.isPending) return <LoadingStatus />;
  if (applications.isError) return <PageError onRetry={() => void applications.refetch()} />;

  return (
    <>
      <ErrorAlert
        error={checkAlert ?? save.error}
        // A refused field is named below in the page's language, which the server's words may not follow.
        message={refused ? t('errors.checkFields') : undefined}
        problems={problems}
      />
      <Form onSubmit={onSubmit} noValidate large>
        <ApplicationSelect
          id={fieldIds.applicationCode}
          applications={applications.data.items}
          label={t('webhooks.form.application')}
          placeholder={t('webhooks.form.chooseApplication')}
          value={draft.applicationCode}
          onChange={set('applicationCode')}
          error={errorOf('applicationCode')}
        />
        <TextField
          id={fieldIds.url}
          name="url"
          label={t('webhooks.form.url')}
          hint={t('webhooks.form.urlHint')}
          maxLength={2000}
          inputMode="url"
          autoComplete="off"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          value={draft.url}
          onValueChange={set('url')}
          error={errorOf('url')}
        />
        <EventTypesField
          idPrefix={fieldIds.eventTypes}
          value={draft.eventTypes}
          onChange={set('eventTypes')}
          error={errorOf('eventTypes')}
        />
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? t('webhooks.form.submitting') : t('webhooks.form.submit')}
        </Button>
      </Form>
    </>
  );
}
