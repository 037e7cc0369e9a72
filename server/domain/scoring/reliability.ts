import type { OrganizationSums } from './aggregates.ts';

/** Below this many respondents, alpha and correlations are too unstable to publish. */
export const MIN_RESPONDENTS_FOR_STATISTICS = 30;

/** Cronbach's alpha: J/(J−1) · (1 − Σ item variances / variance of the total). */
export function cronbachAlpha(sums: OrganizationSums['reliability'][string]): {
  alpha: number | null;
  n: number;
} {
  const items = Object.values(sums.items);
  const j = items.length;
  if (sums.n < MIN_RESPONDENTS_FOR_STATISTICS || j < 2) return { alpha: null, n: sums.n };
  const variance = (sum: number, sumSq: number) => (sumSq - (sum * sum) / sums.n) / (sums.n - 1);
  const itemVariance = items.reduce((total, item) => total + variance(item.sum, item.sumSq), 0);
  const totalVariance = variance(sums.totalSum, sums.totalSumSq);
  if (totalVariance <= 0) return { alpha: null, n: sums.n };
  return { alpha: Math.round((j / (j - 1)) * (1 - itemVariance / totalVariance) * 1000) / 1000, n: sums.n };
}

/** Pearson correlation from sums; null when either side does not vary. */
export function pearson(s: OrganizationSums['drivers'][string]): number | null {
  const cov = s.sxy - (s.sx * s.sy) / s.n;
  const vx = s.sxx - (s.sx * s.sx) / s.n;
  const vy = s.syy - (s.sy * s.sy) / s.n;
  if (vx <= 0 || vy <= 0) return null;
  return Math.round((cov / Math.sqrt(vx * vy)) * 1000) / 1000;
}

export interface Driver {
  dimension: string;
  correlation: number;
  n: number;
}

/** How strongly each trust dimension moves with execution, strongest first. */
export function rankDrivers(sums: OrganizationSums['drivers']): Driver[] {
  const drivers: Driver[] = [];
  for (const [dimension, s] of Object.entries(sums)) {
    if (s.n < MIN_RESPONDENTS_FOR_STATISTICS) continue;
    const correlation = pearson(s);
    if (correlation !== null) drivers.push({ dimension, correlation, n: s.n });
  }
  return drivers.sort(
    (a, b) => Math.abs(b.correlation) - Math.abs(a.correlation) || a.dimension.localeCompare(b.dimension),
  );
}
