/**
 * Within-group agreement rwg (James, Demaree & Wolf, 1984) against a uniform null: answers
 * picked at random among A = 5 options have variance σ²_EU = (A² − 1) / 12 = 2. A mean of 3 can
 * be a team agreeing at 3 or one split between 1s and 5s; rwg tells them apart.
 *
 * Both forms are clamped to [0, 1]: observed variance above the uniform null (a polarized
 * group) would give negative rwg, or for rwg(J) a meaningless value from a denominator near
 * zero, and the usual practice (James et al.; Lindell & Brandt) is to read those as no agreement.
 */

export const UNIFORM_NULL_VARIANCE = 2;

/** Single item: rwg = 1 − s² / σ²_EU. */
export function rwgSingle(variance: number | null): number | null {
  if (variance === null) return null;
  return Math.min(1, Math.max(0, 1 - variance / UNIFORM_NULL_VARIANCE));
}

/**
 * J items: rwg(J) = J(1 − s̄²/σ²) / (J(1 − s̄²/σ²) + s̄²/σ²), with s̄² the mean of the items'
 * within-group variances (items without a variance, fewer than two answers, are left out).
 */
export function rwgScale(itemVariances: readonly (number | null)[]): number | null {
  const known = itemVariances.filter((v): v is number => v !== null);
  if (known.length === 0) return null;
  const ratio = known.reduce((a, b) => a + b, 0) / known.length / UNIFORM_NULL_VARIANCE;
  if (ratio >= 1) return 0;
  const j = known.length;
  return (j * (1 - ratio)) / (j * (1 - ratio) + ratio);
}
