import { Button, ErrorMessage, Fieldset, Form, FormGroup, Label, Radio, Select } from '@trussworks/react-uswds';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormCheckError } from '../../components/form-errors';
import { NewOrganizationFields } from './NewOrganizationFields';
import { OrganizationSearch } from './OrganizationSearch';
import { mayCreateOrganization } from './role-choice';
import { emptyDraft, type RoleDraft } from './role-draft';
import type { Application, CatalogRole } from './roles-api';
import { useCatalogText } from './use-catalog-text';

interface Props {
  application: Application;
  roles: CatalogRole[];
  draft: RoleDraft;
  presetSubmitterId?: string;
  onChange: (draft: RoleDraft) => void;
  onReview: () => void;
}

type Field = 'role' | 'organization' | 'submitterId' | 'legalName';

/** "Select a Role", then the organization it is for: found by search, or created by an approver. */
export function ChooseRoleStep({ application, roles, draft, presetSubmitterId, onChange, onReview }: Props) {
  const { t } = useTranslation();
  const catalogText = useCatalogText();
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const role = draft.role;
  const needsOrganization = role?.scope === 'organization';
  const mayCreate = role ? mayCreateOrganization(role.kind) : false;
  const creating = needsOrganization && mayCreate && draft.organizationChoice === 'new';

  const onRoleChange = (roleId: string) => {
    // Another role starts the organization part over: what may be chosen depends on the role.
    const next = roles.find((candidate) => candidate.id === roleId);
    onChange({ ...emptyDraft(next, draft.query), reason: draft.reason });
    setErrors({});
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    if (!role) found.role = t('roles.add.roleRequired');
    else if (creating) {
      if (!draft.newOrganization.submitterId.trim()) found.submitterId = t('roles.add.submitterIdRequired');
      if (!draft.newOrganization.legalName.trim()) found.legalName = t('roles.add.legalNameRequired');
    } else if (needsOrganization && !draft.organization) found.organization = t('roles.add.organizationRequired');
    setErrors(found);
    if (Object.keys(found).length === 0) onReview();
  };

  const hasErrors = Object.keys(errors).length > 0;
  return (
    <div className="rc-roles__form">
      <p className="usa-intro">{t('roles.add.intro', { application: catalogText.name(application) })}</p>
      <ErrorAlert error={hasErrors ? new FormCheckError() : undefined} />
      <Form onSubmit={onSubmit} noValidate large>
        <FormGroup error={Boolean(errors.role)}>
          <Label htmlFor="role" error={Boolean(errors.role)}>
            {t('roles.add.selectRole')}
          </Label>
          {errors.role ? <ErrorMessage id="role-error">{errors.role}</ErrorMessage> : null}
          <Select
            id="role"
            name="role"
            value={role?.id ?? ''}
            required
            validationStatus={errors.role ? 'error' : undefined}
            aria-invalid={errors.role ? true : undefined}
            aria-describedby={
              [errors.role ? 'role-error' : '', role ? 'role-description' : ''].filter(Boolean).join(' ') || undefined
            }
            onChange={(event) => onRoleChange(event.target.value)}
          >
            <option value="">{t('roles.add.selectPlaceholder')}</option>
            {roles.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {catalogText.name(candidate)}
              </option>
            ))}
          </Select>
          {role ? (
            <p className="usa-hint" id="role-description">
              {catalogText.description(role)}
            </p>
          ) : null}
        </FormGroup>

        {needsOrganization && mayCreate ? (
          <Fieldset legend={t('roles.add.organizationLegend')}>
            <Radio
              id="organization-existing"
              name="organizationChoice"
              value="existing"
              checked={draft.organizationChoice === 'existing'}
              label={t('roles.add.associateExisting')}
              onChange={() => onChange({ ...draft, organizationChoice: 'existing' })}
            />
            <Radio
              id="organization-new"
              name="organizationChoice"
              value="new"
              checked={draft.organizationChoice === 'new'}
              label={t('roles.add.createNew')}
              onChange={() => onChange({ ...draft, organizationChoice: 'new' })}
            />
          </Fieldset>
        ) : null}

        {needsOrganization && !creating ? (
          <OrganizationSearch
            application={application}
            query={draft.query}
            selected={draft.organization}
            presetSubmitterId={presetSubmitterId}
            error={errors.organization}
            onQueryChange={(query) => onChange({ ...draft, query, organization: undefined })}
            onSelect={(organization) => onChange({ ...draft, organization })}
          />
        ) : null}

        {creating ? (
          <NewOrganizationFields
            application={application}
            value={draft.newOrganization}
            errors={{ submitterId: errors.submitterId, legalName: errors.legalName }}
            onChange={(newOrganization) => onChange({ ...draft, newOrganization })}
          />
        ) : null}

        <Button type="submit">{t('roles.add.review')}</Button>
      </Form>
      <p className="rc-back-link">
        <Link className="usa-link" to="/roles">
          {t('roles.backToRoles')}
        </Link>
      </p>
    </div>
  );
}
