import { useTranslation } from 'react-i18next';

/** What a decision did, as the list says it afterwards; `name` when it was one user's details. */
export interface DecidedNotice {
  outcome: 'certified' | 'revoked';
  count: number;
  name?: string;
}

export function useDecisionNotice(notice: DecidedNotice | undefined): string | undefined {
  const { t } = useTranslation();
  if (!notice) return undefined;
  if (notice.name) {
    return notice.outcome === 'certified'
      ? t('certifications.notice.certifiedUser', { count: notice.count, name: notice.name })
      : t('certifications.notice.revokedUser', { count: notice.count, name: notice.name });
  }
  return notice.outcome === 'certified'
    ? t('certifications.notice.certified', { count: notice.count })
    : t('certifications.notice.revoked', { count: notice.count });
}
