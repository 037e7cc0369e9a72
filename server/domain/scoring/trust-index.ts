import type { ScoredDimension } from './aggregate-types.ts';
import { roundScore } from './rounding.ts';

/**
 * The mean of the trust dimensions' scores (every dimension but the outcome, execution, which
 * they drive). null when any of them is missing or suppressed: a partial mean would not be
 * comparable with other groups'.
 */
export function trustIndex(
  scores: Readonly<Record<string, { score: number } | null | undefined>>,
  dimensions: readonly ScoredDimension[],
): number | null {
  const trust = dimensions.filter((d) => !d.outcome);
  if (trust.length === 0) return null;
  let total = 0;
  for (const d of trust) {
    const cell = scores[d.id];
    if (!cell) return null;
    total += cell.score;
  }
  return roundScore(total / trust.length);
}
