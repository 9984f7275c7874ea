import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { Summary } from './certifications-api';

// USWDS colors with at least 3:1 contrast against the white page (WCAG 1.4.11); the bars are also
// named on the axis and numbered on top, so no count is told by color alone.
const colors = {
  certified: '#008817',
  due: '#005ea2',
  overdue: '#b50909',
  removed: '#565c65',
} as const;

type Measure = keyof typeof colors;
const measures: readonly Measure[] = ['certified', 'due', 'overdue', 'removed'];

/**
 * Certified, due, overdue and removed as a bar chart, or a sentence when all four are zero. The chart is one image named by a sentence
 * with every count; the table beside it carries the same numbers for everyone who reads tables.
 */
export function SummaryChart({ summary, scope }: { summary: Summary; scope: string }) {
  const { t } = useTranslation();
  // All four at zero would draw an empty plot: say it in words instead.
  if (measures.every((measure) => summary[measure] === 0)) {
    return (
      <p className="rc-cert__chart rc-cert__chart--empty" data-testid="certification-chart-empty">
        {t('certifications.dashboard.chartEmpty')}
      </p>
    );
  }
  const data = measures.map((measure) => ({
    measure,
    name: t(`certifications.dashboard.measures.${measure}`),
    count: summary[measure],
  }));
  const label = t('certifications.dashboard.chartLabel', {
    scope,
    certified: summary.certified,
    due: summary.due,
    overdue: summary.overdue,
    removed: summary.removed,
  });
  return (
    <div role="img" aria-label={label} className="rc-cert__chart" data-testid="certification-chart">
      <ResponsiveContainer width="100%" height={280}>
        <BarChart data={data} margin={{ top: 24, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid vertical={false} stroke="#dfe1e2" />
          {/* Every bar keeps its name, also on a phone, where the axis would otherwise drop some. */}
          <XAxis dataKey="name" interval={0} tick={{ fill: '#1b1b1b', fontSize: 14 }} tickLine={false} />
          <YAxis allowDecimals={false} tick={{ fill: '#1b1b1b' }} width={40} />
          <Bar dataKey="count" isAnimationActive={false}>
            {data.map((entry) => (
              <Cell key={entry.measure} fill={colors[entry.measure]} />
            ))}
            <LabelList dataKey="count" position="top" fill="#1b1b1b" />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
