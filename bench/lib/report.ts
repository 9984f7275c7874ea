import { cpus, totalmem } from 'node:os';

/**
 * A target of ../shared/QUALITY.md's benchmark table. `at-least`: the ratio must reach the value
 * (throughput against a baseline); `at-most`: it must stay under it (time or memory).
 * `reference`: no target; a figure measured beside the others to explain them (what the lightest
 * signed-in route reaches, against which the pages' ratios read).
 */
export interface Target {
  readonly kind: 'at-least' | 'at-most' | 'reference';
  readonly value: number;
}

export interface Measurement {
  /** Stable across runs and sizes: the key of bench/known-gaps.json. */
  readonly id: string;
  readonly name: string;
  readonly database: 'sqlite' | 'postgres' | '-';
  /** What the ratio is of, e.g. "throughput vs bare route". */
  readonly ratioOf: string;
  readonly ratio: number;
  readonly target: Target;
  /** The raw figures behind the ratio, both sides. */
  readonly detail: string;
}

export const isReference = (measurement: Pick<Measurement, 'target'>) => measurement.target.kind === 'reference';

/** Whether the ratio meets its target; a reference has none to miss. */
export function meetsTarget(measurement: Measurement): boolean {
  const { ratio, target } = measurement;
  if (target.kind === 'reference') return true;
  return target.kind === 'at-least' ? ratio >= target.value : ratio <= target.value;
}

/**
 * Targets not met yet, each with the quick run's ratio when its gap was explained in
 * docs/BENCHMARKS.md, keyed by `${id} ${database}`.
 */
export type KnownGaps = Readonly<Record<string, { readonly ratio: number }>>;

export const gapKey = (measurement: Pick<Measurement, 'id' | 'database'>) => `${measurement.id} ${measurement.database}`;

/** Half as good as `reference`: below half of it for at-least, above twice it for at-most. */
function worseThanHalf(ratio: number, kind: 'at-least' | 'at-most', reference: number): boolean {
  return kind === 'at-least' ? ratio < reference / 2 : ratio > reference * 2;
}

/**
 * The quick run's regression guard: a ratio worse than half its target (below half of an
 * at-least target, above twice an at-most one) fails the run; for a known gap, worse than half
 * the ratio recorded with it. Not a timing test: both sides of a ratio were measured in the same
 * run on the same machine.
 */
export function breaksGuard(measurement: Measurement, knownGaps: KnownGaps = {}): boolean {
  const { ratio, target } = measurement;
  if (target.kind === 'reference') return false;
  if (!worseThanHalf(ratio, target.kind, target.value)) return false;
  const gap = knownGaps[gapKey(measurement)];
  return gap === undefined || worseThanHalf(ratio, target.kind, gap.ratio);
}

export function describeTarget(target: Target): string {
  if (target.kind === 'reference') return 'reference';
  return `${target.kind === 'at-least' ? '≥' : '≤'} ${target.value}×`;
}

export function machineDescription(): string {
  const processors = cpus();
  return `${processors.length} cores (${processors[0]?.model.trim() ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}`;
}

export function formatRatio(ratio: number): string {
  return ratio >= 10 ? ratio.toFixed(1) : ratio >= 0.1 ? ratio.toFixed(2) : ratio.toPrecision(2);
}

export function formatTable(measurements: readonly Measurement[], knownGaps: KnownGaps = {}): string {
  const header = ['benchmark', 'db', 'ratio', 'target', 'met', 'figures'];
  const rows = measurements.map((measurement) => [
    measurement.name,
    measurement.database,
    `${formatRatio(measurement.ratio)}× ${measurement.ratioOf}`,
    describeTarget(measurement.target),
    isReference(measurement)
      ? '-'
      : meetsTarget(measurement)
        ? 'yes'
        : breaksGuard(measurement, knownGaps)
          ? 'NO: guard'
          : knownGaps[gapKey(measurement)]
            ? 'no: known gap'
            : 'no',
    measurement.detail,
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

export const perSecond = (value: number) => `${Math.round(value).toLocaleString('en-US')}/s`;
export const milliseconds = (value: number) => `${value < 10 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US')} ms`;
export const megabytes = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
