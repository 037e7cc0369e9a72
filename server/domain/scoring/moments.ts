import type { Moments } from './aggregate-types.ts';

export const emptyMoments = (): Moments => ({ n: 0, sum: 0, sumSq: 0, counts: [0, 0, 0, 0, 0] });

export const cloneMoments = (m: Moments): Moments => ({ ...m, counts: [...m.counts] });

/** Adds one value to n/sum/sumSq and one count for `counted` (1–5). */
export function addValue(target: Moments, value: number, counted = value): void {
  target.n += 1;
  target.sum += value;
  target.sumSq += value * value;
  target.counts[Math.round(counted) - 1]! += 1;
}

export function addMoments(target: Moments, source: Moments): void {
  target.n += source.n;
  target.sum += source.sum;
  target.sumSq += source.sumSq;
  for (let i = 0; i < 5; i++) target.counts[i]! += source.counts[i]!;
}

/** Sample variance (n − 1); null below two values. Never negative despite rounding in sumSq. */
export function sampleVariance(m: { n: number; sum: number; sumSq: number }): number | null {
  if (m.n < 2) return null;
  return Math.max(0, (m.sumSq - (m.sum * m.sum) / m.n) / (m.n - 1));
}
