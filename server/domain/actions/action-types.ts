/**
 * Actions: what leaders committed to do about one published cell of a closed wave (a team, or
 * the whole organization, and one dimension), and what later waves measured.
 */

export const ACTION_STATUSES = ['planned', 'in-progress', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const VERDICTS = ['improved', 'no-clear-change', 'worsened', 'not-measurable'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** A cell's published figures: score 0–100, respondents, and the 95% interval of the mean (1–5). */
export interface Figure {
  score: number;
  n: number;
  ci95: [number, number];
}

/** What a later wave showed of an action's cell. */
export interface Outcome {
  /** The later wave whose publication measured it. */
  waveId: string;
  /** null when that wave hides the cell. */
  current: Figure | null;
  /** Current score minus baseline score, one decimal; null when not measurable. */
  delta: number | null;
  verdict: Verdict;
}

/** Statuses whose actions a later wave still measures: a dropped action has nothing to show. */
export const MEASURED_STATUSES: readonly ActionStatus[] = ['planned', 'in-progress', 'done'];
