import { ErrorMessage, FormGroup, Label, TextInput } from '@trussworks/react-uswds';
import type { JSX, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type InputProps = Omit<JSX.IntrinsicElements['input'], 'id' | 'name' | 'type' | 'value' | 'onChange' | 'ref'>;

export interface TextFieldProps extends InputProps {
  id: string;
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  name?: string;
  type?: 'text' | 'email' | 'password' | 'tel';
  hint?: ReactNode;
  error?: string;
  optional?: boolean;
  /** More ids describing the field, e.g. a list of rules shown after it. */
  describedBy?: string;
}

/** A labelled USWDS text field whose hint and error are tied to it with aria-describedby. */
export function TextField({
  id,
  label,
  value,
  onValueChange,
  name,
  type = 'text',
  hint,
  error,
  optional,
  describedBy,
  ...input
}: TextFieldProps) {
  const { t } = useTranslation();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedByIds = [hintId, errorId, describedBy].filter(Boolean).join(' ') || undefined;
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
      <TextInput
        {...input}
        id={id}
        name={name ?? id}
        type={type}
        value={value}
        onChange={(event) => onValueChange(event.target.value)}
        validationStatus={error ? 'error' : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedByIds}
        required={!optional}
      />
    </FormGroup>
  );
}
