import type { ReactElement, ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, Legend, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';

/*
 * The program dashboard's charts, drawn as the certification dashboard draws its own (recharts,
 * SVG): each is one image named by a sentence that says what it shows and that the table beside
 * or below it holds every figure. Series differ by color (USWDS colors of at least 3:1 against the
 * white page, WCAG 1.4.11) and by line pattern or position, and the legend names them, so none is
 * told by color alone.
 */

export const colors = {
  blue: '#005ea2',
  green: '#008817',
  red: '#b50909',
  gray: '#565c65',
  orange: '#c05600',
} as const;

const ink = '#1b1b1b';
const grid = '#dfe1e2';

/** Legend entries in the page's text color: the line or box beside each names its color. */
const legendText = (value: string): ReactNode => <span className="rc-program__legend-text">{value}</span>;

/** The legend lists the series in the order they are given, not alphabetically. */
const inOrderOf =
  (series: readonly { key: string }[]) =>
  (item: { dataKey?: unknown }): number =>
    series.findIndex((entry) => entry.key === item.dataKey);

interface ChartFrameProps {
  label: string;
  testId: string;
  height: number;
  children: ReactElement;
}

function ChartFrame({ label, testId, height, children }: ChartFrameProps) {
  return (
    <div role="img" aria-label={label} className="rc-program__chart" data-testid={testId}>
      <ResponsiveContainer width="100%" height={height}>
        {children}
      </ResponsiveContainer>
    </div>
  );
}

export interface LineSeries {
  key: string;
  name: string;
  color: string;
  /** An SVG dash pattern; solid when undefined. */
  dash?: string;
}

/** Lines over weeks: `rows` oldest first, each with a short label and a value per series (null: none). */
export function TrendChart({
  rows,
  series,
  label,
  testId,
  decimals = false,
}: {
  rows: ({ label: string } & Record<string, number | string | null>)[];
  series: readonly LineSeries[];
  label: string;
  testId: string;
  decimals?: boolean;
}) {
  return (
    <ChartFrame label={label} testId={testId} height={300}>
      <LineChart data={rows} margin={{ top: 16, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid vertical={false} stroke={grid} />
        <XAxis dataKey="label" tick={{ fill: ink, fontSize: 13 }} tickLine={false} interval="preserveStartEnd" minTickGap={12} />
        <YAxis allowDecimals={decimals} tick={{ fill: ink, fontSize: 13 }} width={44} />
        <Legend formatter={legendText} iconType="plainline" itemSorter={inOrderOf(series)} />
        {series.map((line) => (
          <Line
            key={line.key}
            dataKey={line.key}
            name={line.name}
            stroke={line.color}
            strokeWidth={2.5}
            strokeDasharray={line.dash}
            dot={{ r: 3, fill: line.color, strokeWidth: 0 }}
            activeDot={false}
            isAnimationActive={false}
            legendType="plainline"
          />
        ))}
      </LineChart>
    </ChartFrame>
  );
}

export interface StackSeries {
  key: string;
  name: string;
  color: string;
}

/**
 * One horizontal bar per row, its parts stacked in the order of `series` (left to right), each part
 * outlined in white so that neighbours stay apart.
 */
export function StackedBarsChart({
  rows,
  series,
  label,
  testId,
}: {
  rows: ({ label: string } & Record<string, number | string>)[];
  series: readonly StackSeries[];
  label: string;
  testId: string;
}) {
  return (
    <ChartFrame label={label} testId={testId} height={Math.max(160, 56 + rows.length * 40)}>
      <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }} accessibilityLayer={false}>
        <CartesianGrid horizontal={false} stroke={grid} />
        <XAxis type="number" allowDecimals={false} tick={{ fill: ink, fontSize: 13 }} />
        <YAxis type="category" dataKey="label" width={96} interval={0} tick={{ fill: ink, fontSize: 13 }} tickLine={false} />
        <Legend formatter={legendText} iconType="square" itemSorter={inOrderOf(series)} />
        {series.map((part) => (
          <Bar
            key={part.key}
            dataKey={part.key}
            name={part.name}
            stackId="all"
            fill={part.color}
            stroke="#ffffff"
            strokeWidth={1}
            isAnimationActive={false}
            maxBarSize={28}
          />
        ))}
      </BarChart>
    </ChartFrame>
  );
}

/** One bar per row with its count on top: few rows, one measure. */
export function CountBarsChart({
  rows,
  label,
  testId,
  color,
}: {
  rows: { label: string; count: number }[];
  label: string;
  testId: string;
  color: string;
}) {
  return (
    <ChartFrame label={label} testId={testId} height={260}>
      <BarChart data={rows} margin={{ top: 24, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid vertical={false} stroke={grid} />
        <XAxis dataKey="label" interval={0} tick={{ fill: ink, fontSize: 13 }} tickLine={false} />
        <YAxis allowDecimals={false} tick={{ fill: ink, fontSize: 13 }} width={40} />
        <Bar dataKey="count" fill={color} isAnimationActive={false} maxBarSize={64}>
          <LabelList dataKey="count" position="top" fill={ink} />
        </Bar>
      </BarChart>
    </ChartFrame>
  );
}

/** Said where a chart would stand when there is nothing to draw. */
export function EmptyChart({ text, testId }: { text: string; testId: string }) {
  return (
    <p className="rc-program__chart rc-program__chart--empty" data-testid={testId}>
      {text}
    </p>
  );
}
