/**
 * Transitional: the names `server/domain/report/build-report.ts` imports. New code imports
 * cronbach-alpha.ts and drivers.ts; delete this file once nothing imports it.
 */
import type { ReliabilitySums } from './aggregate-types.ts';
import { cronbachAlpha as alphaOf } from './cronbach-alpha.ts';

export { MIN_RESPONDENTS_FOR_STATISTICS } from './cronbach-alpha.ts';
export { type Driver, pearson, rankDrivers } from './drivers.ts';

export function cronbachAlpha(sums: ReliabilitySums): { alpha: number | null; n: number } {
  return { alpha: alphaOf(sums)?.alpha ?? null, n: sums.n };
}
