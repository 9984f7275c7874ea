import { useTranslation } from 'react-i18next';

/** A polite "Loading…" for the moment a page waits on the server. */
export function LoadingStatus({ label }: { label?: string }) {
  const { t } = useTranslation();
  return <p role="status">{label ?? t('common.loading')}</p>;
}
