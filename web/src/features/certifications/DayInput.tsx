import type { JSX } from 'react';

type Props = Omit<JSX.IntrinsicElements['input'], 'type' | 'className' | 'onChange'> & {
  id: string;
  value: string;
  onValueChange: (value: string) => void;
};

/**
 * A calendar day (YYYY-MM-DD) with the browser's own date picker, styled as a USWDS input: the
 * USWDS TextInput has no date type, and its DatePicker is not needed for a single day.
 */
export function DayInput({ id, value, onValueChange, ...input }: Props) {
  return (
    <input
      {...input}
      id={id}
      name={input.name ?? id}
      type="date"
      className="usa-input rc-cert__day"
      value={value}
      onChange={(event) => onValueChange(event.target.value)}
    />
  );
}
