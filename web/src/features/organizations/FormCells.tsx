import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { OrganizationForm } from './organizations-api';
import { useOrganizationWords } from './labels';

/**
 * The first cells of every table of organization forms: the tracking number (a link to the form),
 * its kind and the organization's legal name. The tables differ in the cells that follow.
 */
export function FormCells({ form, to }: { form: OrganizationForm; to: string }) {
  const { t } = useTranslation();
  const words = useOrganizationWords();
  return (
    <>
      <th scope="row" data-label={t('organizations.forms.trackingNumber')}>
        <Link className="usa-link" to={to}>
          {form.trackingNumber}
        </Link>
      </th>
      <td data-label={t('organizations.forms.kind')}>{words.kind(form.kind)}</td>
      <td data-label={t('organizations.fields.legalName')}>{form.data.legalName ?? form.organization?.legalName ?? ''}</td>
    </>
  );
}
