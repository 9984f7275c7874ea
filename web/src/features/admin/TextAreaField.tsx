import { ErrorMessage, FormGroup, Label, Textarea } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';

interface Props {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onValueChange: (value: string) => void;
  error?: string;
  optional?: boolean;
  rows?: number;
  /** The language of what is typed, when it is not the page's (a Spanish text on an English page). */
  lang?: string;
}

/** A labelled text area for prose, its hint and error tied to it. */
export function TextAreaField({ id, label, hint, value, onValueChange, error, optional, rows = 6, lang }: Props) {
  const { t } = useTranslation();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <FormGroup error={Boolean(error)}>
      <Label htmlFor={id} error={Boolean(error)}>
        {label}
        {optional ? <span className="usa-hint"> {t('common.optional')}</span> : null}
      </Label>
      {hint ? (
        <div className="usa-hint" id={hintId}>
          {hint}
        </div>
      ) : null}
      {error ? <ErrorMessage id={errorId}>{error}</ErrorMessage> : null}
      <Textarea
        id={id}
        name={id}
        value={value}
        rows={rows}
        lang={lang}
        required={!optional}
        error={Boolean(error)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(event) => onValueChange(event.target.value)}
        className="rc-admin-console__textarea"
      />
    </FormGroup>
  );
}
