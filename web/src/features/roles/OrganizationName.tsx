import { useTranslation } from 'react-i18next';
import type { OrganizationRef } from './roles-api';

/** An organization as people recognize it: its name, submitter ID and the last digits of its TIN. */
export function OrganizationName({ organization }: { organization: OrganizationRef | null }) {
  const { t } = useTranslation();
  if (!organization) return <>{t('roles.wholeApplication')}</>;
  return (
    <>
      <span className="rc-org__name">{organization.legalName}</span>
      <span className="rc-org__detail">{t('roles.submitterIdIs', { submitterId: organization.submitterId })}</span>
      <span className="rc-org__detail">{t('roles.tinIs', { tin: organization.maskedTin })}</span>
    </>
  );
}
