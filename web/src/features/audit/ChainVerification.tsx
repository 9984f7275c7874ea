import { Alert } from '@trussworks/react-uswds';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadingStatus } from '../../components/LoadingStatus';
import { PageError } from '../../components/PageError';
import { auditVerificationKey, fetchAuditVerification } from './audit-api';
import { auditEntryPath } from './AuditTable';

/**
 * For administrators: the hash chain checked from its first entry, as `rolecall audit verify`
 * checks it. Intact, with how many entries verify; or broken, with the first entry that is
 * missing, changed or out of order. Read once when the page opens, not again with each search.
 */
export function ChainVerification() {
  const { t, i18n } = useTranslation();
  const verification = useQuery({
    queryKey: auditVerificationKey,
    queryFn: ({ signal }) => fetchAuditVerification(signal),
    staleTime: 5 * 60_000,
  });
  const count = (value: number) => value.toLocaleString(i18n.resolvedLanguage ?? 'en');

  if (verification.isPending) return <LoadingStatus label={t('audit.verification.checking')} />;
  if (verification.isError) return <PageError onRetry={() => void verification.refetch()} />;
  const result = verification.data;
  if (result.ok) {
    return (
      <Alert type="success" headingLevel="h2" heading={t('audit.verification.intactHeading')} data-testid="audit-verification">
        {result.entries === 0
          ? t('audit.verification.empty')
          : t('audit.verification.intact', { count: result.entries, entries: count(result.entries) })}
      </Alert>
    );
  }
  const broken = result.brokenSeq ?? result.entries + 1;
  return (
    <Alert
      type="error"
      headingLevel="h2"
      heading={t('audit.verification.brokenHeading', { seq: count(broken) })}
      data-testid="audit-verification"
    >
      {result.entries === 0
        ? t('audit.verification.brokenFirst')
        : t('audit.verification.brokenAfter', { count: result.entries, entries: count(result.entries) })}{' '}
      {result.brokenId ? t('audit.verification.changed') : t('audit.verification.missing')} {t('audit.verification.runCommand')}{' '}
      <code>rolecall audit verify</code>
      {result.reason ? (
        <>
          <br />
          {t('audit.verification.reason')}{' '}
          <span lang="en" className="rc-audit__reason">
            {result.reason}
          </span>
        </>
      ) : null}
      {result.brokenId ? (
        <>
          <br />
          <Link className="usa-link" to={auditEntryPath({ id: result.brokenId })}>
            {t('audit.verification.viewEntry', { seq: count(broken) })}
          </Link>
        </>
      ) : null}
    </Alert>
  );
}
