import { describe, expect, it } from 'vitest';
import {
  buildReport,
  publishedFiguresText,
  type ReportTeam,
} from '../../../../server/domain/report/build-report.ts';
import { ITEM_RULE, publishedFigures } from '../../../../server/domain/report/published-figures.ts';
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
    // Two teams under a parent team, each with k who answered t1 alone and k who answered both, so
    // each shows its items; and one of the parent's own direct respondents, P, answered t1 alone too.
    const accumulator = createAccumulator(items, dimensions);
    const add = (teamKey: string, t1: number, t2: number | null) =>
      accumulator.add({ teamKey, answers: { t1, t2, o1: 3 }, comment: null });
    for (const key of ['a', 'b']) for (let i = 0; i < 10; i++) add(key, 4, i < 5 ? null : 2);
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

  it('hides them where few answered every item, and the agreement read off them', () => {
    // Five answer t1 alone (4), five t2 alone (2), and Q both (5 and 1). Each cell has six or more:
    //   trust: n 11, Σ scores = 5 × 4 + 5 × 2 + (5 + 1) / 2 = 33
    //   t1: n 6, Σ = 20 + 5 = 25;  t2: n 6, Σ = 10 + 1 = 11
    // and 25 + 11 − 33 = 3 = Q's score: the items weighed alike less the scores leave Q alone.
    const report = reportOf(teamOf([...Array(5).fill([4, null]), ...Array(5).fill([null, 2]), [5, 1]]));
    const { organization } = report;
    expect(organization.dimensions.trust).toMatchObject({ n: 11, rwg: null });
    expect(organization.dimensions.trust!.mean).toBeCloseTo(3, 3);
    expect([organization.items!.t1, organization.items!.t2]).toEqual([null, null]);
    // With five who answered both, any such weighing rests on five at least.
    const five = reportOf(
      teamOf([...Array(5).fill([4, null]), ...Array(5).fill([null, 2]), ...Array(5).fill([5, 1])]),
    );
    expect(five.organization.items!.t1).toMatchObject({ n: 10 });
    expect(five.organization.dimensions.trust!.rwg).not.toBeNull();
  });

  it("weighs a team's dimension cell against the item cells of the group above it", () => {
    // Team x shows its trust cell (n 5) but not its items: one of its five answered both items.
    // Its parent holds ten more who answered both and three, R, who answered t1 alone. Were the
    // parent to show its item cells, t1 + t2 (parent) − 2 × (trust of parent less trust of x)
    // − trust of x would leave x's one score less R's three answers: a sum over four, fewer than
    // k. So the parent hides them, and so does the organization, which holds the same people.
    const accumulator = createAccumulator(items, dimensions);
    const add = (teamKey: string, t1: number, t2: number | null) =>
      accumulator.add({ teamKey, answers: { t1, t2, o1: 3 }, comment: null });
    add('x', 5, 1);
    for (let i = 0; i < 4; i++) add('x', 4, null);
    for (let i = 0; i < 10; i++) add('parent', 3, 3);
    for (let i = 0; i < 3; i++) add('parent', 2, null);
    const report = reportOf(accumulator.result(), [
      { key: 'parent', name: 'Parent', parentKey: null },
      { key: 'x', name: 'X', parentKey: 'parent' },
    ]);
    const group = (key: string) => report.groups.find((g) => g.teamKey === key)!;
    expect(group('x').dimensions.trust).toMatchObject({ n: 5 });
    expect(group('parent').dimensions.trust).toMatchObject({ n: 18 });
    for (const shown of [group('x'), group('parent'), report.organization])
      expect([shown.items!.t1, shown.items!.t2]).toEqual([null, null]);
  });

  it('hides every item cell of sums frozen before those respondents were counted', () => {
    const legacy = teamOf(withP.map(([t1]) => [t1, t1]));
    delete legacy.teams.team!.incomplete;
    delete legacy.teams.team!.complete;
    const { organization } = reportOf(legacy);
    expect(organization.dimensions.trust).not.toBeNull();
    expect(Object.values(organization.items!)).toEqual([null, null, null]);
  });
});

describe('trends of item cells against figures frozen under an earlier rule for them', () => {
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

  it('compares items with figures decided by the same rule, in either form', () => {
    for (const previous of [
      publishedFigures(buildReport({ ...input, previous: null })),
      { text: publishedFiguresText({ ...input, previous: null }) },
    ]) {
      const { organization } = buildReport({ ...input, previous });
      expect(organization.items!.t1!.trend).toMatchObject({ previousScore: 75, change: 0 });
      expect(organization.dimensions.trust!.trend).toBeDefined();
    }
  });

  it('compares no item with figures frozen before it or under the first, and every dimension still', () => {
    const { itemRule: _, ...frozenBefore } = publishedFigures(buildReport({ ...input, previous: null }));
    const text = publishedFiguresText({ ...input, previous: null });
    // Frozen before any rule for item cells, and under the first one (2026-11-28).
    const before = text.replace(`,"itemRule":${ITEM_RULE}`, '');
    const first = text.replace(`"itemRule":${ITEM_RULE}`, '"itemsChecked":true');
    expect(first).not.toBe(text);
    for (const previous of [
      frozenBefore,
      { ...frozenBefore, itemsChecked: true },
      { text: before },
      { text: first },
    ]) {
      const { organization } = buildReport({ ...input, previous });
      expect(organization.items!.t1!.trend).toBeUndefined();
      expect(organization.dimensions.trust!.trend).toMatchObject({ change: 0 });
    }
  });
});
