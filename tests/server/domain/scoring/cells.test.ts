import { describe, expect, it } from 'vitest';
import {
  aggregateResponses,
  type ResponseAnswers,
} from '../../../../server/domain/scoring/aggregate-responses.ts';
import { rwgScale, rwgSingle } from '../../../../server/domain/scoring/agreement.ts';
import { buildReport } from '../../../../server/domain/scoring/build-report.ts';

const items = [
  { id: 'a1', dimension: 'a', reverse: false },
  { id: 'a2', dimension: 'a', reverse: true },
  { id: 'a3', dimension: 'a', reverse: false },
  { id: 'x1', dimension: 'x', reverse: false },
  { id: 'x2', dimension: 'x', reverse: false },
];
const dimensions = [
  { id: 'a', name: 'A', outcome: false },
  { id: 'x', name: 'Execution', outcome: true },
];

// Four respondents of team t (k = 3). a has 3 items, so a score needs ⌈3/2⌉ = 2 answers; x has 2, needs 1.
//   r1: a1 5, a2 1 (reverse → 5), a3 4 → a = 14/3 = 4.6667;  x1 4, x2 5 → x = 4.5
//   r2: a1 4, a2 2 (→ 4), a3 skipped → a = 8/2 = 4;           x1 3 → x = 3
//   r3: a1 2 only → 1 of 3 answered: no a score, its 2 still counts in favourability; x 2, 2 → x = 2
//   r4: a1 3, a2 4 (→ 2), a3 3 → a = 8/3 = 2.6667;            no x
const responses: ResponseAnswers[] = [
  { teamKey: 't', answers: { a1: 5, a2: 1, a3: 4, x1: 4, x2: 5 } },
  { teamKey: 't', answers: { a1: 4, a2: 2, a3: null, x1: 3 } },
  { teamKey: 't', answers: { a1: 2, a2: null, a3: null, x1: 2, x2: 2 } },
  { teamKey: 't', answers: { a1: 3, a2: 4, a3: 3, x1: null, x2: null } },
];
const aggregates = aggregateResponses(responses, items, dimensions);
const report = buildReport({
  organizationName: 'Org',
  teams: [{ key: 't', name: 'Team', parentKey: null }],
  dimensions,
  items,
  aggregates,
  k: 3,
  withItems: true,
});
const team = report.groups[0]!;

describe('aggregates from raw responses', () => {
  it('keys reverse items, skips missing answers, and needs half the items for a dimension score', () => {
    const a = aggregates.teams.t!.dimensions.a!;
    expect(a.n).toBe(3); // r1, r2, r4
    expect(a.sum).toBeCloseTo(14 / 3 + 4 + 8 / 3, 12);
    // Keyed answers in a: r1 5, 5, 4; r2 4, 4; r3 2; r4 3, 2, 3 → how many 1s..5s:
    expect(a.counts).toEqual([0, 2, 2, 3, 2]);
    expect(aggregates.teams.t!.items.a2).toEqual({
      n: 3,
      sum: 5 + 4 + 2,
      sumSq: 25 + 16 + 4,
      counts: [0, 1, 0, 1, 1],
    });
    expect(aggregates.teams.t!.respondents).toBe(4);
  });
});

