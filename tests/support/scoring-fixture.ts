import type { RawResponse, ScoredDimension, ScoredItem } from '../../server/domain/scoring/aggregates.ts';

/**
 * The questionnaire the hand-computed scoring tests share: a trust dimension `a` of three items,
 * the second reversed, and an outcome dimension `x` of one.
 */
export const fixtureItems: ScoredItem[] = [
  { id: 'a1', dimension: 'a', reverse: false },
  { id: 'a2', dimension: 'a', reverse: true },
  { id: 'a3', dimension: 'a', reverse: false },
  { id: 'x1', dimension: 'x', reverse: false },
];
export const fixtureDimensions: ScoredDimension[] = [
  { id: 'a', outcome: false },
  { id: 'x', outcome: true },
];

/**
 * Three respondents of one team, worked out by hand in each test that reads them:
 *   r1: a1=5, a2=1 (reverse → 5), a3=4, x1=4 → a: 3 of 3 answered, total 14, score 14/3
 *   r2: a1=4, a2=2 (→ 4), a3 skipped, x1=3   → a: 2 of 3 answered ≥ ⌈3/2⌉, total 8, score 4
 *   r3: a1=2, a2 and a3 skipped, x1=2         → a: 1 of 3 answered < 2, no score; its a1 still counts
 */
export const threeRespondents = (teamKey: string): RawResponse[] => [
  { teamKey, answers: { a1: 5, a2: 1, a3: 4, x1: 4 }, comment: null },
  { teamKey, answers: { a1: 4, a2: 2, a3: null, x1: 3 }, comment: null },
  { teamKey, answers: { a1: 2, a2: null, x1: 2 }, comment: null },
];
