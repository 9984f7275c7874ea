import { ErrorMessage, FormGroup, Label, Textarea } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';

interface Props {
  id: string;
  label: string;
  hint: string;
  value: string;
  onValueChange: (value: string) => void;
  error?: string;
  optional?: boolean;
}

/** A text area for a list typed one item a line (addresses), with its hint and error tied to it. */
export function LinesField({ id, label, hint, value, onValueChange, error, optional }: Props) {
  const { t } = useTranslation();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <FormGroup error={Boolean(error)}>
      <Label htmlFor={id} error={Boolean(error)}>
        {label}
        {optional ? <span className="usa-hint"> {t('common.optional')}</span> : null}
      </Label>
      <div className="usa-hint" id={hintId}>
        {hint}
      </div>
      {error ? <ErrorMessage id={errorId}>{error}</ErrorMessage> : null}
      <Textarea
        id={id}
        name={id}
        value={value}
        // Addresses are typed exactly: no spelling fixes, no capital at the start of a line.
        spellCheck={false}
        autoCapitalize="none"
        autoCorrect="off"
        rows={3}
        required={!optional}
        error={Boolean(error)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${hintId} ${errorId}` : hintId}
        onChange={(event) => onValueChange(event.target.value)}
        className="rc-clients__lines"
      />
    </FormGroup>
  );
}
