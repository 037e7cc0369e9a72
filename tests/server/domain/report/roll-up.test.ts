import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Hierarchy, ORGANIZATION } from '../../../../server/domain/hierarchy/hierarchy.ts';
import { rollUp } from '../../../../server/domain/report/roll-up.ts';
import {
  addMoments,
  emptyMoments,
  type Moments,
  type WaveAggregates,
} from '../../../../server/domain/scoring/aggregates.ts';
import { compactAggregates, plainAggregates } from '../../../../server/domain/scoring/sums-table.ts';
import { randomWave } from '../../../support/random-wave.ts';
import { fixtureDimensions, fixtureItems } from '../../../support/scoring-fixture.ts';

interface PlainGroup {
  respondents: number;
  items: Record<string, Moments>;
  dimensions: Record<string, Moments>;
  comments: string[];
}

/**
 * The roll-up as the reports made it with an object per figure: each group's own sums copied, then
 * each child's added, in the order the teams were given, bottom up. The same additions in the same
 * order, so the tables must give the very same numbers, not merely close ones.
 */
function objectRollUp(hierarchy: Hierarchy, aggregates: WaveAggregates): Map<string, PlainGroup> {
  const copy = (m: Moments | undefined): Moments =>
    m ? { n: m.n, sum: m.sum, sumSq: m.sumSq, counts: [...m.counts] as Moments['counts'] } : emptyMoments();
  const rolled = new Map<string, PlainGroup>();
  for (const key of hierarchy.bottomUp()) {
    const own = key === ORGANIZATION ? undefined : aggregates.teams[key];
    const sum: PlainGroup = {
      respondents: own?.respondents ?? 0,
      items: Object.fromEntries(fixtureItems.map((item) => [item.id, copy(own?.items[item.id])])),
      dimensions: Object.fromEntries(fixtureDimensions.map((d) => [d.id, copy(own?.dimensions[d.id])])),
      comments: [...(own?.comments ?? [])],
    };
    for (const child of hierarchy.childrenInGivenOrder(key)) {
      const c = rolled.get(child)!;
      sum.respondents += c.respondents;
      for (const item of fixtureItems) addMoments(sum.items[item.id]!, c.items[item.id]!);
      for (const d of fixtureDimensions) addMoments(sum.dimensions[d.id]!, c.dimensions[d.id]!);
      sum.comments.push(...c.comments);
    }
    rolled.set(key, sum);
  }
  return rolled;
}

const variance = (m: Moments) =>
  m.n < 2 ? null : Math.max(0, (m.sumSq - (m.sum * m.sum) / m.n) / (m.n - 1));

describe('rolled-up sums, as numbers in tables', () => {
  it('are, for every group, the very numbers the object roll-up gives, and each team keeps its own', () => {
    fc.assert(
      fc.property(randomWave, ({ teams, aggregates }) => {
        const hierarchy = Hierarchy.from(teams);
        const compact = compactAggregates(aggregates, fixtureItems, fixtureDimensions);
        // The table holds the very figures it was made from.
        expect(plainAggregates(compact, fixtureItems, fixtureDimensions)).toEqual(aggregates);
        const rolled = rollUp(hierarchy, compact);
        const expected = objectRollUp(hierarchy, aggregates);
        for (const key of [ORGANIZATION, ...teams.map((t) => t.key)]) {
          const want = expected.get(key)!;
          expect(rolled.respondents(key)).toBe(want.respondents);
          expect(rolled.comments(key)).toEqual(want.comments);
          const slots = [
            ...fixtureItems.map(
              (item) => [rolled.layout.itemSlot.get(item.id)!, want.items[item.id]!] as const,
            ),
            ...fixtureDimensions.map(
              (d) => [rolled.layout.dimensionSlot.get(d.id)!, want.dimensions[d.id]!] as const,
            ),
          ];
          for (const [slot, moments] of slots) {
            expect(rolled.moments(key, slot)).toStrictEqual(moments);
            expect(rolled.variance(key, slot)).toBe(variance(moments));
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('refuse a table made for other items than the report reads', () => {
    const compact = compactAggregates(
      { teams: {}, organization: { reliability: {}, drivers: {} } },
      fixtureItems,
      fixtureDimensions,
    );
    expect(() => compactAggregates(compact, fixtureItems.slice(1), fixtureDimensions)).toThrow(/other items/);
  });
});
