import { ErrorMessage, FormGroup, Label, Select } from '@trussworks/react-uswds';
import { useCatalogText } from '../roles/use-catalog-text';
import type { Application } from '../roles/roles-api';

interface Props {
  id: string;
  applications: Application[];
  value: string;
  onChange: (code: string) => void;
  error?: string;
  label: string;
  /** The empty first choice, e.g. "- Select -". */
  placeholder: string;
}

/** The application something is registered for, by name in the page's language and by code. */
export function ApplicationSelect({ id, applications, value, onChange, error, label, placeholder }: Props) {
  const catalogText = useCatalogText();
  const errorId = `${id}-error`;
  return (
    <FormGroup error={Boolean(error)}>
      <Label htmlFor={id} error={Boolean(error)}>
        {label}
      </Label>
      {error ? <ErrorMessage id={errorId}>{error}</ErrorMessage> : null}
      <Select
        id={id}
        name="applicationCode"
        value={value}
        required
        validationStatus={error ? 'error' : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(event) => onChange(event.target.value)}
      >
        <option value="">{placeholder}</option>
        {applications.map((application) => {
          const name = catalogText.name(application);
          return (
            <option key={application.code} value={application.code}>
              {name === application.code ? name : `${name} (${application.code})`}
            </option>
          );
        })}
      </Select>
    </FormGroup>
  );
}
