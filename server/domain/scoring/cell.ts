import type { Moments } from './aggregate-types.ts';
import { confidenceInterval } from './confidence-interval.ts';
import { roundFigure, roundScore, roundShare } from './rounding.ts';
import type { Trend } from './trend.ts';

/** The published figures of one group × dimension or group × item. */
export interface Cell {
  /** Respondents with a dimension score, or answers to the item. */
  n: number;
  /** 1–5. */
  mean: number;
  /** (mean − 1) / 4 × 100: 0 when everyone strongly disagrees, 100 when everyone strongly agrees. */
  score: number;
  /** Shares (0–1) of keyed answers that are 4–5, 3, 1–2. */
  favorable: number;
  neutral: number;
  unfavorable: number;
  /** t-based 95% interval of the mean, on the 1–5 scale. */
  ci95: [number, number];
  /** Within-group agreement 0–1; absent when it cannot be computed (fewer than two answers). */
  rwg?: number;
  /** score − the organization's score for the same dimension or item (0 on the organization row). */
  delta: number;
  trend?: Trend;
}

export const toScore = (mean: number): number => ((mean - 1) / 4) * 100;

/**
 * A cell from its (rolled-up) moments, before its delta is known. `n` and the interval come
 * from n/sum/sumSq; the shares from counts, which for a dimension cover every keyed answer.
 */
export function computeCell(m: Moments, rwg: number | null): Cell {
  if (m.n < 1) throw new RangeError('A cell needs at least one value');
  const mean = m.sum / m.n;
  const answers = m.counts.reduce((a, b) => a + b, 0);
  const share = (count: number) => (answers === 0 ? 0 : roundShare(count / answers));
  const [lo, hi] = confidenceInterval(m)!;
  return {
    n: m.n,
    mean: roundFigure(mean),
    score: roundScore(toScore(mean)),
    favorable: share(m.counts[3] + m.counts[4]),
    neutral: share(m.counts[2]),
    unfavorable: share(m.counts[0] + m.counts[1]),
    ci95: [roundFigure(lo), roundFigure(hi)],
    ...(rwg === null ? {} : { rwg: roundFigure(rwg) }),
    delta: 0,
  };
}