describe('a dimension cell, by hand', () => {
  const cell = team.dimensions.a!;
  it('n, mean and score', () => {
    // mean = (14/3 + 4 + 8/3) / 3 = 34/9 = 3.7778; score = (3.7778 − 1) / 4 × 100 = 69.44
    expect(cell.n).toBe(3);
    expect(cell.mean).toBe(3.778);
    expect(cell.score).toBe(69.4);
  });
  it('favourability over every keyed answer', () => {
    // 9 keyed answers: 4–5 five times, 3 twice, 1–2 twice.
    expect([cell.favorable, cell.neutral, cell.unfavorable]).toEqual([0.5556, 0.2222, 0.2222]);
  });
  it('the t interval', () => {
    // s² = (Σx² − (Σx)²/n) / (n − 1) = (404/9 − (34/3)²/3) / 2 = 28/27 = 1.03704, s = 1.01835
    // half width = t(0.975, 2) · s / √3 = 4.30265 × 1.01835 / 1.73205 = 2.52973
    // [3.77778 − 2.52973, 3.77778 + 2.52973] = [1.24805, 6.30751] → upper clamped to 5
    expect(cell.ci95).toEqual([1.248, 5]);
  });
  it('rwg(J) from the mean within-group item variance', () => {
    // keyed a1: 5, 4, 2, 3 → s² = 5/3; a2: 5, 4, 2 → s² = 7/3; a3: 4, 3 → s² = 1/2
    // mean s² = (5/3 + 7/3 + 1/2) / 3 = 1.5; s²/σ²_EU = 1.5 / 2 = 0.75
    // rwg(3) = 3 · 0.25 / (3 · 0.25 + 0.75) = 0.5
    expect(cell.rwg).toBe(0.5);
  });
  it('delta against the organization, which here is the same respondents', () => {
    expect(cell.delta).toBe(0);
  });
  it('the outcome dimension and the Trust Index', () => {
    // x scores 4.5, 3, 2 → mean 3.1667, score 54.17
    expect(team.dimensions.x).toMatchObject({ n: 3, mean: 3.167, score: 54.2 });
    // Only a is a trust dimension here: the Trust Index is its score, execution stays out.
    expect(team.trustIndex).toBe(69.4);
  });
});

describe('item cells, from single answers', () => {
  it('a1: 5, 4, 2, 3', () => {
    // mean 3.5, score 62.5; s² = 5/3 → rwg = 1 − (5/3)/2 = 0.1667
    // half width = t(0.975, 3) · √(5/3) / 2 = 3.18245 × 1.29099 / 2 = 2.05425 → [1.44575, 5]
    expect(team.items!.a1).toEqual({
      n: 4,
      mean: 3.5,
      score: 62.5,
      favorable: 0.5,
      neutral: 0.25,
      unfavorable: 0.25,
      ci95: [1.446, 5],
      rwg: 0.167,
      delta: 0,
    });
  });
  it('a2 (reverse): more spread than random answers has no agreement, not a negative one', () => {
    // keyed 5, 4, 2: s² = 7/3 > 2 → 1 − 7/6 < 0, clamped to 0
    expect(team.items!.a2!.rwg).toBe(0);
    expect(team.items!.a2!.mean).toBe(3.667);
  });
  it('a3 with only 2 answers is below k = 3 and publishes nothing', () => {
    expect(team.items!.a3).toBeNull();
    expect(report.organization.items!.a3).toBeNull();
  });
});

describe('rwg', () => {
  it('single item: 1 − s²/2, clamped to [0, 1]', () => {
    expect(rwgSingle(0.5)).toBeCloseTo(0.75, 12);
    expect(rwgSingle(0)).toBe(1);
    expect(rwgSingle(3)).toBe(0);
    expect(rwgSingle(null)).toBeNull();
  });
  it('J items: rwg(J) = J(1 − s̄²/2) / (J(1 − s̄²/2) + s̄²/2), 0 once s̄² reaches 2', () => {
    // mean variance 0.5 → ratio 0.25 → 3 · 0.75 / (3 · 0.75 + 0.25) = 0.9
    expect(rwgScale([0.4, 0.5, 0.6])).toBeCloseTo(0.9, 12);
    expect(rwgScale([2.5, 2, 1.5])).toBe(0);
    expect(rwgScale([0, 0])).toBe(1);
    // Items with fewer than two answers have no variance and are left out.
    expect(rwgScale([null, 0.5])).toBeCloseTo(0.75, 12);
    expect(rwgScale([null])).toBeNull();
  });
  it('zero spread: full agreement and a zero-width interval', () => {
    const same = aggregateResponses(
      Array.from({ length: 3 }, () => ({ teamKey: 't', answers: { a1: 4, a2: 2, a3: 4 } })),
      items,
      dimensions,
    );
    const r = buildReport({
      organizationName: 'Org',
      teams: [{ key: 't', name: 'Team', parentKey: null }],
      dimensions,
      items,
      aggregates: same,
      k: 3,
    });
    expect(r.organization.dimensions.a).toMatchObject({ n: 3, mean: 4, score: 75, ci95: [4, 4], rwg: 1 });
    // Nobody answered x: the cell has n = 0 < k.
    expect(r.organization.dimensions.x).toBeNull();
    expect(r.organization.trustIndex).toBe(75);
  });
});
