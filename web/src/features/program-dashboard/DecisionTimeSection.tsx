import { Table } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { colors, EmptyChart, TrendChart, type LineSeries } from './charts';
import type { RequestWeek } from './program-dashboard-api';
import { useFigures, useWeekNames } from './report-format';
import { WeekHeader } from './WeekHeader';

/** Hours from submission to decision per week, median and 90th percentile: a line chart over a table. */
export function DecisionTimeSection({ id, weeks }: { id: string; weeks: RequestWeek[] }) {
  const { t } = useTranslation();
  const figures = useFigures();
  const names = useWeekNames();
  const span = names.period(weeks);
  const series: LineSeries[] = [
    { key: 'medianHours', name: t('programDashboard.decisions.columns.median'), color: colors.blue },
    { key: 'p90Hours', name: t('programDashboard.decisions.columns.p90'), color: colors.orange, dash: '8 4' },
  ];
  const hours = (value: number | null) =>
    value === null ? (
      <span className="rc-program__none">{t('programDashboard.decisions.noneDecided')}</span>
    ) : (
      figures.hours(value)
    );
  return (
    <section aria-labelledby={`${id}-heading`} className="rc-program__section" id={id}>
      <h2 id={`${id}-heading`}>{t('programDashboard.decisions.heading')}</h2>
      <p className="rc-program__text">{t('programDashboard.decisions.intro')}</p>
      {weeks.every((week) => week.decided === 0) ? (
        <EmptyChart text={t('programDashboard.decisions.empty')} testId="decisions-chart-empty" />
      ) : (
        <TrendChart
          rows={weeks.map((week) => ({ label: names.short(week), medianHours: week.medianHours, p90Hours: week.p90Hours }))}
          series={series}
          label={t('programDashboard.decisions.chartLabel', span)}
          testId="decisions-chart"
          decimals
        />
      )}
      <Table
        bordered
        fullWidth
        stackedStyle="headers"
        className="rc-program__table"
        caption={t('programDashboard.decisions.caption', span)}
      >
        <thead>
          <tr>
            <th scope="col">{t('programDashboard.week.column')}</th>
            <th scope="col" className="rc-program__number">
              {t('programDashboard.decisions.columns.decided')}
            </th>
            <th scope="col" className="rc-program__number">
              {t('programDashboard.decisions.columns.median')}
            </th>
            <th scope="col" className="rc-program__number">
              {t('programDashboard.decisions.columns.p90')}
            </th>
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week.week} data-testid={`decisions-${week.week}`}>
              <WeekHeader week={week} label={t('programDashboard.week.column')} />
              <td className="rc-program__number" data-label={t('programDashboard.decisions.columns.decided')}>
                {figures.count(week.decided)}
              </td>
              <td className="rc-program__number" data-label={t('programDashboard.decisions.columns.median')}>
                {hours(week.medianHours)}
              </td>
              <td className="rc-program__number" data-label={t('programDashboard.decisions.columns.p90')}>
                {hours(week.p90Hours)}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
}
