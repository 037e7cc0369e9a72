import type { ReliabilitySums } from './aggregate-types.ts';
import { roundFigure } from './rounding.ts';

/** Below this many respondents, alpha and correlations are too unstable to publish. */
export const MIN_RESPONDENTS_FOR_STATISTICS = 30;

export interface Reliability {
  alpha: number;
  /** Respondents who answered every item of the dimension. */
  n: number;
}

/**
 * Cronbach's alpha: J / (J − 1) · (1 − Σ item variances / variance of the total), over
 * respondents who answered every item. null below 30 of them, with fewer than two items, or
 * when the totals do not vary (alpha undefined).
 */
export function cronbachAlpha(sums: ReliabilitySums): Reliability | null {
  const items = Object.values(sums.items);
  const j = items.length;
  if (sums.n < MIN_RESPONDENTS_FOR_STATISTICS || j < 2) return null;
  const variance = (sum: number, sumSq: number) => (sumSq - (sum * sum) / sums.n) / (sums.n - 1);
  const itemVariance = items.reduce((total, item) => total + variance(item.sum, item.sumSq), 0);
  const totalVariance = variance(sums.totalSum, sums.totalSumSq);
  if (!(totalVariance > 1e-12)) return null;
  return { alpha: roundFigure((j / (j - 1)) * (1 - itemVariance / totalVariance)), n: sums.n };
}
