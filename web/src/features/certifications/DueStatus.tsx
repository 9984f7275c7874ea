import { Tag } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { useDateFormat } from '../../components/use-date-format';
import type { CertificationItem } from './certifications-api';
import { formatDay } from './people';

/**
 * The due day and how far off it is, in words: "Overdue" is also a tag, so the state never rests
 * on color alone.
 */
export function DueStatus({ item }: { item: Pick<CertificationItem, 'dueDay' | 'daysLeft'> }) {
  const { t } = useTranslation();
  const dateFormat = useDateFormat();
  return (
    <>
      <span className="rc-cert__due-day">{formatDay(dateFormat, item.dueDay)}</span>
      <span className="rc-org__detail">
        {item.daysLeft < 0 ? (
          <Tag className="bg-secondary-dark">{t('certifications.due.overdue', { count: -item.daysLeft })}</Tag>
        ) : item.daysLeft === 0 ? (
          <Tag className="bg-gold text-ink">{t('certifications.due.today')}</Tag>
        ) : (
          t('certifications.due.daysLeft', { count: item.daysLeft })
        )}
      </span>
    </>
  );
}
