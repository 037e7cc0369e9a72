import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decideSuppression,
  type HierarchyNode,
  ORGANIZATION,
} from '../../../../server/domain/suppression/suppress.ts';

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

/** Each team's direct responses are one atom; a published group is the set of atoms below it. */
function atomsOf(teams: HierarchyNode[]): Map<string, number> {
  const masks = new Map<string, number>(teams.map((t, i) => [t.key, 1 << i]));
  const descend = (key: string): number =>
    teams
      .filter((t) => (t.parentKey ?? ORGANIZATION) === key)
      .reduce((mask, child) => mask | descend(child.key), masks.get(key) ?? 0);
  return new Map([
    [ORGANIZATION, descend(ORGANIZATION)],
    ...teams.map((t) => [t.key, descend(t.key)] as const),
  ]);
}

/**
 * The attacker: holds every published n, subtracts published sets from sets containing them
 * (along the tree) and joins disjoint ones (across siblings), to a fixed point, and looks for a
 * derived set of 1 to k − 1 respondents.
 */
function smallestDerivableLeak(
  published: number[],
  sizeOf: (mask: number) => number,
  k: number,
): number | null {
  const known = new Set(published);
  let frontier = [...known];
  while (frontier.length > 0 && known.size < 4000) {
    const next: number[] = [];
    const all = [...known];
    for (const a of frontier) {
      for (const b of all) {
        const candidates = [];
        if ((a & b) === b && a !== b) candidates.push(a & ~b);
        if ((a & b) === a && a !== b) candidates.push(b & ~a);
        if ((a & b) === 0) candidates.push(a | b);
        for (const derived of candidates) {
          if (derived !== 0 && !known.has(derived)) {
            known.add(derived);
            next.push(derived);
          }
        }
      }
    }
    frontier = next;
  }
  for (const set of known) {
    const size = sizeOf(set);
    if (size > 0 && size < k) return size;
  }
  return null;
}

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
