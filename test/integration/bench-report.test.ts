import { describe, expect, it } from 'vitest';
import { breaksGuard, formatTable, meetsTarget, type Measurement } from '../../bench/lib/report.js';

function measurement(ratio: number, kind: 'at-least' | 'at-most', value: number): Measurement {
  return { id: 'pages.x', name: 'x', database: 'sqlite', ratioOf: 'y', ratio, target: { kind, value }, detail: '' };
}

describe("the benchmarks' targets and regression guard", () => {
  it('meets an at-least target from the target up, an at-most one up to it', () => {
    expect(meetsTarget(measurement(0.5, 'at-least', 0.5))).toBe(true);
    expect(meetsTarget(measurement(0.49, 'at-least', 0.5))).toBe(false);
    expect(meetsTarget(measurement(3, 'at-most', 3))).toBe(true);
    expect(meetsTarget(measurement(3.01, 'at-most', 3))).toBe(false);
  });

  it('fails the quick run only when a ratio is worse than half its target', () => {
    expect(breaksGuard(measurement(0.25, 'at-least', 0.5))).toBe(false);
    expect(breaksGuard(measurement(0.24, 'at-least', 0.5))).toBe(true);
    expect(breaksGuard(measurement(6, 'at-most', 3))).toBe(false);
    expect(breaksGuard(measurement(6.1, 'at-most', 3))).toBe(true);
  });

  it('holds a known gap to half the ratio recorded with it', () => {
    const gaps = { 'pages.x sqlite': { ratio: 0.08 } };
    expect(breaksGuard(measurement(0.04, 'at-least', 0.5), gaps)).toBe(false);
    expect(breaksGuard(measurement(0.039, 'at-least', 0.5), gaps)).toBe(true);
    expect(breaksGuard(measurement(0.2, 'at-least', 0.5), { 'pages.x postgres': { ratio: 0.3 } })).toBe(true);
    const slow = {
      id: 'sweep',
      name: 'x',
      database: 'sqlite' as const,
      ratioOf: 'y',
      ratio: 20,
      target: { kind: 'at-most' as const, value: 3 },
      detail: '',
    };
    expect(breaksGuard(slow, { 'sweep sqlite': { ratio: 10 } })).toBe(false);
    expect(breaksGuard({ ...slow, ratio: 21 }, { 'sweep sqlite': { ratio: 10 } })).toBe(true);
  });

  it('never fails the run on a reference, which has no target, and marks it apart in the table', () => {
    const reference: Measurement = { ...measurement(0.001, 'at-least', 0.5), target: { kind: 'reference', value: 0 } };
    expect(breaksGuard(reference)).toBe(false);
    expect(meetsTarget(reference)).toBe(true);
    const table = formatTable([reference, measurement(0.001, 'at-least', 0.5)]);
    expect(table).toMatch(/reference\s+-\s/);
    expect(table).toMatch(/≥ 0\.5×\s+NO: guard/);
  });
});
