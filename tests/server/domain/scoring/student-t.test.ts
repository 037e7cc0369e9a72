import { describe, expect, it } from 'vitest';
import { confidenceInterval } from '../../../../server/domain/scoring/confidence-interval.ts';
import { studentTQuantile } from '../../../../server/domain/scoring/student-t.ts';

// Two-sided 95% critical values t(0.975, df), as printed in standard tables (3 decimals).
const TABLE_975: [number, number][] = [
  [1, 12.706],
  [2, 4.303],
  [3, 3.182],
  [4, 2.776],
  [5, 2.571],
  [6, 2.447],
  [7, 2.365],
  [8, 2.306],
  [9, 2.262],
  [10, 2.228],
  [11, 2.201],
  [12, 2.179],
  [13, 2.16],
  [14, 2.145],
  [15, 2.131],
  [16, 2.12],
  [17, 2.11],
  [18, 2.101],
  [19, 2.093],
  [20, 2.086],
  [21, 2.08],
  [22, 2.074],
  [23, 2.069],
  [24, 2.064],
  [25, 2.06],
  [26, 2.056],
  [27, 2.052],
  [28, 2.048],
  [29, 2.045],
  [30, 2.042],
  [40, 2.021],
  [60, 2.0],
  [80, 1.99],
  [100, 1.984],
  [120, 1.98],
  [1000, 1.962],
  [Number.POSITIVE_INFINITY, 1.96],
];
// One-sided 95%: t(0.95, df).
const TABLE_95: [number, number][] = [
  [1, 6.314],
  [2, 2.92],
  [5, 2.015],
  [10, 1.812],
  [30, 1.697],
  [120, 1.658],
  [Number.POSITIVE_INFINITY, 1.645],
];

describe('Student t quantiles', () => {
  it.each(TABLE_975)('t(0.975, df = %d) = %f within 1e-3', (df, expected) => {
    expect(Math.abs(studentTQuantile(0.975, df) - expected)).toBeLessThan(1e-3);
  });
  it.each(TABLE_95)('t(0.95, df = %d) = %f within 1e-3', (df, expected) => {
    expect(Math.abs(studentTQuantile(0.95, df) - expected)).toBeLessThan(1e-3);
  });
  it('meets the normal quantile smoothly for very large df', () => {
    expect(studentTQuantile(0.975, 1e9)).toBeCloseTo(1.959964, 6);
    expect(studentTQuantile(0.975, 5e6)).toBeCloseTo(1.959964, 5);
  });
  it('refuses what it cannot mean', () => {
    expect(() => studentTQuantile(0.975, 0)).toThrow(RangeError);
    expect(() => studentTQuantile(0.3, 5)).toThrow(RangeError);
  });
});

describe('95% interval of a mean', () => {
  it('uses t(0.975, n − 1) and clamps to the 1–5 scale', () => {
    // 2, 3, 4, 5: mean 3.5, s² = (2.25 + 0.25 + 0.25 + 2.25) / 3 = 5/3, s = 1.29099,
    // half width = t(0.975, 3) · s / √4 = 3.18245 × 1.29099 / 2 = 2.05425 → [1.44575, 5.55425] → hi clamped to 5.
    const [lo, hi] = confidenceInterval({ n: 4, sum: 14, sumSq: 4 + 9 + 16 + 25 })!;
    expect(lo).toBeCloseTo(1.44575, 4);
    expect(hi).toBe(5);
    // 3, 4, 4, 4, 5: mean 4, s² = (1 + 0 + 0 + 0 + 1) / 4 = 0.5, s = 0.70711,
    // half width = t(0.975, 4) · s / √5 = 2.77645 × 0.70711 / 2.23607 = 0.87798 → [3.12202, 4.87798].
    const [lo2, hi2] = confidenceInterval({ n: 5, sum: 20, sumSq: 9 + 16 * 3 + 25 })!;
    expect(lo2).toBeCloseTo(3.12202, 4);
    expect(hi2).toBeCloseTo(4.87798, 4);
  });
  it('is the mean itself when nobody differs, the whole scale for one value, and absent for none', () => {
    expect(confidenceInterval({ n: 3, sum: 12, sumSq: 48 })).toEqual([4, 4]);
    expect(confidenceInterval({ n: 1, sum: 4, sumSq: 16 })).toEqual([1, 5]);
    expect(confidenceInterval({ n: 0, sum: 0, sumSq: 0 })).toBeNull();
  });
});
