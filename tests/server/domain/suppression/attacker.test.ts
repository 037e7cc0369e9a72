import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Hierarchy } from '../../../../server/domain/hierarchy/hierarchy.ts';
import { decideSuppression, type HierarchyNode } from '../../../../server/domain/suppression/suppress.ts';
import { atomsOf, smallestDerivableLeak } from '../../../support/attacker.ts';

/** A random hierarchy of up to 12 teams, each attached to the organization or to an earlier team. */
const hierarchy = fc
  .array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 })), {
    minLength: 1,
    maxLength: 12,
  })
  .map((rows) => {
    const teams: HierarchyNode[] = [];
    const groupCounts: Record<string, number> = {};
    const cellCounts: Record<string, number> = {};
    rows.forEach(([parentPick, count, cellPick], index) => {
      const key = `t${index}`;
      const parent = index === 0 || parentPick % 3 === 0 ? null : `t${parentPick % index}`;
      teams.push({ key, parentKey: parent });
      groupCounts[key] = count % 4 === 0 ? 0 : count; // plenty of empty and tiny teams
      cellCounts[key] = Math.min(groupCounts[key]!, cellPick); // a cell's n never exceeds its group's
    });
    return { teams, groupCounts, cellCounts };
  });

describe('complementary suppression against an attacker (R1, R2)', () => {
  it('never lets anyone derive a group of 1 to k − 1 respondents from published counts', () => {
    fc.assert(
      fc.property(hierarchy, fc.integer({ min: 3, max: 7 }), ({ teams, groupCounts, cellCounts }, k) => {
        const atoms = atomsOf(teams);
        const sizeWith = (counts: Record<string, number>) => (mask: number) =>
          teams.reduce((sum, team, i) => sum + (mask & (1 << i) ? counts[team.key]! : 0), 0);

        const groups = decideSuppression(teams, groupCounts, k);
        const suppressedGroups = new Set([...groups].filter(([, d]) => d.suppressed).map(([key]) => key));
        const cells = decideSuppression(teams, cellCounts, k, suppressedGroups);

        for (const [decisions, counts] of [
          [groups, groupCounts],
          [cells, cellCounts],
        ] as const) {
          const published = [...decisions].filter(([, d]) => !d.suppressed).map(([key]) => atoms.get(key)!);
          const sizeOf = sizeWith(counts);
          // R1: everything published has at least k.
          for (const mask of published) expect(sizeOf(mask)).toBeGreaterThanOrEqual(k);
          // R2: nothing smaller can be derived.
          expect(smallestDerivableLeak(published, sizeOf, k)).toBeNull();
        }
        // A cell of a suppressed group is never published.
        for (const key of suppressedGroups) expect(cells.get(key)!.suppressed).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('is deterministic: the same input always gives the same decisions (R3)', () => {
    fc.assert(
      fc.property(hierarchy, fc.integer({ min: 3, max: 7 }), ({ teams, groupCounts }, k) => {
        const first = decideSuppression(teams, groupCounts, k);
        const second = decideSuppression([...teams].reverse(), groupCounts, k);
        expect([...second].sort()).toEqual([...first].sort());
      }),
      { numRuns: 500 },
    );
  });

  it('decides the same from one Hierarchy, built once for every kind of count, as from its teams', () => {
    fc.assert(
      fc.property(hierarchy, fc.integer({ min: 3, max: 7 }), ({ teams, groupCounts, cellCounts }, k) => {
        const once = Hierarchy.from(teams);
        for (const counts of [groupCounts, cellCounts])
          expect([...decideSuppression(once, counts, k)]).toEqual([...decideSuppression(teams, counts, k)]);
      }),
      { numRuns: 300 },
    );
  });

  it('publishes everything when every group and remainder is large enough', () => {
    const teams = [
      { key: 'a', parentKey: null },
      { key: 'b', parentKey: 'a' },
      { key: 'c', parentKey: 'a' },
    ];
    const decisions = decideSuppression(teams, { a: 0, b: 6, c: 7 }, 5);
    expect([...decisions.values()].every((d) => !d.suppressed)).toBe(true);
  });
});
