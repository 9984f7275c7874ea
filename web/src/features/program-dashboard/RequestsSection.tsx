import { Table } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { colors, EmptyChart, TrendChart, type LineSeries } from './charts';
import type { RequestWeek } from './program-dashboard-api';
import { useFigures, useWeekNames } from './report-format';
import { WeekHeader } from './WeekHeader';

const columns = ['submitted', 'approved', 'rejected', 'cancelled', 'expired'] as const;

/** Role requests submitted and closed (by how) per week: a line chart over a table of every figure. */
export function RequestsSection({ id, weeks }: { id: string; weeks: RequestWeek[] }) {
  const { t } = useTranslation();
  const figures = useFigures();
  const names = useWeekNames();
  const span = names.period(weeks);
  const series: LineSeries[] = [
    { key: 'submitted', name: t('programDashboard.requests.columns.submitted'), color: colors.blue },
    { key: 'approved', name: t('programDashboard.requests.columns.approved'), color: colors.green, dash: '8 4' },
    { key: 'rejected', name: t('programDashboard.requests.columns.rejected'), color: colors.red, dash: '2 3' },
    { key: 'closedOtherwise', name: t('programDashboard.requests.closedOtherwise'), color: colors.gray, dash: '12 4 2 4' },
  ];
  const empty = weeks.every((week) => columns.every((column) => week[column] === 0));
  return (
    <section aria-labelledby={`${id}-heading`} className="rc-program__section" id={id}>
      <h2 id={`${id}-heading`}>{t('programDashboard.requests.heading')}</h2>
      <p className="rc-program__text">{t('programDashboard.requests.intro')}</p>
      {empty ? (
        <EmptyChart text={t('programDashboard.requests.empty')} testId="requests-chart-empty" />
      ) : (
        <TrendChart
          rows={weeks.map((week) => ({
            label: names.short(week),
            submitted: week.submitted,
            approved: week.approved,
            rejected: week.rejected,
            closedOtherwise: week.cancelled + week.expired,
          }))}
          series={series}
          label={t('programDashboard.requests.chartLabel', span)}
          testId="requests-chart"
        />
      )}
      <Table
        bordered
        fullWidth
        stackedStyle="headers"
        className="rc-program__table"
        caption={t('programDashboard.requests.caption', span)}
      >
        <thead>
          <tr>
            <th scope="col">{t('programDashboard.week.column')}</th>
            {columns.map((column) => (
              <th scope="col" key={column} className="rc-program__number">
                {t(`programDashboard.requests.columns.${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week.week} data-testid={`requests-${week.week}`}>
              <WeekHeader week={week} label={t('programDashboard.week.column')} />
              {columns.map((column) => (
                <td key={column} className="rc-program__number" data-label={t(`programDashboard.requests.columns.${column}`)}>
                  {figures.count(week[column])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
}
