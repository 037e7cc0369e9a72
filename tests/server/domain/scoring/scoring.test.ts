import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../../server/domain/report/build-report.ts';
import { createAccumulator, type RawResponse } from '../../../../server/domain/scoring/aggregates.ts';
import {
  computeCell,
  confidenceInterval,
  rwgScale,
  rwgSingle,
  sampleVariance,
} from '../../../../server/domain/scoring/cells.ts';
import { cronbachAlpha, pearson } from '../../../../server/domain/scoring/reliability.ts';
import { studentTQuantile } from '../../../../server/domain/scoring/student-t.ts';
import { fixtureDimensions, fixtureItems, threeRespondents } from '../../../support/scoring-fixture.ts';

const items = fixtureItems;
const dimensions = fixtureDimensions;
const reportDimensions = [
  { id: 'a', name: 'A', outcome: false, recommendations: ['Do a.'] },
  { id: 'x', name: 'X', outcome: true, recommendations: ['Do x.'] },
];

describe('Student t quantiles', () => {
  it.each([
    [1, 12.706],
    [2, 4.303],
    [4, 2.776],
    [9, 2.262],
    [29, 2.045],
    [120, 1.98],
    [100000, 1.96],
  ])('t(0.975, df=%i) = %f, as in standard tables', (df, expected) => {
    expect(studentTQuantile(0.975, df)).toBeCloseTo(expected, 3);
  });
});

describe('respondent scores and cells, computed by hand', () => {
  // The three respondents of the scoring fixture, in team t:
  //   r1: a1=5, a2=1 (reverse → 5), a3=4, x1=4  → a score (5+5+4)/3 = 4.6667
  //   r2: a1=4, a2=2 (→ 4), a3 skipped, x1=3    → 2 of 3 answered ≥ ceil(3/2)=2: score (4+4)/2 = 4
  //   r3: a1=2, a2 skipped, a3 skipped, x1=2    → 1 of 3 answered < 2: no a score; its a1 still counts
  const responses: RawResponse[] = threeRespondents('t');
  const accumulator = createAccumulator(items, dimensions);
  for (const response of responses) accumulator.add(response);
  const aggregates = accumulator.result();
  const report = buildReport({
    organizationName: 'Org',
    teams: [{ key: 't', name: 'Team', parentKey: null }],
    aggregates,
    dimensions: reportDimensions,
    items,
    k: 2,
    withItems: true,
  });

  it('keys reverse items, skips missing answers and needs half the items for a dimension score', () => {
    const a = aggregates.teams.t!.dimensions.a!;
    expect(a.n).toBe(2);
    expect(a.sum).toBeCloseTo(14 / 3 + 4, 10);
    // Keyed answers in a: r1 5,5,4; r2 4,4; r3 2 → counts of 1..5: [0,1,0,3,2]
    expect(a.counts).toEqual([0, 1, 0, 3, 2]);
    expect(aggregates.teams.t!.items.a2).toMatchObject({ n: 2, sum: 9 });
  });

  it('computes mean, score, favourability and the t interval of a dimension cell', () => {
    const cell = report.organization.dimensions.a!;
    // mean = (4.6667 + 4) / 2 = 4.3333; score = (4.3333 − 1) / 4 × 100 = 83.3
    expect(cell.mean).toBeCloseTo(4.333, 3);
    expect(cell.score).toBeCloseTo(83.3, 1);
    // 5 of 6 keyed answers are 4–5; 1 is 1–2.
    expect(cell.favorable).toBeCloseTo(5 / 6, 4);
    expect(cell.unfavorable).toBeCloseTo(1 / 6, 4);
    expect(cell.neutral).toBe(0);
    // s = |4.6667 − 4| / √2 = 0.4714; half width = 12.706 × 0.4714 / √2 = 4.235 → clamped to [1, 5]
    expect(cell.ci95).toEqual([1, 5]);
  });

  it('computes item cells from single answers', () => {
    const answers = aggregates.teams.t!.items.a1!;
    const a1 = computeCell(answers, rwgSingle(sampleVariance(answers)));
    // a1 answers 5, 4, 2 → mean 3.6667, score 66.7; variance ((5−3.667)²+(4−3.667)²+(2−3.667)²)/2 = 2.333
    expect(a1.n).toBe(3);
    expect(a1.mean).toBeCloseTo(3.667, 3);
    expect(a1.score).toBeCloseTo(66.7, 1);
    expect(a1.rwg).toBe(0); // 2.333 > 2: more spread than uniform answers
  });

  it("shows x's item cell, and none of a's, since only r1 answered all of a (rule 4)", () => {
    // With k = 2, a3 has one answer; and a's sums against its items' could rest on r1 alone.
    expect(Object.entries(report.organization.items!).filter(([, cell]) => cell !== null)).toEqual([
      ['x1', expect.objectContaining({ n: 3, delta: 0 })],
    ]);
    expect(report.organization.dimensions.a!.rwg).toBeNull();
  });

  it('treats the outcome dimension apart from the Trust Index', () => {
    // Only one trust dimension here, so the Trust Index is its score.
    expect(report.organization.trustIndex).toBeCloseTo(report.organization.dimensions.a!.score, 5);
  });
});

