import { Tag } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { formatDate, useDateFormat, useDaysAgo } from '../../components/use-date-format';
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

/**
 * When the holder last signed in to the role's application through Rolecall, and a tag when the
 * role looks unused (never signed in, or not for the program's number of days), so a certifier
 * sees who may no longer need it.
 */
export function UsageCell({ item }: { item: Pick<CertificationItem, 'usage'> }) {
  const { t } = useTranslation();
  const dateFormat = useDateFormat();
  const daysAgo = useDaysAgo();
  const { lastSignInAt, daysSince, flag, unusedDays } = item.usage;
  return (
    <td data-label={t('certifications.list.lastUsed')}>
      {lastSignInAt !== null && daysSince !== null ? (
        <time dateTime={lastSignInAt} title={formatDate(dateFormat, lastSignInAt)}>
          {daysAgo(daysSince, t('certifications.usage.today'))}
        </time>
      ) : null}
      {flag ? (
        <span className="rc-org__detail">
          <Tag className="bg-base-lighter text-ink">
            {flag === 'never_used'
              ? t('certifications.usage.neverUsed')
              : t('certifications.usage.unused', { count: unusedDays })}
          </Tag>
        </span>
      ) : null}
    </td>
  );
}
