import { Alert } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TextField } from '../../components/TextField';
import type { Application } from './roles-api';

interface Value {
  submitterId: string;
  legalName: string;
}

interface Props {
  application: Application;
  value: Value;
  errors: Partial<Record<keyof Value, string>>;
  onChange: (value: Value) => void;
}

/**
 * "Create a new organization": an approver names the organization the help desk approved, by the
 * submitter ID it issued and the legal business name on the form; the server checks both.
 */
export function NewOrganizationFields({ application, value, errors, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <Alert type="info" headingLevel="h2" slim className="rc-new-org-note">
        {t('roles.add.newOrganizationNote', { application: application.name })}{' '}
        <Link className="usa-link" to={`/organization-forms/new?application=${encodeURIComponent(application.code)}`}>
          {t('roles.add.newOrganizationFormLink')}
        </Link>
      </Alert>
      <TextField
        id="new-organization-submitter-id"
        name="submitterId"
        label={t('roles.add.submitterId')}
        hint={t('roles.add.submitterIdHint', { application: application.name })}
        value={value.submitterId}
        maxLength={40}
        autoComplete="off"
        error={errors.submitterId}
        onValueChange={(submitterId) => onChange({ ...value, submitterId })}
      />
      <TextField
        id="new-organization-legal-name"
        name="legalName"
        label={t('roles.add.legalName')}
        hint={t('roles.add.legalNameHint')}
        value={value.legalName}
        maxLength={200}
        autoComplete="organization"
        error={errors.legalName}
        onValueChange={(legalName) => onChange({ ...value, legalName })}
      />
    </>
  );
}
