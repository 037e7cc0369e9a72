import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRankedReport, buildReport } from '../../../server/domain/report/build-report.ts';
import { findHotspots } from '../../../server/domain/report/hotspots.ts';
import { publishedFigures } from '../../../server/domain/report/published-figures.ts';
import { scopeReport } from '../../../server/domain/report/scope-report.ts';
import { sliceReport } from '../../../server/domain/report/slice-report.ts';
import { KeptReport, keptReportParts } from '../../../server/reports/kept-report.ts';
import { randomWave, randomWaveInput } from '../../support/random-wave.ts';

describe('a report kept as its text', () => {
  it('is the very text of the report, and gives back the report, its slices and subtrees exactly (R3)', () => {
    fc.assert(
      fc.property(
        randomWave,
        fc.integer({ min: 2, max: 5 }),
        fc.boolean(),
        fc.boolean(),
        fc.nat(),
        fc.integer({ min: 0, max: 3 }),
        fc.nat(),
        fc.boolean(),
        (wave, k, withItems, withTrends, rootPick, depth, withinPick, accented) => {
          const drawn = randomWaveInput(wave, k);
          // Names beyond ASCII, some of two UTF-16 units a character: where each group lies is
          // counted in the text, not in its bytes.
          const teams = accented
            ? drawn.teams.map((t) => ({ ...t, name: `${t.name} — équipe 😀` }))
            : drawn.teams;
          const first = { ...drawn, teams, withItems };
          const input = { ...first, previous: withTrends ? publishedFigures(buildReport(first)) : null };
          const ranked = buildRankedReport(input);
          const { report, ranking } = ranked;
          const kept = new KeptReport(structuredClone(keptReportParts(ranked)));
          // Key for key, as the whole read sends it and as every cut below is written.
          expect(kept.text).toBe(JSON.stringify(report));
          expect(JSON.stringify(kept.whole())).toBe(kept.text);
          expect(kept.outlines).toEqual(
            report.groups.map(({ teamKey, name, parentKey, suppressed, n }) => ({
              teamKey,
              name,
              parentKey,
              suppressed,
              n,
            })),
          );
          const keys = input.teams.map((t) => t.key);
          const pick = (n: number) => [...keys, null, 'missing'][n % (keys.length + 2)]!;
          const slice = { root: pick(rootPick), depth, within: withinPick % 2 ? null : pick(withinPick) };
          expect(JSON.stringify(kept.slice(slice))).toBe(JSON.stringify(sliceReport(report, slice, ranking)));
          const team = keys[rootPick % keys.length]!;
          expect(JSON.stringify(kept.scoped(team))).toBe(JSON.stringify(scopeReport(report, team, ranking)));
          // A leader's hotspots are the weakest spots of their own subtree, every group of which they get.
          const scoped = kept.scoped(team);
          expect(scoped.hotspots).toEqual(findHotspots(scoped.groups, input.dimensions));
          const alone = kept.withGroup(team);
          expect(alone.groups).toEqual(report.groups.filter((g) => g.teamKey === team));
          expect(JSON.stringify({ ...alone, groups: [] })).toBe(JSON.stringify({ ...report, groups: [] }));
          expect(kept.withGroup('missing').groups).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('weighs one cell per figure and per group, as the cache budgets them', () => {
    const input = {
      ...randomWaveInput(
        { teams: [], aggregates: { teams: {}, organization: { reliability: {}, drivers: {} } } },
        5,
      ),
    };
    const ranked = buildRankedReport(input);
    const { report } = ranked;
    const kept = new KeptReport(keptReportParts(ranked));
    expect(kept.cells).toBe(1 + Object.keys(report.organization.dimensions).length + input.items.length);
  });
});
