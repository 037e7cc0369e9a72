import { compareKeys } from '../suppression/hierarchy-tree.ts';
import type { DriverSums } from './aggregate-types.ts';
import { MIN_RESPONDENTS_FOR_STATISTICS } from './cronbach-alpha.ts';
import { roundFigure } from './rounding.ts';

export interface Driver {
  dimension: string;
  correlation: number;
  n: number;
}

/** Pearson's r from sums; null when either side does not vary. Unrounded. */
export function pearson(s: DriverSums): number | null {
  if (s.n < 2) return null;
  const cov = s.sxy - (s.sx * s.sy) / s.n;
  const vx = s.sxx - (s.sx * s.sx) / s.n;
  const vy = s.syy - (s.sy * s.sy) / s.n;
  if (!(vx > 1e-12) || !(vy > 1e-12)) return null;
  return Math.max(-1, Math.min(1, cov / Math.sqrt(vx * vy)));
}

/**
 * How strongly each trust dimension moves with execution, strongest (largest |r|) first, ties
 * by dimension id. Only dimensions with at least 30 paired respondents are listed.
 */
export function rankDrivers(sums: Readonly<Record<string, DriverSums>>): Driver[] {
  const drivers: Driver[] = [];
  for (const [dimension, s] of Object.entries(sums)) {
    if (s.n < MIN_RESPONDENTS_FOR_STATISTICS) continue;
    const correlation = pearson(s);
    if (correlation !== null) drivers.push({ dimension, correlation: roundFigure(correlation), n: s.n });
  }
  return drivers.sort(
    (a, b) => Math.abs(b.correlation) - Math.abs(a.correlation) || compareKeys(a.dimension, b.dimension),
  );
}
