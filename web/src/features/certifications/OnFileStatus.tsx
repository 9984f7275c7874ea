import { Tag } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import type { CertificationItem } from './certifications-api';
import { personName } from './people';

/**
 * For an approver role the help desk certifies: who the organization's records name, and whether
 * the holder is that person. The words say it; the tag's color only repeats them.
 */
export function OnFileStatus({ item }: { item: CertificationItem }) {
  const { t } = useTranslation();
  if (item.certifiedAs !== 'help_desk' || item.role.kind === 'end_user') return <>{t('certifications.onFile.notApplicable')}</>;
  const onFile = item.onFile;
  if (!onFile) {
    return <Tag className="bg-gold text-ink">{t('certifications.onFile.nobody')}</Tag>;
  }
  const detail = onFile.matches
    ? t('certifications.onFile.bothMatch')
    : [
        onFile.nameMatches ? t('certifications.onFile.nameMatches') : t('certifications.onFile.nameDiffers'),
        onFile.emailMatches ? t('certifications.onFile.emailMatches') : t('certifications.onFile.emailDiffers'),
      ].join(' ');
  return (
    <>
      <span className="rc-org__name">{personName(onFile)}</span>
      <span className="rc-org__detail">{onFile.email}</span>
      <span className="rc-cert__match">
        <Tag className={onFile.matches ? 'bg-success-darker' : 'bg-secondary-dark'}>
          {onFile.matches ? t('certifications.onFile.matches') : t('certifications.onFile.differs')}
        </Tag>
      </span>
      <span className="rc-org__detail">{detail}</span>
    </>
  );
}
