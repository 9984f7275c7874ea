import { useTranslation } from 'react-i18next';
import type { RequestWeek } from './program-dashboard-api';
import { useWeekNames } from './report-format';

/** A week's row header: its days, then its ISO week, or that it is the week in progress. */
export function WeekHeader({ week, label }: { week: RequestWeek; label: string }) {
  const { t } = useTranslation();
  const names = useWeekNames();
  return (
    <th scope="row" data-label={label}>
      {names.range(week)}
      <span className="rc-program__detail">
        {week.current ? t('programDashboard.week.current') : t('programDashboard.week.iso', { week: week.week })}
      </span>
    </th>
  );
}
