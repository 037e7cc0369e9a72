/**
 * Transitional: the cell shape `server/domain/report/build-report.ts` was written against
 * (rwg and delta nullable). New code imports cell.ts, agreement.ts, confidence-interval.ts and
 * trend.ts; delete this file once nothing imports it.
 */

import type { Moments } from './aggregate-types.ts';
import { rwgScale as rwgOfScale } from './agreement.ts';
import { computeCell as computeNewCell } from './cell.ts';
import { confidenceInterval as interval } from './confidence-interval.ts';
import { compareTrend as compare, type Trend } from './trend.ts';

export { rwgSingle, UNIFORM_NULL_VARIANCE } from './agreement.ts';
export { toScore } from './cell.ts';
export { sampleVariance } from './moments.ts';
export type { Trend } from './trend.ts';

export interface Cell {
  n: number;
  mean: number;
  score: number;
  favorable: number;
  neutral: number;
  unfavorable: number;
  ci95: [number, number];
  rwg: number | null;
  delta: number | null;
  trend?: Trend;
}

export const rwgScale = (itemVariances: number[]): number | null => rwgOfScale(itemVariances);

export const confidenceInterval = (m: { n: number; sum: number; sumSq: number }): [number, number] =>
  interval(m) ?? [1, 5];

export function computeCell(m: Moments, rwg: number | null): Cell {
  const { rwg: published, ...cell } = computeNewCell(m, rwg);
  return { ...cell, rwg: published ?? null, delta: null };
}

export const compareTrend = (current: Cell, previous: Cell): Trend => compare(current, previous);
