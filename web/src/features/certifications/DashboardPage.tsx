import { Label, Select, Table } from '@trussworks/react-uswds';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadingStatus } from '../../components/LoadingStatus';
import { PageError } from '../../components/PageError';
import { formatDate, useDateTimeFormat } from '../../components/use-date-format';
import { usePageTitle } from '../../components/use-page-title';
import { fetchSummary, summaryKey } from './certifications-api';
import { useDashboardScopes, type DashboardScope } from './dashboard-scopes';
import { EvidenceForm } from './EvidenceForm';
import { SummaryChart } from './SummaryChart';
import './certifications.css';

/**
 * Certification dashboard and evidence: certified, due, overdue and removed for one organization
 * (approvers) or one application (help desk), as a chart and a table, and the decisions as CSV.
 */
export function DashboardPage() {
  const { t } = useTranslation();
  usePageTitle(t('certifications.dashboard.title'));
  const { scopes, isPending, isError, refetch } = useDashboardScopes();
  const [chosen, setChosen] = useState<string | undefined>();
  const scope = scopes.find((candidate) => candidate.key === chosen) ?? scopes[0];

  return (
    <div className="rc-cert">
      <p>
        <Link className="usa-link" to="/certifications">
          {t('certifications.backToList')}
        </Link>
      </p>
      <h1>{t('certifications.dashboard.title')}</h1>
      <p className="usa-intro rc-cert__intro">{t('certifications.dashboard.intro')}</p>
      {isPending ? (
        <LoadingStatus />
      ) : isError ? (
        <PageError onRetry={() => void refetch()} />
      ) : !scope ? (
        <p>{t('certifications.dashboard.noScope')}</p>
      ) : (
        <>
          <div className="usa-form-group rc-cert__form">
            <Label htmlFor="dashboard-scope">{t('certifications.dashboard.scope')}</Label>
            <Select id="dashboard-scope" name="scope" value={scope.key} onChange={(event) => setChosen(event.target.value)}>
              {scopes.map((candidate) => (
                <option key={candidate.key} value={candidate.key}>
                  {candidate.label}
                </option>
              ))}
            </Select>
          </div>
          <ScopeSummary scope={scope} />
          <EvidenceForm scopes={scopes} initial={scope} />
        </>
      )}
    </div>
  );
}

function ScopeSummary({ scope }: { scope: DashboardScope }) {
  const { t } = useTranslation();
  const dateTimeFormat = useDateTimeFormat();
  const summary = useQuery({
    queryKey: summaryKey(scope.applicationCode, scope.organizationId),
    queryFn: ({ signal }) => fetchSummary(scope.applicationCode, scope.organizationId, signal),
  });
  if (summary.isPending) return <LoadingStatus />;
  if (summary.isError) return <PageError onRetry={() => void summary.refetch()} />;
  const counts = summary.data;
  const rows = [
    {
      key: 'certified',
      count: counts.certified,
      note: t('certifications.dashboard.notes.certified', { days: counts.periodDays }),
    },
    { key: 'due', count: counts.due, note: t('certifications.dashboard.notes.due', { days: counts.windowDays }) },
    { key: 'overdue', count: counts.overdue, note: t('certifications.dashboard.notes.overdue') },
    {
      key: 'removed',
      count: counts.removed,
      note: t('certifications.dashboard.notes.removed', {
        days: counts.periodDays,
        expired: counts.expired,
        revoked: counts.revoked,
      }),
    },
  ] as const;
  return (
    <section aria-labelledby="dashboard-counts-heading" className="rc-cert__counts">
      <h2 id="dashboard-counts-heading">{t('certifications.dashboard.countsHeading', { scope: scope.label })}</h2>
      <p className="usa-hint">{t('certifications.dashboard.asOf', { date: formatDate(dateTimeFormat, counts.asOf) })}</p>
      <div className="rc-cert__chart-row">
        <SummaryChart summary={counts} scope={scope.label} />
        <Table
          bordered
          stackedStyle="headers"
          className="rc-cert__counts-table"
          caption={t('certifications.dashboard.tableCaption', { scope: scope.label })}
        >
          <thead>
            <tr>
              <th scope="col">{t('certifications.dashboard.measure')}</th>
              <th scope="col">{t('certifications.dashboard.count')}</th>
              <th scope="col">{t('certifications.dashboard.meaning')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row" data-label={t('certifications.dashboard.measure')}>
                  {t(`certifications.dashboard.measures.${row.key}`)}
                </th>
                <td data-label={t('certifications.dashboard.count')} data-testid={`count-${row.key}`}>
                  {row.count}
                </td>
                <td data-label={t('certifications.dashboard.meaning')}>{row.note}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      </div>
    </section>
  );
}
