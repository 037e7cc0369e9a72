import { intervalsApart } from './confidence-interval.ts';
import { roundScore } from './rounding.ts';

export interface Trend {
  previousScore: number;
  /** score − previousScore. */
  change: number;
  /** The two 95% intervals do not overlap. */
  significant: boolean;
}

type Comparable = { score: number; ci95: readonly [number, number] };

/** Against the previous wave's published cell: a cell suppressed in either wave has no trend. */
export function compareTrend(current: Comparable, previous: Comparable): Trend {
  return {
    previousScore: previous.score,
    change: roundScore(current.score - previous.score),
    significant: intervalsApart(current.ci95, previous.ci95),
  };
}
