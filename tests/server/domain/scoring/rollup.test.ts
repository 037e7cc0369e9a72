import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  aggregateResponses,
  type ResponseAnswers,
} from '../../../../server/domain/scoring/aggregate-responses.ts';
import type { TeamAggregates } from '../../../../server/domain/scoring/aggregate-types.ts';
import { rollUp } from '../../../../server/domain/scoring/rollup.ts';
import { buildHierarchyTree, ORGANIZATION } from '../../../../server/domain/suppression/hierarchy-tree.ts';

const items = [
  { id: 'a1', dimension: 'a', reverse: false },
  { id: 'a2', dimension: 'a', reverse: true },
  { id: 'a3', dimension: 'a', reverse: false },
  { id: 'b1', dimension: 'b', reverse: true },
  { id: 'x1', dimension: 'x', reverse: false },
  { id: 'x2', dimension: 'x', reverse: false },
];
const dimensions = [
  { id: 'a', outcome: false },
  { id: 'b', outcome: false },
  { id: 'x', outcome: true },
];

const answer = fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 5 }));
const wave = fc.array(fc.nat(), { minLength: 1, maxLength: 10 }).chain((parents) => {
  const teams = parents.map((p, i) => ({
    key: `t${i}`,
    parentKey: i === 0 || p % 3 === 0 ? null : `t${p % i}`,
  }));
  const response = fc.record({
    teamKey: fc.constantFrom(...teams.map((t) => t.key)),
    answers: fc.record(Object.fromEntries(items.map((item) => [item.id, answer]))),
  });
  return fc.tuple(fc.constant(teams), fc.array(response, { maxLength: 60 }));
});

/** Moments compared exactly on counts, to rounding on the float sums. */
function expectSame(actual: TeamAggregates, expected: TeamAggregates | undefined) {
  if (!expected) {
    expect(actual.respondents).toBe(0);
    return;
  }
  expect(actual.respondents).toBe(expected.respondents);
  for (const kind of ['items', 'dimensions'] as const)
    for (const [id, m] of Object.entries(expected[kind])) {
      const got = actual[kind][id]!;
      expect([got.n, got.counts]).toEqual([m.n, m.counts]);
      expect(got.sum).toBeCloseTo(m.sum, 9);
      expect(got.sumSq).toBeCloseTo(m.sumSq, 9);
    }
}

describe('rolling per-team sums up the hierarchy', () => {
  it('gives every group exactly the sums of all responses in its subtree', () => {
    fc.assert(
      fc.property(wave, ([teams, responses]) => {
        const tree = buildHierarchyTree(teams);
        const groups = rollUp(
          tree,
          aggregateResponses(responses, items, dimensions).teams,
          items,
          dimensions,
        );
        const inSubtree = (teamKey: string, group: string): boolean =>
          group === ORGANIZATION ||
          teamKey === group ||
          (tree.parentOf.get(teamKey) !== null && inSubtree(tree.parentOf.get(teamKey)!, group));
        for (const group of tree.depthFirst) {
          // The reference: aggregate the subtree's raw responses as if they were one team.
          const subtree: ResponseAnswers[] = responses
            .filter((r) => inSubtree(r.teamKey, group))
            .map((r) => ({ ...r, teamKey: 'g' }));
          expectSame(groups.get(group)!, aggregateResponses(subtree, items, dimensions).teams.g);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('counts a team missing from the sums as empty', () => {
    const tree = buildHierarchyTree([
      { key: 'p', parentKey: null },
      { key: 'c', parentKey: 'p' },
    ]);
    const sums = aggregateResponses([{ teamKey: 'c', answers: { a1: 4 } }], items, dimensions);
    const groups = rollUp(tree, sums.teams, items, dimensions);
    expect(groups.get('p')!.items.a1).toEqual({ n: 1, sum: 4, sumSq: 16, counts: [0, 0, 0, 1, 0] });
    expect(groups.get(ORGANIZATION)!.respondents).toBe(1);
  });
});

describe('the hierarchy', () => {
  it('refuses unknown parents, duplicates and cycles', () => {
    expect(() => buildHierarchyTree([{ key: 'a', parentKey: 'nope' }])).toThrow(/unknown parent/);
    expect(() =>
      buildHierarchyTree([
        { key: 'a', parentKey: null },
        { key: 'a', parentKey: null },
      ]),
    ).toThrow(/twice/);
    expect(() =>
      buildHierarchyTree([
        { key: 'a', parentKey: 'b' },
        { key: 'b', parentKey: 'a' },
      ]),
    ).toThrow(/cycle/);
  });
});
