import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScoredDimension, ScoredItem } from '../../../../server/domain/scoring/aggregates.ts';
import { createAccumulator, type RawResponse } from '../../../../server/domain/scoring/aggregates.ts';
import { FIELD_LIMIT } from '../../../../server/domain/scoring/sums-document.ts';
import {
  aggregatesFromSums,
  type PackedTeamSums,
  type WaveSums,
} from '../../../../server/domain/scoring/wave-sums.ts';
import { fixtureDimensions, fixtureItems, threeRespondents } from '../../../support/scoring-fixture.ts';

const items = fixtureItems;
const dimensions = fixtureDimensions;

/** A team's sums written out: per item id, how many keyed answers were 1, 2, 3, 4 and 5. */
interface TeamSums {
  teamKey: string;
  respondents: number;
  counts: Record<string, number[]>;
  /** The same, from respondents who answered every item of the item's dimension. */
  completeCounts: Record<string, number[]>;
}

/** Teams as the database packs them (`PackedTeamSums`): each count a digit in base 4,096. */
function packed(
  teams: TeamSums[],
  forItems: ScoredItem[] = items,
  forDimensions: ScoredDimension[] = dimensions,
): PackedTeamSums {
  const ids = new Set(forDimensions.map((d) => d.id));
  const scored = forItems.flatMap((item, i) => (ids.has(item.dimension) ? [i] : []));
  const base = FIELD_LIMIT + 1;
  const pack = (counts: readonly number[] = [0, 0, 0, 0, 0]) => {
    const [one = 0, two = 0, three = 0, four = 0, five = 0] = counts;
    return [one + two * base, three + four * base + five * base * base];
  };
  return {
    scored,
    base,
    packed: teams.map((team) => [
      team.teamKey,
      team.respondents,
      scored.flatMap((i) => [
        ...pack(team.counts[forItems[i]!.id]),
        ...pack(team.completeCounts[forItems[i]!.id]),
      ]),
    ]),
  };
}

