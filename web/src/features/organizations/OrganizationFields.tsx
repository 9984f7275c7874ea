import { Fieldset } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { ChoiceAt, TextFieldAt } from './Fields';
import type { OrganizationValues } from './form-values';
import { useOrganizationWords } from './labels';
import { linesOfBusiness, locations } from './organizations-api';
import type { FormModel } from './use-form-model';

/** Who the organization is: legal business name, TIN, group NPI, PTAN, line of business, location. */
export function OrganizationFields<T extends OrganizationValues>({
  form,
  retypeTin,
}: {
  form: FormModel<T>;
  retypeTin?: boolean;
}) {
  const { t } = useTranslation();
  const words = useOrganizationWords();
  return (
    <Fieldset legend={t('organizations.fields.organization')} legendStyle="large" className="margin-top-5">
      <TextFieldAt
        form={form}
        path="legalName"
        label={t('organizations.fields.legalName')}
        hint={t('organizations.fields.legalNameHint')}
        autoComplete="organization"
        maxLength={200}
      />
      <TextFieldAt
        form={form}
        path="tin"
        label={t('organizations.fields.tin')}
        hint={
          <>
            {t('organizations.fields.tinHint')} {t('organizations.fields.tinPrivacy')}
            {retypeTin ? ` ${t('organizations.fields.tinRetype')}` : ''}
          </>
        }
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        maxLength={10}
        className="usa-input--medium"
        uncontrolled
      />
      <TextFieldAt
        form={form}
        path="groupNpi"
        label={t('organizations.fields.groupNpi')}
        hint={t('organizations.fields.groupNpiHint')}
        inputMode="numeric"
        autoComplete="off"
        maxLength={10}
        className="usa-input--medium"
      />
      <TextFieldAt
        form={form}
        path="ptan"
        label={t('organizations.fields.ptan')}
        hint={t('organizations.fields.ptanHint')}
        autoComplete="off"
        maxLength={10}
        className="usa-input--medium"
      />
      <ChoiceAt
        form={form}
        path="lineOfBusiness"
        legend={t('organizations.fields.lineOfBusiness')}
        options={linesOfBusiness.map((value) => ({ value, label: words.lineOfBusiness(value) }))}
      />
      <ChoiceAt
        form={form}
        path="location"
        legend={t('organizations.fields.location')}
        options={locations.map((value) => ({ value, label: words.location(value) }))}
      />
    </Fieldset>
  );
}
