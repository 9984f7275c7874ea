import { Table } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, useDateFormat } from '../../components/use-date-format';
import { useCatalogText } from '../roles/use-catalog-text';
import { useSession } from '../session/use-session';
import { colors, CountBarsChart, EmptyChart } from './charts';
import type { ProgramReport, ReportApplication } from './program-dashboard-api';
import { useFigures } from './report-format';

/**
 * Organizations with no approver (orphans): how many per application, as a bar chart beside a
 * table, and the ten orphaned longest. The help desk works through them on its own page, linked
 * for those who are help desk staff too.
 */
export function OrphansSection({ id, orphans }: { id: string; orphans: ProgramReport['orphans'] }) {
  const { t } = useTranslation();
  const figures = useFigures();
  const date = useDateFormat();
  const catalogText = useCatalogText();
  const session = useSession();
  const helpDesk = session.data?.session?.capabilities?.helpDesk === true;
  const applicationName = (application: ReportApplication) =>
    catalogText.name({ id: application.id, name: application.name, nameEs: application.nameEs });
  return (
    <section aria-labelledby={`${id}-heading`} className="rc-program__section" id={id}>
      <h2 id={`${id}-heading`}>{t('programDashboard.orphans.heading')}</h2>
      <p className="rc-program__text">{t('programDashboard.orphans.intro', { count: orphans.total })}</p>
      <div className="rc-program__chart-row">
        {orphans.total === 0 ? (
          <EmptyChart text={t('programDashboard.orphans.empty')} testId="orphans-chart-empty" />
        ) : (
          <CountBarsChart
            rows={orphans.applications.map((row) => ({ label: row.application.code, count: row.count }))}
            label={t('programDashboard.orphans.chartLabel')}
            testId="orphans-chart"
            color={colors.orange}
          />
        )}
        <Table
          bordered
          stackedStyle="headers"
          className="rc-program__table rc-program__side-table"
          caption={t('programDashboard.orphans.caption')}
        >
          <thead>
            <tr>
              <th scope="col">{t('programDashboard.orphans.columns.application')}</th>
              <th scope="col" className="rc-program__number">
                {t('programDashboard.orphans.columns.count')}
              </th>
            </tr>
          </thead>
          <tbody>
            {orphans.applications.map((row) => (
              <tr key={row.application.id} data-testid="orphans-application">
                <th scope="row" data-label={t('programDashboard.orphans.columns.application')}>
                  {applicationName(row.application)}
                  <span className="rc-program__detail">{row.application.code}</span>
                </th>
                <td className="rc-program__number" data-label={t('programDashboard.orphans.columns.count')}>
                  {figures.count(row.count)}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      </div>

      {orphans.longest.length > 0 ? (
        <>
          <h3>{t('programDashboard.orphans.longestHeading')}</h3>
          <Table
            bordered
            fullWidth
            stackedStyle="headers"
            className="rc-program__table"
            caption={t('programDashboard.orphans.longestCaption', { count: orphans.longest.length })}
          >
            <thead>
              <tr>
                <th scope="col">{t('programDashboard.orphans.columns.organization')}</th>
                <th scope="col">{t('programDashboard.orphans.columns.submitterId')}</th>
                <th scope="col">{t('programDashboard.orphans.columns.application')}</th>
                <th scope="col">{t('programDashboard.orphans.columns.since')}</th>
              </tr>
            </thead>
            <tbody>
              {orphans.longest.map((orphan) => (
                <tr key={orphan.id} data-testid="orphans-longest">
                  <th scope="row" data-label={t('programDashboard.orphans.columns.organization')}>
                    {orphan.legalName}
                  </th>
                  <td data-label={t('programDashboard.orphans.columns.submitterId')}>{orphan.submitterId}</td>
                  <td data-label={t('programDashboard.orphans.columns.application')}>{applicationName(orphan.application)}</td>
                  <td data-label={t('programDashboard.orphans.columns.since')}>{formatDate(date, orphan.orphanedSince)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </>
      ) : null}
      {helpDesk ? (
        <p className="rc-program__text">
          <Link className="usa-link" to="/help-desk/orphans">
            {t('programDashboard.orphans.helpDeskLink')}
          </Link>
        </p>
      ) : (
        <p className="rc-program__text">{t('programDashboard.orphans.helpDeskNote')}</p>
      )}
    </section>
  );
}
