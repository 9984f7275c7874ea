import { TextField } from '../../components/TextField';

interface Props {
  id: string;
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  error?: string;
  hint?: string;
}

/** A six-digit one-time code: numeric keyboard on phones, and filled in from SMS where offered. */
export function CodeField(props: Props) {
  return (
    <TextField
      {...props}
      name="code"
      inputMode="numeric"
      autoComplete="one-time-code"
      pattern="[0-9]*"
      maxLength={6}
      spellCheck={false}
      className="rc-code-input"
      onValueChange={(value) => props.onValueChange(value.replace(/\s+/g, ''))}
    />
  );
}
