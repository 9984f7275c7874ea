import { Button, Form } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingStatus } from '../../components/LoadingStatus';
import { PageError } from '../../components/PageError';
import { TextField } from '../../components/TextField';
import { ApplicationSelect } from './ApplicationSelect';
import { eventCheckboxId, EventTypesField } from './EventTypesField';
import { webhookEventTypes } from './webhook-event-words';
import { useAdminForm, type FieldFault } from './use-admin-form';
import { useApplications } from './use-applications';
import { checkWebhookDraft, emptyWebhookDraft, toNewSubscription, webhookFieldRefused, type WebhookField } from './webhook-draft';
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

/** "Subscribe a receiver": the application, the receiver's address and the events it wants. */
export function SubscribeWebhookForm({ onSubscribed }: { onSubscribed: (created: CreatedSubscription) => void }) {
  const { t } = useTranslation();
  const applications = useApplications();
  const { draft, set, errorOf, onSubmit, pending, alert } = useAdminForm({
    empty: emptyWebhookDraft,
    problemTargets,
    faultKeys,
    check: checkWebhookDraft,
    toBody: toNewSubscription,
    send: subscribe,
    refusedField: webhookFieldRefused,
    listKey: webhooksQueryKey,
    onCreated: onSubscribed,
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
        <Button type="submit" disabled={pending}>
          {pending ? t('webhooks.form.submitting') : t('webhooks.form.submit')}
        </Button>
      </Form>
    </>
  );
}
