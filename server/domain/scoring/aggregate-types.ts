/**
 * What SQL hands the domain: sums that add up across teams. A team's figures are its own
 * responses' sums and a group's are the sums of its teams, so a report costs O(teams × items)
 * whatever the number of responses. Every field of TeamAggregates is additive; the
 * organization-level sums are not (they are computed once over all respondents).
 */

/**
 * Moments of a set of keyed values (1–5) plus how many were 1, 2, 3, 4 and 5.
 * counts[0] is how many were 1, … counts[4] how many were 5.
 */
export interface Moments {
  n: number;
  sum: number;
  sumSq: number;
  counts: [number, number, number, number, number];
}

export interface TeamAggregates {
  /** Responses attached DIRECTLY to this team (not its descendants). */
  respondents: number;
  /** Per item id: n, sum, sumSq and counts of the keyed answers (skipped answers excluded). */
  items: Record<string, Moments>;
  /**
   * Per dimension id: n, sum and sumSq of respondent dimension scores (only respondents who
   * answered at least ⌈items / 2⌉ of its items have one), and counts of ALL keyed answers in the
   * dimension, whether or not that respondent has a score (favourability is over answers).
   */
  dimensions: Record<string, Moments>;
}

/** Per dimension, over respondents who answered every item of it (for Cronbach's alpha). */
export interface ReliabilitySums {
  n: number;
  /** Per item id: Σ keyed value and Σ keyed value². */
  items: Record<string, { sum: number; sumSq: number }>;
  /** Σ and Σ² of each respondent's total (sum of keyed values over the dimension's items). */
  totalSum: number;
  totalSumSq: number;
}

/**
 * One trust dimension (x) paired with the outcome dimension (y), over respondents who have a
 * score for both: n, Σx, Σy, Σxy, Σx², Σy² of respondent dimension scores (for Pearson's r).
 */
export interface DriverSums {
  n: number;
  sx: number;
  sy: number;
  sxy: number;
  sxx: number;
  syy: number;
}

export interface OrganizationAggregates {
  /** Per dimension id (every dimension, the outcome included). */
  reliability: Record<string, ReliabilitySums>;
  /** Per trust dimension id (every dimension except the outcome). */
  drivers: Record<string, DriverSums>;
}

export interface WaveAggregates {
  /** Per team key; a team with no responses may be missing. */
  teams: Record<string, TeamAggregates>;
  organization: OrganizationAggregates;
}

export interface ScoredItem {
  id: string;
  dimension: string;
  reverse: boolean;
}

export interface ScoredDimension {
  id: string;
  /** True for the outcome dimension (execution): not part of the Trust Index, the drivers' target. */
  outcome: boolean;
}
