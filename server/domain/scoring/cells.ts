import type { Moments } from './aggregates.ts';
import { studentTQuantile } from './student-t.ts';

export interface Cell {
  n: number;
  mean: number;
  /** (mean − 1) / 4 × 100: 0 when everyone strongly disagrees, 100 when everyone strongly agrees. */
  score: number;
  favorable: number;
  neutral: number;
  unfavorable: number;
  ci95: [number, number];
  /** Within-group agreement, 0 (split) to 1 (one shared view); null when it cannot be computed. */
  rwg: number | null;
  delta: number | null;
  trend?: Trend;
}

export interface Trend {
  previousScore: number;
  change: number;
  /** The two 95% intervals do not overlap. */
  significant: boolean;
}

/** Variance expected if answers were spread uniformly over 5 options: (A² − 1) / 12 = 2. */
export const UNIFORM_NULL_VARIANCE = 2;

export const toScore = (mean: number) => ((mean - 1) / 4) * 100;

export function sampleVariance(m: { n: number; sum: number; sumSq: number }): number | null {
  return varianceOf(m.n, m.sum, m.sumSq);
}

/** `sampleVariance` of moments given one by one, for a caller that keeps them as numbers. */
export function varianceOf(n: number, sum: number, sumSq: number): number | null {
  if (n < 2) return null;
  return Math.max(0, (sumSq - (sum * sum) / n) / (n - 1));
}

/** 95% t interval of the mean, on the 1–5 scale, clamped to it. */
export function confidenceInterval(m: { n: number; sum: number; sumSq: number }): [number, number] {
  const mean = m.sum / m.n;
  const variance = sampleVariance(m);
  if (variance === null) return [Math.max(1, mean), Math.min(5, mean)];
  const half = studentTQuantile(0.975, m.n - 1) * Math.sqrt(variance / m.n);
  return [Math.max(1, mean - half), Math.min(5, mean + half)];
}

/** rwg for one item: 1 − s² / σ²_EU, clamped to [0, 1]. */
export function rwgSingle(variance: number | null): number | null {
  if (variance === null) return null;
  return Math.min(1, Math.max(0, 1 - variance / UNIFORM_NULL_VARIANCE));
}

/**
 * rwg(J) for a J-item scale from the mean of its items' within-group variances (James,
 * Demaree & Wolf, 1984). When the mean variance exceeds the uniform null, agreement is 0.
 */
export function rwgScale(itemVariances: number[]): number | null {
  if (itemVariances.length === 0) return null;
  const mean = itemVariances.reduce((a, b) => a + b, 0) / itemVariances.length;
  const ratio = mean / UNIFORM_NULL_VARIANCE;
  if (ratio >= 1) return 0;
  const j = itemVariances.length;
  return (j * (1 - ratio)) / (j * (1 - ratio) + ratio);
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The published figures of one cell; `m` is its respondents' (or answers') moments. */
export function computeCell(m: Moments, rwg: number | null): Cell {
  const mean = m.sum / m.n;
  const answers = m.counts.reduce((a, b) => a + b, 0);
  const share = (count: number) => (answers === 0 ? 0 : round(count / answers, 4));
  const [lo, hi] = confidenceInterval(m);
  return {
    n: m.n,
    mean: round(mean, 3),
    score: round(toScore(mean), 1),
    favorable: share(m.counts[3] + m.counts[4]),
    neutral: share(m.counts[2]),
    unfavorable: share(m.counts[0] + m.counts[1]),
    ci95: [round(lo, 3), round(hi, 3)],
    rwg: rwg === null ? null : round(rwg, 3),
    delta: null,
  };
}

export function compareTrend(current: Cell, previous: Pick<Cell, 'score' | 'ci95'>): Trend {
  return {
    previousScore: previous.score,
    change: round(current.score - previous.score, 1),
    significant: current.ci95[0] > previous.ci95[1] || current.ci95[1] < previous.ci95[0],
  };
}
