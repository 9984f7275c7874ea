import { Table } from '@trussworks/react-uswds';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogText } from '../roles/use-catalog-text';
import { colors, EmptyChart, StackedBarsChart, type StackSeries } from './charts';
import type { ApplicationCompletion, OrganizationCompletion, ProgramReport } from './program-dashboard-api';
import { useFigures } from './report-format';

const parts = ['upToDate', 'due', 'overdue'] as const;

/**
 * Certification completion today: per application, and for the organizations with the most
 * overdue roles, each a stacked bar chart beside a table of the same counts.
 */
export function CompletionSection({ id, completion }: { id: string; completion: ProgramReport['completion'] }) {
  const { t } = useTranslation();
  const catalogText = useCatalogText();
  const series: StackSeries[] = [
    { key: 'upToDate', name: t('programDashboard.completion.columns.upToDate'), color: colors.green },
    { key: 'due', name: t('programDashboard.completion.columns.due'), color: colors.blue },
    { key: 'overdue', name: t('programDashboard.completion.columns.overdue'), color: colors.red },
  ];
  const applicationName = (row: ApplicationCompletion | OrganizationCompletion) =>
    catalogText.name({ id: row.application.id, name: row.application.name, nameEs: row.application.nameEs });
  const { organizations } = completion;
  return (
    <section aria-labelledby={`${id}-heading`} className="rc-program__section" id={id}>
      <h2 id={`${id}-heading`}>{t('programDashboard.completion.heading')}</h2>
      <p className="rc-program__text">{t('programDashboard.completion.intro', { days: completion.windowDays })}</p>
      <div className="rc-program__chart-row">
        {completion.applications.every((row) => row.total === 0) ? (
          <EmptyChart text={t('programDashboard.completion.empty')} testId="completion-chart-empty" />
        ) : (
          <StackedBarsChart
            rows={completion.applications.map((row) => ({ label: row.application.code, ...pick(row) }))}
            series={series}
            label={t('programDashboard.completion.chartLabel')}
            testId="completion-chart"
          />
        )}
        <CompletionTable
          rows={completion.applications}
          caption={t('programDashboard.completion.caption')}
          testId="completion-application"
          first={(row) => (
            <th scope="row" data-label={t('programDashboard.completion.columns.application')}>
              {applicationName(row)}
              <span className="rc-program__detail">{row.application.code}</span>
            </th>
          )}
          firstHeading={t('programDashboard.completion.columns.application')}
        />
      </div>

      <h3>{t('programDashboard.completion.organizationsHeading')}</h3>
      {organizations.length === 0 ? (
        <p className="rc-program__text" data-testid="completion-organizations-none">
          {t('programDashboard.completion.organizationsNone')}
        </p>
      ) : (
        <>
          <p className="rc-program__text">
            {t('programDashboard.completion.organizationsIntro', { count: organizations.length })}
          </p>
          <div className="rc-program__chart-row">
            <StackedBarsChart
              rows={organizations.map((row) => ({ label: row.organization.submitterId, ...pick(row) }))}
              series={series}
              label={t('programDashboard.completion.organizationsChartLabel')}
              testId="completion-organizations-chart"
            />
            <CompletionTable
              rows={organizations}
              caption={t('programDashboard.completion.organizationsCaption', { count: organizations.length })}
              testId="completion-organization"
              first={(row) => (
                <th scope="row" data-label={t('programDashboard.completion.columns.organization')}>
                  {row.organization.legalName}
                  <span className="rc-program__detail">
                    {t('programDashboard.completion.organizationDetail', {
                      submitterId: row.organization.submitterId,
                      application: applicationName(row),
                    })}
                  </span>
                </th>
              )}
              firstHeading={t('programDashboard.completion.columns.organization')}
            />
          </div>
        </>
      )}
    </section>
  );
}

const pick = (row: { upToDate: number; due: number; overdue: number }) => ({
  upToDate: row.upToDate,
  due: row.due,
  overdue: row.overdue,
});

function CompletionTable<Row extends ApplicationCompletion | OrganizationCompletion>({
  rows,
  caption,
  testId,
  first,
  firstHeading,
}: {
  rows: Row[];
  caption: string;
  testId: string;
  first: (row: Row) => ReactNode;
  firstHeading: string;
}) {
  const { t } = useTranslation();
  const figures = useFigures();
  const columns = [...parts, 'total'] as const;
  return (
    <Table bordered stackedStyle="headers" className="rc-program__table rc-program__side-table" caption={caption}>
      <thead>
        <tr>
          <th scope="col">{firstHeading}</th>
          {columns.map((column) => (
            <th scope="col" key={column} className="rc-program__number">
              {t(`programDashboard.completion.columns.${column}`)}
            </th>
          ))}
          <th scope="col" className="rc-program__number">
            {t('programDashboard.completion.columns.share')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={'organization' in row ? row.organization.id : row.application.id} data-testid={testId}>
            {first(row)}
            {columns.map((column) => (
              <td key={column} className="rc-program__number" data-label={t(`programDashboard.completion.columns.${column}`)}>
                {figures.count(row[column])}
              </td>
            ))}
            <td className="rc-program__number" data-label={t('programDashboard.completion.columns.share')}>
              {figures.share(row.upToDate, row.total) ?? (
                <span className="rc-program__none">{t('programDashboard.completion.noRoles')}</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
