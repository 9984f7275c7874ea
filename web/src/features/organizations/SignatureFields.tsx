import { Checkbox, ErrorMessage, Fieldset, FormGroup } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { TextFieldAt } from './Fields';
import type { SignatureValues } from './form-values';
import type { FormModel } from './use-form-model';

/**
 * The authorized official signs by typing their name and confirming the form is true; the server
 * records the date and time it received the signature, so the browser's clock plays no part.
 */
export function SignatureFields<T extends SignatureValues>({ form }: { form: FormModel<T> }) {
  const { t } = useTranslation();
  const attestId = form.idOf('attested');
  const attestError = form.errorOf('attested', t('organizations.signature.attest'));
  return (
    <Fieldset legend={t('organizations.signature.legend')} legendStyle="large" className="margin-top-5">
      <p className="usa-hint">{t('organizations.signature.intro')}</p>
      <TextFieldAt
        form={form}
        path="signatureName"
        label={t('organizations.signature.name')}
        hint={t('organizations.signature.nameHint')}
        autoComplete="name"
        maxLength={100}
      />
      <FormGroup error={Boolean(attestError)}>
        {attestError ? <ErrorMessage id={`${attestId}-error`}>{attestError}</ErrorMessage> : null}
        <Checkbox
          id={attestId}
          name="attested"
          label={<>{t('organizations.signature.attest')}</>}
          checked={form.values.attested}
          onChange={(event) => form.set('attested', event.target.checked)}
          aria-invalid={attestError ? true : undefined}
          aria-describedby={attestError ? `${attestId}-error` : undefined}
          required
        />
      </FormGroup>
    </Fieldset>
  );
}
