import { Label, Select } from '@trussworks/react-uswds';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { formatDate, useDateTimeFormat } from '../../components/use-date-format';
import { AdminConsolePage } from '../admin/AdminConsolePage';
import { CompletionSection } from './CompletionSection';
import { DecisionTimeSection } from './DecisionTimeSection';
import { OrphansSection } from './OrphansSection';
import { defaultWeeks, fetchProgramReport, programReportKey, weekChoices, type ProgramReport } from './program-dashboard-api';
import { RequestsSection } from './RequestsSection';
import './program-dashboard.css';

/** The weeks asked for in the address, when they are one of the choices; twelve otherwise. */
function weeksOf(value: string | null): number {
  const weeks = Number(value);
  return (weekChoices as readonly number[]).includes(weeks) ? weeks : defaultWeeks;
}

/**
 * "Program dashboard", for administrators: role requests per week, time to decision,
 * certification completion and organizations with no approver, across every application. Each
 * measure is a chart with a table holding the same figures; the weeks shown are kept in the
 * address, so a view can be bookmarked and shared.
 */
export function ProgramDashboardPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const weeks = weeksOf(params.get('weeks'));
  const report = useQuery({
    queryKey: programReportKey(weeks),
    queryFn: ({ signal }) => fetchProgramReport(weeks, signal),
    placeholderData: keepPreviousData,
  });
  const chooseWeeks = (value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (Number(value) === defaultWeeks) next.delete('weeks');
        else next.set('weeks', value);
        return next;
      },
      { replace: true },
    );

  return (
    <AdminConsolePage
      title={t('programDashboard.title')}
      intro={t('programDashboard.intro')}
      query={report}
      loadingLabel={t('programDashboard.loading')}
    >
      {(data) => (
        <div className="rc-program">
          <div className="usa-form-group rc-program__weeks">
            <Label htmlFor="program-weeks">{t('programDashboard.weeks.label')}</Label>
            <Select id="program-weeks" name="weeks" value={String(weeks)} onChange={(event) => chooseWeeks(event.target.value)}>
              {weekChoices.map((choice) => (
                <option key={choice} value={choice}>
                  {t('programDashboard.weeks.option', { count: choice })}
                </option>
              ))}
            </Select>
          </div>
          {report.isPlaceholderData ? (
            <p role="status" className="rc-program__as-of">
              {t('programDashboard.updating')}
            </p>
          ) : null}
          <Report report={data} />
        </div>
      )}
    </AdminConsolePage>
  );
}

function Report({ report }: { report: ProgramReport }) {
  const { t } = useTranslation();
  const dateTimeFormat = useDateTimeFormat();
  const sections = [
    ['program-requests', t('programDashboard.requests.heading')],
    ['program-decisions', t('programDashboard.decisions.heading')],
    ['program-completion', t('programDashboard.completion.heading')],
    ['program-orphans', t('programDashboard.orphans.heading')],
  ] as const;
  return (
    <>
      <p className="rc-program__as-of" role="status">
        {t('programDashboard.asOf', { date: formatDate(dateTimeFormat, report.asOf), timeZone: report.timeZone })}
      </p>
      <nav aria-labelledby="program-contents-heading" className="rc-program__contents">
        <h2 id="program-contents-heading" className="rc-program__contents-heading">
          {t('programDashboard.contents')}
        </h2>
        <ul className="usa-list">
          {sections.map(([id, heading]) => (
            <li key={id}>
              <a className="usa-link" href={`#${id}`}>
                {heading}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <RequestsSection id="program-requests" weeks={report.requests} />
      <DecisionTimeSection id="program-decisions" weeks={report.requests} />
      <CompletionSection id="program-completion" completion={report.completion} />
      <OrphansSection id="program-orphans" orphans={report.orphans} />
    </>
  );
}
