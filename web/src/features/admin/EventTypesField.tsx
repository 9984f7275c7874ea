import { Checkbox, ErrorMessage, Fieldset, FormGroup } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { webhookEventDescriptionKeys, webhookEventNameKeys, webhookEventTypes } from './webhook-event-words';
import type { WebhookEventType } from './webhooks-api';

/** A checkbox's id; the first one is where the error summary's link leads. */
export function eventCheckboxId(idPrefix: string, type: WebhookEventType): string {
  return `${idPrefix}-${type.replace('.', '-')}`;
}

interface Props {
  idPrefix: string;
  value: readonly WebhookEventType[];
  onChange: (eventTypes: WebhookEventType[]) => void;
  error?: string;
}

/**
 * The events the receiver wants, each said in words with the type its code will read: a receiver
 * is told only of the events ticked here.
 */
export function EventTypesField({ idPrefix, value, onChange, error }: Props) {
  const { t } = useTranslation();
  const hintId = `${idPrefix}-hint`;
  const errorId = `${idPrefix}-error`;
  const toggle = (type: WebhookEventType, ticked: boolean) =>
    // Kept in the form's order whatever the order of the clicks, so the request reads as the list does.
    onChange(webhookEventTypes.filter((known) => (known === type ? ticked : value.includes(known))));
  return (
    <FormGroup error={Boolean(error)}>
      <Fieldset legend={t('webhooks.form.events')} aria-describedby={error ? `${hintId} ${errorId}` : hintId}>
        <div className="usa-hint" id={hintId}>
          {t('webhooks.form.eventsHint')}
        </div>
        {error ? <ErrorMessage id={errorId}>{error}</ErrorMessage> : null}
        {webhookEventTypes.map((type) => (
          <Checkbox
            key={type}
            id={eventCheckboxId(idPrefix, type)}
            name="eventTypes"
            value={type}
            label={t(webhookEventNameKeys[type])}
            labelDescription={
              <>
                {t(webhookEventDescriptionKeys[type])}
                <code className="rc-webhooks__event-code">{type}</code>
              </>
            }
            checked={value.includes(type)}
            onChange={(event) => toggle(type, event.target.checked)}
          />
        ))}
      </Fieldset>
    </FormGroup>
  );
}
