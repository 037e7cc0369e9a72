import { describe, expect, it } from 'vitest';
import {
  buildReport,
  publishedFiguresText,
  type ReportTeam,
} from '../../../../server/domain/report/build-report.ts';
import { publishedFigures } from '../../../../server/domain/report/published-figures.ts';
import {
  createAccumulator,
  type ScoredItem,
  type WaveAggregates,
} from '../../../../server/domain/scoring/aggregates.ts';

// A dimension of two items, as in the pulse, and an outcome of one.
const items: ScoredItem[] = [
  { id: 't1', dimension: 'trust', reverse: false },
  { id: 't2', dimension: 'trust', reverse: false },
  { id: 'o1', dimension: 'outcome', reverse: false },
];
const dimensions = [
  { id: 'trust', name: 'Trust', outcome: false, recommendations: [] },
  { id: 'outcome', name: 'Outcome', outcome: true, recommendations: [] },
];

/** One team's answers to t1 and t2 (null: skipped), everyone answering o1 with 3. */
function teamOf(answers: [number | null, number | null][]): WaveAggregates {
  const accumulator = createAccumulator(items, dimensions);
  for (const [t1, t2] of answers)
    accumulator.add({ teamKey: 'team', answers: { t1, t2, o1: 3 }, comment: null });
  return accumulator.result();
}

const oneTeam: ReportTeam[] = [{ key: 'team', name: 'Team', parentKey: null }];

const reportOf = (aggregates: WaveAggregates, teams = oneTeam) =>
  buildReport({
    organizationName: 'Org',
    teams,
    aggregates,
    dimensions,
    items,
    k: 5,
    withItems: true,
    previous: null,
  });

describe('item cells beside their dimension cell, when some answered part of it (R1, R2)', () => {
  // Five answer both items; P answers t1 with 1 and skips t2. Every cell has at least k = 5:
  //   trust: n 6, Σ scores = 5 × (4 + 2) / 2 + 1 = 16
  //   t1:    n 6, Σ = 5 × 4 + 1 = 21
  //   t2:    n 5, Σ = 5 × 2 = 10
  // and 2 × 16 − 21 − 10 = 1: P's own answer, from three figures that each stand for five or six.
  const withP: [number | null, number | null][] = [...Array(5).fill([4, 2]), [1, null]];

  it("hides the dimension's item cells where fewer than k answered it in part, and keeps its score", () => {
    const aggregates = teamOf(withP);
    expect(aggregates.teams.team!.incomplete).toEqual({ trust: 1, outcome: 0 });
    const { organization } = reportOf(aggregates);
    expect(organization.dimensions.trust!.n).toBe(6);
    expect(organization.dimensions.trust!.mean).toBeCloseTo(16 / 6, 2);
    expect(organization.items!.t1).toBeNull();
    expect(organization.items!.t2).toBeNull();
    // The outcome's item is answered by all or none: shown.
    expect(organization.items!.o1).toMatchObject({ n: 6, mean: 3 });
  });

  it('shows them where nobody, or at least k, answered the dimension in part', () => {
    const whole = reportOf(teamOf([...Array(6).fill([4, 2])])).organization;
    expect(whole.items!.t1).toMatchObject({ n: 6, mean: 4 });
    expect(whole.items!.t2).toMatchObject({ n: 6, mean: 2 });
    // Five who skipped t2 among ten: 2 × Σ scores − Σ t1 − Σ t2 is a sum over five.
    const many = reportOf(teamOf([...Array(5).fill([4, 2]), ...Array(5).fill([3, null])])).organization;
    expect(many.items!.t1).toMatchObject({ n: 10, mean: 3.5 });
    expect(many.items!.t2).toMatchObject({ n: 5, mean: 2 });
  });

  it('looks at each group and at what its children leave of it', () => {
    // Two teams under a parent team, each with k or more who answered t1 alone, so each shows its
    // items; and one of the parent's own direct respondents, P, answered t1 alone too.
    const accumulator = createAccumulator(items, dimensions);
    const add = (teamKey: string, t1: number, t2: number | null) =>
      accumulator.add({ teamKey, answers: { t1, t2, o1: 3 }, comment: null });
    for (const key of ['a', 'b']) for (let i = 0; i < 6; i++) add(key, 4, i < 5 ? null : 2);
    for (let i = 0; i < 5; i++) add('parent', 3, 3);
    add('parent', 1, null);
    const report = reportOf(accumulator.result(), [
      { key: 'parent', name: 'Parent', parentKey: null },
      { key: 'a', name: 'A', parentKey: 'parent' },
      { key: 'b', name: 'B', parentKey: 'parent' },
    ]);
    const group = (key: string) => report.groups.find((g) => g.teamKey === key)!;
    // Parent holds 11 who answered in part, but take away a's five and b's five and P is left:
    // the smallest of a and b hides its items too, so nothing leaves fewer than five.
    const showing = ['a', 'b', 'parent'].filter((key) => group(key).items!.t1 !== null);
    expect(showing).toEqual(['b', 'parent']);
    expect(group('a').dimensions.trust).not.toBeNull();
  });

  it('hides every item cell of sums frozen before those respondents were counted', () => {
    const legacy = teamOf(withP.map(([t1]) => [t1, t1]));
    delete legacy.teams.team!.incomplete;
    const { organization } = reportOf(legacy);
    expect(organization.dimensions.trust).not.toBeNull();
    expect(Object.values(organization.items!)).toEqual([null, null, null]);
  });
});

describe('trends of item cells against figures frozen before this check', () => {
  const both = teamOf([...Array(6).fill([4, 2])]);
  const input = {
    organizationName: 'Org',
    teams: oneTeam,
    aggregates: both,
    dimensions,
    items,
    k: 5,
    withItems: true,
  };

  it('compares items with figures that were decided with it, in either form', () => {
    for (const previous of [
      publishedFigures(buildReport({ ...input, previous: null })),
      { text: publishedFiguresText({ ...input, previous: null }) },
    ]) {
      const { organization } = buildReport({ ...input, previous });
      expect(organization.items!.t1!.trend).toMatchObject({ previousScore: 75, change: 0 });
      expect(organization.dimensions.trust!.trend).toBeDefined();
    }
  });

  it('compares no item with figures frozen before it, and every dimension still', () => {
    const { itemsChecked: _, ...frozenBefore } = publishedFigures(buildReport({ ...input, previous: null }));
    const text = publishedFiguresText({ ...input, previous: null }).replace(',"itemsChecked":true', '');
    for (const previous of [frozenBefore, { text }]) {
      const { organization } = buildReport({ ...input, previous });
      expect(organization.items!.t1!.trend).toBeUndefined();
      expect(organization.dimensions.trust!.trend).toMatchObject({ change: 0 });
    }
  });
});
