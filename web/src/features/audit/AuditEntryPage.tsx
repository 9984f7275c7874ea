import { Alert } from '@trussworks/react-uswds';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { LoadingStatus } from '../../components/LoadingStatus';
import { PageError } from '../../components/PageError';
import { formatDate, useDateTimeFormat } from '../../components/use-date-format';
import { usePageTitle } from '../../components/use-page-title';
import { useCatalogText } from '../roles/use-catalog-text';
import { auditEntryKey, fetchAuditEntry, type AuditEntry } from './audit-api';
import { auditPath } from './audit-filters';
import { AuditAction } from './AuditAction';
import { AuditActor } from './AuditActor';
import { useApplicationById } from './use-audit-applications';
import './audit.css';

/**
 * One audit entry with everything it records: who, what, about what, where, the request it came
 * from, and what the target was before and after. A page of its own, so that an entry can be
 * kept or shared by its address; the search it was opened from is one step back.
 */
export function AuditEntryPage() {
  const { t } = useTranslation();
  usePageTitle(t('audit.entry.title'));
  const { id = '' } = useParams();
  const location = useLocation();
  const fromSearch = (location.state as { search?: unknown } | null)?.search;
  const backTo = typeof fromSearch === 'string' && fromSearch.startsWith('?') ? `/audit${fromSearch}` : '/audit';
  const entry = useQuery({ queryKey: auditEntryKey(id), queryFn: ({ signal }) => fetchAuditEntry(id, signal) });

  return (
    <div className="rc-audit">
      <nav className="usa-breadcrumb" aria-label={t('audit.entry.breadcrumbs')}>
        <ol className="usa-breadcrumb__list">
          <li className="usa-breadcrumb__list-item">
            <Link className="usa-breadcrumb__link" to={backTo}>
              <span>{t('audit.title')}</span>
            </Link>
          </li>
          <li className="usa-breadcrumb__list-item usa-current" aria-current="page">
            <span>{t('audit.entry.title')}</span>
          </li>
        </ol>
      </nav>
      <h1>{t('audit.entry.title')}</h1>
      {entry.isPending ? (
        <LoadingStatus />
      ) : entry.isError ? (
        // The server answers "not found" for an entry the caller may not read, as for one that does not exist.
        isApiError(entry.error, 404) || isApiError(entry.error, 400) ? (
          <Alert type="info" headingLevel="h2" heading={t('audit.entry.notFoundHeading')}>
            {t('audit.entry.notFound')}{' '}
            <Link className="usa-link" to={backTo}>
              {t('audit.entry.backToSearch')}
            </Link>
          </Alert>
        ) : (
          <PageError onRetry={() => void entry.refetch()} />
        )
      ) : (
        <EntryDetails entry={entry.data} />
      )}
    </div>
  );
}

function EntryDetails({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const dateTimeFormat = useDateTimeFormat();
  const applicationById = useApplicationById();
  const catalogText = useCatalogText();
  const application = entry.applicationId ? applicationById(entry.applicationId) : undefined;
  const none = <span className="rc-audit__none">{t('audit.table.none')}</span>;

  return (
    <>
      <dl className="rc-audit__details" data-testid="audit-entry">
        <Fact label={t('audit.entry.seq')}>{entry.seq}</Fact>
        <Fact label={t('audit.entry.id')}>
          <span className="rc-audit__id">{entry.id}</span>
        </Fact>
        <Fact label={t('audit.table.time')}>
          <time dateTime={entry.occurredAt}>{formatDate(dateTimeFormat, entry.occurredAt)}</time>
          <span className="rc-audit__id">{entry.occurredAt}</span>
        </Fact>
        <Fact label={t('audit.table.actor')}>
          <AuditActor actor={entry.actor} />
          {entry.actor.userId ? (
            <Link className="usa-link" to={auditPath({ actor: entry.actor.userId })}>
              {t('audit.entry.byActor')}
            </Link>
          ) : null}
        </Fact>
        <Fact label={t('audit.table.action')}>
          <AuditAction code={entry.action} />
        </Fact>
        <Fact label={t('audit.table.target')}>
          {entry.target ? (
            <>
              <span className="rc-audit__target">
                <code className="rc-audit__code">{entry.target.type}</code>
                <span className="rc-audit__id">{entry.target.id}</span>
              </span>
              <Link className="usa-link" to={auditPath({ targetType: entry.target.type, targetId: entry.target.id })}>
                {t('audit.entry.aboutTarget')}
              </Link>
            </>
          ) : (
            none
          )}
        </Fact>
        <Fact label={t('audit.entry.application')}>
          {entry.applicationId ? (
            <>
              <span>{application ? catalogText.name(application) : entry.applicationId}</span>
              <Link className="usa-link" to={auditPath({ applicationId: entry.applicationId })}>
                {t('audit.entry.ofApplication')}
              </Link>
            </>
          ) : (
            none
          )}
        </Fact>
        <Fact label={t('audit.entry.organization')}>
          {entry.organizationId ? (
            <>
              <span className="rc-audit__id">{entry.organizationId}</span>
              <Link className="usa-link" to={auditPath({ organizationId: entry.organizationId })}>
                {t('audit.entry.ofOrganization')}
              </Link>
            </>
          ) : (
            none
          )}
        </Fact>
        <Fact label={t('audit.entry.ip')}>{entry.ip ?? none}</Fact>
        <Fact label={t('audit.entry.requestId')}>
          {entry.requestId ? <code className="rc-audit__code">{entry.requestId}</code> : none}
        </Fact>
      </dl>
      <section aria-labelledby="audit-before-heading" className="rc-section">
        <h2 id="audit-before-heading">{t('audit.entry.before')}</h2>
        <Recorded value={entry.before} testId="audit-before" />
      </section>
      <section aria-labelledby="audit-after-heading" className="rc-section">
        <h2 id="audit-after-heading">{t('audit.entry.after')}</h2>
        <Recorded value={entry.after} testId="audit-after" />
      </section>
    </>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd className="rc-audit__fact">{children}</dd>
    </>
  );
}

/** What the entry recorded, as the JSON it was written in, laid out to read. */
function Recorded({ value, testId }: { value: unknown; testId: string }) {
  const { t } = useTranslation();
  if (value === null || value === undefined) return <p>{t('audit.entry.nothingRecorded')}</p>;
  return (
    <pre className="rc-audit__json" data-testid={testId}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}
