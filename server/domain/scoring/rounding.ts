/**
 * Published figures are rounded once, here, so every export shows the same digits and a delta
 * or change is exactly the difference of the two scores a reader sees.
 */
export const roundTo = (value: number, digits: number): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

/** Scores, deltas, changes, the Trust Index: one decimal on the 0–100 scale. */
export const roundScore = (value: number) => roundTo(value, 1);
/** Means, interval bounds, rwg, alpha, correlations: three decimals. */
export const roundFigure = (value: number) => roundTo(value, 3);
/** Favourable / neutral / unfavourable shares (0–1): four decimals, i.e. hundredths of a percent. */
export const roundShare = (value: number) => roundTo(value, 4);
