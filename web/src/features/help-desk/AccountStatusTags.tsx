import { Tag } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import type { PersonHit } from './help-desk-api';

/** The account's state in words: active, waiting for email verification or disabled, and locked. */
export function AccountStatusTags({ person }: { person: Pick<PersonHit, 'status' | 'locked'> }) {
  const { t } = useTranslation();
  return (
    <span className="rc-help-desk__tags">
      <Tag className={person.status === 'active' ? 'bg-green' : 'bg-gold text-ink'}>{t(`helpDesk.status.${person.status}`)}</Tag>
      {person.locked ? <Tag className="bg-secondary-dark">{t('helpDesk.status.locked')}</Tag> : null}
    </span>
  );
}
