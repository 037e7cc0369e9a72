import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Hierarchy, ORGANIZATION } from '../../../../server/domain/hierarchy/hierarchy.ts';
import { rollUp } from '../../../../server/domain/report/roll-up.ts';
import {
  addMoments,
  emptyMoments,
  type WaveAggregates,
} from '../../../../server/domain/scoring/aggregates.ts';
import { compactAggregates, plainAggregates } from '../../../../server/domain/scoring/sums-table.ts';
import { randomWave } from '../../../support/random-wave.ts';
import { fixtureDimensions, fixtureItems } from '../../../support/scoring-fixture.ts';

/** A group's sums added up the plainest way: every team of its subtree, one by one. */
function subtreeSums(aggregates: WaveAggregates, keys: string[]) {
  const sum = {
    respondents: 0,
    items: Object.fromEntries(fixtureItems.map((item) => [item.id, emptyMoments()])),
    dimensions: Object.fromEntries(fixtureDimensions.map((d) => [d.id, emptyMoments()])),
    comments: 0,
  };
  for (const key of keys) {
    const team = aggregates.teams[key];
    if (!team) continue;
    sum.respondents += team.respondents;
    for (const item of fixtureItems) addMoments(sum.items[item.id]!, team.items[item.id]!);
    for (const d of fixtureDimensions) addMoments(sum.dimensions[d.id]!, team.dimensions[d.id]!);
    sum.comments += team.comments.length;
  }
  return sum;
}

describe('rolled-up sums, as numbers in tables', () => {
  it('give every group the sums of all the teams in its subtree, and each team its own, unchanged', () => {
    fc.assert(
      fc.property(randomWave, ({ teams, aggregates }) => {
        const hierarchy = Hierarchy.from(teams);
        const compact = compactAggregates(aggregates, fixtureItems, fixtureDimensions);
        // The table holds the very figures it was made from.
        expect(plainAggregates(compact, fixtureItems, fixtureDimensions)).toEqual(aggregates);
        const rolled = rollUp(hierarchy, compact);
        for (const key of [ORGANIZATION, ...teams.map((t) => t.key)]) {
          const expected = subtreeSums(
            aggregates,
            key === ORGANIZATION ? teams.map((t) => t.key) : hierarchy.subtree(key),
          );
          expect(rolled.respondents(key)).toBe(expected.respondents);
          expect(rolled.comments(key)).toHaveLength(expected.comments);
          const slots = [
            ...fixtureItems.map(
              (item) => [item.id, rolled.layout.itemSlot.get(item.id)!, expected.items] as const,
            ),
            ...fixtureDimensions.map(
              (d) => [d.id, rolled.layout.dimensionSlot.get(d.id)!, expected.dimensions] as const,
            ),
          ];
          for (const [id, slot, sums] of slots) {
            const moments = rolled.moments(key, slot);
            const want = sums[id]!;
            expect(moments.n).toBe(want.n);
            expect(moments.counts).toEqual(want.counts);
            expect(moments.sum).toBeCloseTo(want.sum, 9);
            expect(moments.sumSq).toBeCloseTo(want.sumSq, 9);
            const variance = rolled.variance(key, slot);
            if (want.n < 2) expect(variance).toBeNull();
            else
              expect(variance).toBeCloseTo(
                Math.max(0, (want.sumSq - (want.sum * want.sum) / want.n) / (want.n - 1)),
                9,
              );
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
