import { describe, expect, it } from 'vitest';
import {
  aggregateResponses,
  type ResponseAnswers,
} from '../../../../server/domain/scoring/aggregate-responses.ts';
import { cronbachAlpha } from '../../../../server/domain/scoring/cronbach-alpha.ts';
import { pearson, rankDrivers } from '../../../../server/domain/scoring/drivers.ts';

const repeat = <T>(patterns: T[], times: number): T[] => Array.from({ length: times }, () => patterns).flat();

describe("Cronbach's alpha", () => {
  const items = [
    { id: 'i1', dimension: 'd', reverse: false },
    { id: 'i2', dimension: 'd', reverse: false },
    { id: 'i3', dimension: 'd', reverse: true },
  ];
  // Three answer patterns, ten respondents each (n = 30). i3 is reverse: answers 4, 2, 3 key to 2, 4, 3.
  //   keyed (1, 2, 2) total 5; (3, 3, 4) total 10; (5, 4, 3) total 12.
  // Item variances (÷ 29): i1 values 1, 3, 5 → SS 10·(4 + 0 + 4) = 80; i2 2, 3, 4 → 20; i3 2, 4, 3 → 20.
  // Totals 5, 10, 12, mean 9 → SS 10·(16 + 1 + 9) = 260.
  // α = 3/2 · (1 − 120/260) = 1.5 · 0.538462 = 0.807692.
  const patterns: ResponseAnswers[] = [
    { teamKey: 't', answers: { i1: 1, i2: 2, i3: 4 } },
    { teamKey: 't', answers: { i1: 3, i2: 3, i3: 2 } },
    { teamKey: 't', answers: { i1: 5, i2: 4, i3: 3 } },
  ];

  it('matches the hand calculation over respondents who answered every item', () => {
    // A respondent who skipped an item is left out of alpha (it still has a dimension score).
    const partial = { teamKey: 't', answers: { i1: 1, i2: 5, i3: null } };
    const sums = aggregateResponses([...repeat(patterns, 10), partial], items, [{ id: 'd', outcome: false }]);
    expect(sums.organization.reliability.d!.n).toBe(30);
    expect(cronbachAlpha(sums.organization.reliability.d!)).toEqual({ alpha: 0.808, n: 30 });
  });

  it('is withheld below 30 complete respondents', () => {
    const sums = aggregateResponses(repeat(patterns, 9), items, [{ id: 'd', outcome: false }]);
    expect(cronbachAlpha(sums.organization.reliability.d!)).toBeNull();
  });
});

describe('drivers: Pearson correlation with execution', () => {
  const items = [
    { id: 'a1', dimension: 'a', reverse: false },
    { id: 'b1', dimension: 'b', reverse: false },
    { id: 'x1', dimension: 'x', reverse: false },
  ];
  const dimensions = [
    { id: 'a', outcome: false },
    { id: 'b', outcome: false },
    { id: 'x', outcome: true },
  ];
  // a = 1, 2, 3 and x = 2, 3, 5: dx = −1, 0, 1; dy = −4/3, −1/3, 5/3;
  //   Σdxdy = 3, Σdx² = 2, Σdy² = 42/9 → r = 3 / √(2 · 42/9) = 0.98198.
  // b = 3, 1, 2: db = 1, −1, 0; Σdbdy = −4/3 + 1/3 = −1 → r = −1 / √(2 · 42/9) = −0.32733.
  // Repeating the patterns ten times changes no correlation.
  const patterns: ResponseAnswers[] = [
    { teamKey: 't', answers: { a1: 1, b1: 3, x1: 2 } },
    { teamKey: 't', answers: { a1: 2, b1: 1, x1: 3 } },
    { teamKey: 't', answers: { a1: 3, b1: 2, x1: 5 } },
  ];

  it('ranks the trust dimensions strongest first, sign kept', () => {
    const sums = aggregateResponses(repeat(patterns, 10), items, dimensions);
    expect(pearson(sums.organization.drivers.a!)).toBeCloseTo(0.98198, 5);
    expect(rankDrivers(sums.organization.drivers)).toEqual([
      { dimension: 'a', correlation: 0.982, n: 30 },
      { dimension: 'b', correlation: -0.327, n: 30 },
    ]);
  });

  it('pairs only respondents with both scores, and lists nothing below 30', () => {
    const noOutcome = { teamKey: 't', answers: { a1: 4, b1: 4, x1: null } };
    const sums = aggregateResponses([...repeat(patterns, 10), noOutcome], items, dimensions);
    expect(sums.organization.drivers.a!.n).toBe(30);
    expect(
      rankDrivers(aggregateResponses(repeat(patterns, 9), items, dimensions).organization.drivers),
    ).toEqual([]);
  });

  it('has no correlation when a side does not vary', () => {
    expect(pearson({ n: 3, sx: 6, sy: 9, sxy: 18, sxx: 14, syy: 27 })).toBeNull();
  });
});