describe('a team below k', () => {
  it('publishes nothing for it, and counts it in its parent', () => {
    const accumulator = createAccumulator(items, dimensions);
    const answers = { a1: 4, a2: 2, a3: 4, x1: 4 };
    for (let i = 0; i < 6; i++) accumulator.add({ teamKey: 'big', answers, comment: null });
    for (let i = 0; i < 2; i++)
      accumulator.add({ teamKey: 'small', answers: { ...answers, a1: 1 }, comment: null });
    for (let i = 0; i < 5; i++) accumulator.add({ teamKey: 'other', answers, comment: null });
    const report = buildReport({
      organizationName: 'Org',
      teams: [
        { key: 'dept', name: 'Dept', parentKey: null },
        { key: 'big', name: 'Big', parentKey: 'dept' },
        { key: 'small', name: 'Small', parentKey: 'dept' },
        { key: 'other', name: 'Other', parentKey: null },
      ],
      aggregates: accumulator.result(),
      dimensions: reportDimensions,
      items,
      k: 3,
      withItems: false,
    });
    const byKey = new Map(report.groups.map((g) => [g.teamKey, g]));
    expect(byKey.get('small')).toMatchObject({ suppressed: true, n: null });
    // Dept = big (6) + small (2); publishing both dept and big would reveal small by subtraction (R2),
    // so the smallest nearest published descendant, big, is suppressed too. Both are published
    // alike: which is below k and which protects it would say on which side of k each n lies (R1).
    expect({ ...byKey.get('big'), teamKey: 'small', name: 'Small' }).toEqual(byKey.get('small'));
    expect(byKey.get('dept')).toMatchObject({ suppressed: false, n: 8 });
    expect(report.organization.n).toBe(13);
  });
});

describe('agreement, reliability and correlation', () => {
  it('rwg: 1 − s²/2 for an item; rwg(J) for a scale', () => {
    expect(rwgSingle(0.5)).toBeCloseTo(0.75, 10);
    expect(rwgSingle(3)).toBe(0);
    // J = 3, mean variance 0.5 → ratio 0.25 → 3·0.75 / (3·0.75 + 0.25) = 0.9
    expect(rwgScale([0.4, 0.5, 0.6])).toBeCloseTo(0.9, 10);
  });

  it("Cronbach's alpha by hand", () => {
    // Two items over 30 respondents: item1 = 1..5 repeated, item2 = item1 (perfectly consistent) → alpha 1.
    const values = Array.from({ length: 30 }, (_, i) => (i % 5) + 1);
    const sum = values.reduce((a, b) => a + b, 0);
    const sumSq = values.reduce((a, b) => a + b * b, 0);
    const totals = values.map((v) => 2 * v);
    const sums = {
      n: 30,
      items: { i1: { sum, sumSq }, i2: { sum, sumSq } },
      totalSum: totals.reduce((a, b) => a + b, 0),
      totalSumSq: totals.reduce((a, b) => a + b * b, 0),
    };
    expect(cronbachAlpha(sums).alpha).toBe(1);
    expect(cronbachAlpha({ ...sums, n: 29 }).alpha).toBeNull();
  });

  it('Pearson correlation from sums', () => {
    // x = 1,2,3; y = 2,4,7: r = 0.9934
    const s = { n: 3, sx: 6, sy: 13, sxy: 1 * 2 + 2 * 4 + 3 * 7, sxx: 14, syy: 4 + 16 + 49 };
    expect(pearson(s)).toBeCloseTo(0.993, 3);
  });

  it('a t interval of a mean', () => {
    // n = 4 values 2, 3, 4, 5: mean 3.5, s = 1.291, half width = 3.182 × 1.291 / 2 = 2.054
    const [lo, hi] = confidenceInterval({ n: 4, sum: 14, sumSq: 54 });
    expect(lo).toBeCloseTo(1.446, 3);
    expect(hi).toBe(5);
  });
});
