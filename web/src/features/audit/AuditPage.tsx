import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { hasErrorCode, isApiError } from '../../api/client';
import { LoadingStatus } from '../../components/LoadingStatus';
import { PageError } from '../../components/PageError';
import { usePageTitle } from '../../components/use-page-title';
import { AdministratorsAlert } from '../admin/AdministratorsAlert';
import { useSession } from '../session/use-session';
import { auditExportUrl, auditSearchKey, fetchAuditPage, type AuditPage as Page } from './audit-api';
import {
  auditPath,
  filtersOf,
  problemsOf,
  readCursor,
  readFormValues,
  searchOf,
  searchParamsOf,
  type AuditFormValues,
} from './audit-filters';
import { AuditSearchForm } from './AuditSearchForm';
import { AuditTable } from './AuditTable';
import { ChainVerification } from './ChainVerification';
import './audit.css';

/**
 * "Audit log": administrators search every entry, the help desk the entries about its
 * applications. The page searches what its address says (filters, page size, and the cursor of
 * the page shown), so a search or one of its pages can be bookmarked and Back returns to the one
 * before; the downloads carry the same filters. Anyone else is told whose page this is.
 */
export function AuditPage() {
  const { t } = useTranslation();
  usePageTitle(t('audit.title'));
  const isAdministrator = useSession().data?.session?.user.isAdministrator === true;
  const [params, setParams] = useSearchParams();
  const values = readFormValues(params);
  const cursor = readCursor(params);
  // A bookmarked address with a value the page would not send: its field is marked, nothing is asked.
  const valid = problemsOf(values).length === 0;
  const search = searchOf(values, cursor);
  const entries = useQuery({
    queryKey: auditSearchKey(search),
    queryFn: ({ signal }) => fetchAuditPage(search, signal),
    enabled: valid,
    // The table of the search before stays until the next one answers, so the page does not jump.
    placeholderData: keepPreviousData,
  });
  const refusal = hasErrorCode(entries.error, 'request.invalid') ? entries.error : undefined;

  let body;
  if (isApiError(entries.error, 403)) {
    body = <AdministratorsAlert heading={t('audit.forbiddenHeading')} message={t('audit.forbidden')} />;
  } else if (valid && entries.isPending) {
    body = <LoadingStatus />;
  } else {
    body = (
      <>
        {isAdministrator ? <ChainVerification /> : null}
        <AuditSearchForm
          key={params.toString()}
          initial={values}
          isAdministrator={isAdministrator}
          refusal={refusal}
          onSearch={(next) => setParams(searchParamsOf(next))}
        />
        <section aria-labelledby="audit-results-heading" className="rc-section">
          <h2 id="audit-results-heading">{t('audit.results.heading')}</h2>
          <Results
            values={values}
            cursor={cursor}
            page={valid && !refusal && !entries.isError ? entries.data : undefined}
            loading={entries.isPlaceholderData && entries.isFetching}
            failed={entries.isError && !refusal}
            onRetry={() => void entries.refetch()}
          />
        </section>
      </>
    );
  }

  return (
    <div className="rc-audit">
      <h1>{t('audit.title')}</h1>
      <p className="usa-intro">{t('audit.intro')}</p>
      {body}
    </div>
  );
}

interface ResultsProps {
  values: AuditFormValues;
  cursor: string | undefined;
  page: Page | undefined;
  loading: boolean;
  failed: boolean;
  onRetry: () => void;
}

/** The page of entries found, its count said as it changes, the way to older ones, and the downloads. */
function Results({ values, cursor, page, loading, failed, onRetry }: ResultsProps) {
  const { t } = useTranslation();
  const shown = loading ? undefined : page;
  const status = loading
    ? t('audit.results.loading')
    : !shown
      ? ''
      : shown.items.length === 0
        ? cursor
          ? t('audit.results.noOlder')
          : t('audit.results.empty')
        : cursor
          ? t('audit.results.countOlder', { count: shown.items.length, seq: Number(cursor) })
          : t('audit.results.count', { count: shown.items.length });
  const filters = filtersOf(values);
  return (
    <>
      {/* Always in the page, so that each new count is announced. */}
      <p role="status" className="rc-status" data-testid="audit-status">
        {status}
      </p>
      {failed ? <PageError onRetry={onRetry} /> : null}
      {shown && shown.items.length > 0 ? <AuditTable entries={shown.items} /> : null}
      {shown && (cursor || shown.nextCursor) ? (
        <nav aria-label={t('audit.results.pages')} className="rc-audit__pages">
          {cursor ? (
            <Link className="usa-button usa-button--outline" to={auditPath(values)}>
              {t('audit.results.newest')}
            </Link>
          ) : null}
          {shown.nextCursor ? (
            <Link className="usa-button usa-button--outline" to={auditPath(values, shown.nextCursor)}>
              {t('audit.results.older')}
            </Link>
          ) : null}
        </nav>
      ) : null}
      {shown && shown.items.length > 0 ? (
        <div className="rc-audit__downloads">
          <h3>{t('audit.results.downloadHeading')}</h3>
          <p>{t('audit.results.downloadIntro')}</p>
          <p className="rc-audit__download-links">
            <a className="usa-button usa-button--outline" href={auditExportUrl(filters, 'csv')} download>
              {t('audit.results.downloadCsv')}
            </a>
            <a className="usa-button usa-button--outline" href={auditExportUrl(filters, 'jsonl')} download>
              {t('audit.results.downloadJsonl')}
            </a>
          </p>
        </div>
      ) : null}
    </>
  );
}
