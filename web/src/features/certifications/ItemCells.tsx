import { useTranslation } from 'react-i18next';
import { formatDate, useDateFormat } from '../../components/use-date-format';
import type { CertificationItem } from './certifications-api';

/*
 * The cells every table of certification items shows alike: where the role is held, and when it
 * was established and last certified. The tables differ in what comes before and after these.
 */

/** The organization's name and submitter ID, or "whole application" for an application-wide role. */
export function OrganizationCell({ item }: { item: Pick<CertificationItem, 'organization'> }) {
  const { t } = useTranslation();
  return (
    <td data-label={t('certifications.list.organization')}>
      {item.organization ? (
        <>
          <span className="rc-org__name">{item.organization.legalName}</span>
          <span className="rc-org__detail">
            {t('certifications.submitterIdIs', { submitterId: item.organization.submitterId })}
          </span>
        </>
      ) : (
        t('certifications.wholeApplication')
      )}
    </td>
  );
}

/** When the role was established, and when it was last certified ("not yet" before the first time). */
export function HistoryCells({ item }: { item: Pick<CertificationItem, 'establishedAt' | 'lastCertifiedAt'> }) {
  const { t } = useTranslation();
  const dateFormat = useDateFormat();
  return (
    <>
      <td data-label={t('certifications.list.established')}>{formatDate(dateFormat, item.establishedAt)}</td>
      <td data-label={t('certifications.list.lastCertified')}>
        {formatDate(dateFormat, item.lastCertifiedAt, t('certifications.notYet'))}
      </td>
    </>
  );
}
