import { ErrorMessage, Fieldset, FormGroup, Radio } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { clientKindDescriptionKeys, clientKindKeys, clientKinds } from './client-kinds';
import type { ClientKind } from './clients-api';

interface Props {
  idPrefix: string;
  value: ClientKind | undefined;
  onChange: (kind: ClientKind) => void;
  error?: string;
}

/** What the client does, as tiles that say it in words: the rest of the form follows the choice. */
export function ClientKindField({ idPrefix, value, onChange, error }: Props) {
  const { t } = useTranslation();
  const errorId = `${idPrefix}-error`;
  return (
    <FormGroup error={Boolean(error)}>
      <Fieldset legend={t('clients.form.kindLegend')} aria-describedby={error ? errorId : undefined}>
        {error ? <ErrorMessage id={errorId}>{error}</ErrorMessage> : null}
        {clientKinds.map((kind) => (
          <Radio
            key={kind}
            id={`${idPrefix}-${kind}`}
            name="kind"
            value={kind}
            tile
            label={t(clientKindKeys[kind])}
            labelDescription={t(clientKindDescriptionKeys[kind])}
            checked={value === kind}
            onChange={() => onChange(kind)}
          />
        ))}
      </Fieldset>
    </FormGroup>
  );
}
