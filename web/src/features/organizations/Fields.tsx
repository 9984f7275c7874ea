import { ErrorMessage, Fieldset, FormGroup, Label, Radio, TextInput } from '@trussworks/react-uswds';
import { useState, type JSX, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { valueAt } from './form-values';
import type { FormModel } from './use-form-model';

/**
 * One convention on every form of the site: a field is required unless its label says
 * "(optional)". Said once at the top of these long forms.
 */
export function RequiredNote() {
  const { t } = useTranslation();
  return <p className="usa-hint">{t('organizations.form.requiredNote')}</p>;
}

type InputProps = Omit<
  JSX.IntrinsicElements['input'],
  'id' | 'name' | 'type' | 'value' | 'defaultValue' | 'onChange' | 'ref' | 'form'
>;

interface TextProps<T> extends InputProps {
  form: FormModel<T>;
  path: string;
  label: string;
  type?: 'text' | 'email' | 'tel';
  hint?: ReactNode;
  optional?: boolean;
  /**
   * Leaves the typed text out of the page's markup: React mirrors a controlled input's value
   * into its value attribute, and a TIN must not be there.
   */
  uncontrolled?: boolean;
}

/** A labelled text field bound to one path of a form's values, with its hint and its problem. */
export function TextFieldAt<T>({ form, path, label, type = 'text', hint, optional, uncontrolled, ...input }: TextProps<T>) {
  const { t } = useTranslation();
  const id = form.idOf(path);
  const error = form.errorOf(path, label);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const value = String(valueAt(form.values, path) ?? '');
  // An uncontrolled field starts from the value it had when it appeared, and is never told again.
  const [initial] = useState(value);
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
        name={path}
        type={type}
        {...(uncontrolled ? { defaultValue: initial } : { value })}
        onChange={(event) => form.set(path, event.target.value)}
        validationStatus={error ? 'error' : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        required={!optional}
      />
    </FormGroup>
  );
}

interface ChoiceProps<T> {
  form: FormModel<T>;
  path: string;
  legend: string;
  options: readonly { value: string; label: string }[];
}

/** A required choice of a few options, as radio buttons in a fieldset named by its legend. */
export function ChoiceAt<T>({ form, path, legend, options }: ChoiceProps<T>) {
  const id = form.idOf(path);
  const error = form.errorOf(path, legend);
  const value = valueAt(form.values, path);
  return (
    <FormGroup error={Boolean(error)}>
      <Fieldset legend={<>{legend}</>} aria-describedby={error ? `${id}-error` : undefined}>
        {error ? <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage> : null}
        {options.map((option) => (
          <Radio
            key={option.value}
            id={`${id}-${option.value}`}
            name={path}
            value={option.value}
            label={option.label}
            checked={value === option.value}
            onChange={() => form.set(path, option.value)}
          />
        ))}
      </Fieldset>
    </FormGroup>
  );
}
