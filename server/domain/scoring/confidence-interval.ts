import { sampleVariance } from './moments.ts';
import { studentTQuantile } from './student-t.ts';

/**
 * 95% t interval of a mean on the 1–5 scale: mean ± t(0.975, n − 1) · s / √n, clamped to 1–5
 * because no mean can leave the scale. With one value the spread is unknown, so the honest
 * interval is the whole scale; with zero spread it is the mean itself. null when n = 0.
 */
export function confidenceInterval(m: { n: number; sum: number; sumSq: number }): [number, number] | null {
  if (m.n < 1) return null;
  const mean = m.sum / m.n;
  const variance = sampleVariance(m);
  if (variance === null) return [1, 5];
  const half = studentTQuantile(0.975, m.n - 1) * Math.sqrt(variance / m.n);
  return [Math.max(1, mean - half), Math.min(5, mean + half)];
}

/** Two intervals that do not overlap: a conservative test (overlapping ones can still differ). */
export const intervalsApart = (a: readonly [number, number], b: readonly [number, number]): boolean =>
  a[0] > b[1] || a[1] < b[0];