describe('aggregates from the sums the database returns', () => {
  // The three respondents of the scoring fixture (the first with a comment), summed by hand:
  //   r1: a1=5, a2=1 (reverse → 5), a3=4, x1=4 → a: 3 answered, total 14; x: total 4
  //   r2: a1=4, a2=2 (→ 4), a3 skipped, x1=3   → a: 2 answered, total 8;  x: total 3
  //   r3: a1=2, a2 and a3 skipped, x1=2         → a: 1 answered, total 2;  x: total 2
  const responses: RawResponse[] = threeRespondents('t').map((r, i) =>
    i === 0 ? { ...r, comment: 'Fine.' } : r,
  );
  const team: TeamSums = {
    teamKey: 't',
    respondents: 3,
    counts: { a1: [0, 1, 0, 1, 1], a2: [0, 0, 0, 1, 1], a3: [0, 0, 0, 1, 0], x1: [0, 1, 1, 1, 0] },
    // Only r1 answered all of a; everyone answered all (one) of x.
    completeCounts: {
      a1: [0, 0, 0, 0, 1],
      a2: [0, 0, 0, 0, 1],
      a3: [0, 0, 0, 1, 0],
      x1: [0, 1, 1, 1, 0],
    },
  };
  const sums: WaveSums = {
    teams: packed([team]),
    scores: [
      { teamKey: 't', dimension: 'a', answered: 3, respondents: 1, total: 14, totalSq: 196 },
      { teamKey: 't', dimension: 'a', answered: 2, respondents: 1, total: 8, totalSq: 64 },
      // 1 of 3 answered is below ⌈3/2⌉: no score.
      { teamKey: 't', dimension: 'a', answered: 1, respondents: 1, total: 2, totalSq: 4 },
      { teamKey: 't', dimension: 'x', answered: 1, respondents: 3, total: 9, totalSq: 29 },
    ],
    pairs: [
      {
        dimension: 'a',
        answered: 3,
        outcomeAnswered: 1,
        respondents: 1,
        total: 14,
        outcomeTotal: 4,
        product: 56,
        totalSq: 196,
        outcomeTotalSq: 16,
      },
      {
        dimension: 'a',
        answered: 2,
        outcomeAnswered: 1,
        respondents: 1,
        total: 8,
        outcomeTotal: 3,
        product: 24,
        totalSq: 64,
        outcomeTotalSq: 9,
      },
      {
        dimension: 'a',
        answered: 1,
        outcomeAnswered: 1,
        respondents: 1,
        total: 2,
        outcomeTotal: 2,
        product: 4,
        totalSq: 4,
        outcomeTotalSq: 4,
      },
    ],
  };

  it("gives the accumulator's figures for the hand-computed fixture, sums of squares more exactly", () => {
    const accumulator = createAccumulator(items, dimensions);
    for (const response of responses) accumulator.add(response);
    const expected = accumulator.result();
    const fromSums = aggregatesFromSums(items, dimensions, sums, [{ teamKey: 't', comment: 'Fine.' }]);
    // Σ score² = (14/3)² + 4² = 196/9 + 64/4 = 340/9. The accumulator squares a rounded 14/3 and
    // adds; the sums divide once, so they give 340/9 correctly rounded.
    expect(fromSums.teams.t!.dimensions.a!.sumSq).toBe(340 / 9);
    expect(fromSums.organization.drivers.a!.sxx).toBe(340 / 9);
    expect(expected.teams.t!.dimensions.a!.sumSq).toBeCloseTo(340 / 9, 13);
    // Everything else to the last digit; the respondent with one answer of three has no a score.
    expected.teams.t!.dimensions.a!.sumSq = 340 / 9;
    expected.organization.drivers.a!.sxx = 340 / 9;
    expect(fromSums).toEqual(expected);
    expect(fromSums.teams.t!.dimensions.a!.n).toBe(2);
    expect(fromSums.organization.drivers.a!.n).toBe(2);
  });

  it('lists a team only where a sum counts for it', () => {
    const score = { dimension: 'a', respondents: 2, total: 4, totalSq: 8 };
    const empty = { ...sums, teams: packed([]), pairs: [] };
    // One answer of three counts for no score: a team known only by it is not listed.
    const below = aggregatesFromSums(
      items,
      dimensions,
      { ...empty, scores: [{ ...score, teamKey: 'x', answered: 1 }] },
      [],
    );
    expect(Object.keys(below.teams)).toEqual([]);
    const counted = aggregatesFromSums(
      items,
      dimensions,
      { ...empty, scores: [{ ...score, teamKey: 'x', answered: 2 }] },
      [],
    );
    expect(Object.keys(counted.teams)).toEqual(['x']);
    expect(counted.teams.x!.dimensions.a!.n).toBe(2);
  });

  it('adds up a team that comes in parts, and reads past items of no dimension', () => {
    // A team in two parts, as the database sends one too large for a packed field.
    const twice = aggregatesFromSums(items, dimensions, { ...sums, teams: packed([team, team]) }, []);
    expect(twice.teams.t!.respondents).toBe(6);
    expect(twice.teams.t!.items.a1!.counts).toEqual([0, 2, 0, 2, 2]);
    expect(twice.teams.t!.dimensions.x!.counts).toEqual([0, 2, 2, 2, 0]);
    expect(twice.organization.reliability.a!.items.a3!).toMatchObject({ sum: 8, sumSq: 32 });
    // An item of no dimension among them is not packed, and the others keep their counts.
    const withOther = [items[0]!, { id: 'z1', dimension: 'none', reverse: false }, ...items.slice(1)];
    const once = aggregatesFromSums(items, dimensions, sums, []);
    const around = aggregatesFromSums(
      withOther,
      dimensions,
      { ...sums, teams: packed([team], withOther) },
      [],
    );
    expect(around.teams.t!.items.z1!.n).toBe(0);
    const { z1: _, ...scoredItems } = around.teams.t!.items;
    expect(scoredItems).toEqual(once.teams.t!.items);
    expect(around.teams.t!.dimensions).toEqual(once.teams.t!.dimensions);
    expect(around.organization).toEqual(once.organization);
  });

  it('does not depend on the order the sums arrive in', () => {
    // Many score sums of one cell, whose divisions do not add up exactly in floating point.
    const scoreSums = fc.array(
      fc.record({
        answered: fc.integer({ min: 3, max: 6 }),
        respondents: fc.integer({ min: 1, max: 50 }),
        total: fc.integer({ min: 3, max: 1500 }),
        totalSq: fc.integer({ min: 9, max: 45000 }),
      }),
      { minLength: 2, maxLength: 12 },
    );
    const six = Array.from({ length: 6 }, (_, i) => ({ id: `i${i}`, dimension: 'd', reverse: false }));
    fc.assert(
      fc.property(
        scoreSums,
        fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
        fc.array(fc.constantFrom('p', 'q', 'r', 's'), { minLength: 12, maxLength: 12 }),
        (rows, order, teams) => {
          // Each row keeps its team; only the order they arrive in changes.
          const scores = rows.map((row, i) => ({ ...row, teamKey: teams[i]!, dimension: 'd' }));
          const reordered = scores
            .map((row, i) => ({ row, place: order[i]! }))
            .sort((a, b) => a.place - b.place)
            .map(({ row }) => row);
          const [first, second] = [scores, reordered].map((list) =>
            aggregatesFromSums(
              six,
              [{ id: 'd', outcome: false }],
              { teams: packed([], six, [{ id: 'd', outcome: false }]), scores: list, pairs: [] },
              [],
            ),
          );
          for (const [key, team] of Object.entries(first!.teams)) {
            const cell = second!.teams[key]!.dimensions.d!;
            expect(Object.is(cell.sum, team.dimensions.d!.sum)).toBe(true);
            expect(Object.is(cell.sumSq, team.dimensions.d!.sumSq)).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
