import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildRankedReport,
  buildReport,
  type Group,
  itemSlice,
  reportBasis,
} from '../../../../server/domain/report/build-report.ts';
import { publishedFigures } from '../../../../server/domain/report/published-figures.ts';
import { sliceReport } from '../../../../server/domain/report/slice-report.ts';
import { randomWave, randomWaveInput } from '../../../support/random-wave.ts';

describe('item detail made for the groups sent alone', () => {
  it('is the very slice of the whole report with items, for any root, depth and subtree (R3)', () => {
    fc.assert(
      fc.property(
        randomWave,
        fc.integer({ min: 2, max: 5 }),
        fc.nat(),
        fc.integer({ min: 0, max: 3 }),
        fc.nat(),
        fc.boolean(),
        (wave, k, rootPick, depth, withinPick, withTrends) => {
          // With a previous wave, every shown cell also carries its trend (here against itself).
          const first = randomWaveInput(wave, k);
          const input = { ...first, previous: withTrends ? publishedFigures(buildReport(first)) : null };
          const keys = input.teams.map((t) => t.key);
          // A root and a leader's subtree drawn among the teams, the organization, or a key the
          // report does not have; a root outside the subtree is as unknown as a missing one.
          const pick = (n: number) => [...keys, null, 'missing'][n % (keys.length + 2)]!;
          const slice = { root: pick(rootPick), depth, within: withinPick % 2 ? null : pick(withinPick) };
          const { report: whole, ranking } = buildRankedReport(input);
          const expected = sliceReport(whole, slice, ranking);
          const made = itemSlice(reportBasis(input), slice);
          expect(JSON.stringify(made)).toBe(JSON.stringify(expected));
          // Not equal by accident: a slice that exists carries its groups' items.
          if (expected)
            for (const group of [expected.organization, ...expected.groups])
              expect(Object.keys(group.items!)).toHaveLength(input.items.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps the whole report with items, its groups reduced to their places, for the slices to be cut from', () => {
    fc.assert(
      fc.property(randomWave, fc.integer({ min: 2, max: 5 }), fc.boolean(), (wave, k, withTrends) => {
        const first = randomWaveInput(wave, k);
        const input = { ...first, previous: withTrends ? publishedFigures(buildReport(first)) : null };
        const whole = buildReport(input);
        const basis = reportBasis(input);
        expect(basis.report).toEqual({
          ...whole,
          organization: null,
          groups: whole.groups.map((group: Group) => ({
            teamKey: group.teamKey,
            parentKey: group.parentKey,
            name: group.name,
          })),
        });
        // Every group is made again whole, items and trends included.
        expect(basis.withItems(null)).toEqual(whole.organization);
        for (const group of whole.groups) expect(basis.withItems(group.teamKey)).toEqual(group);
      }),
      { numRuns: 100 },
    );
  });
});
