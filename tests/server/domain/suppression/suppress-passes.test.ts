import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Hierarchy } from '../../../../server/domain/hierarchy/hierarchy.ts';
import {
  decideSuppression,
  type HierarchyNode,
  type SuppressionDecision,
} from '../../../../server/domain/suppression/suppress.ts';

/**
 * The rule as first written: every pass checks every group, until a pass changes nothing. Kept
 * here as the oracle for `decideSuppression`, which checks only the groups that something below
 * changed for, and must reach the very same decisions (R3: a report's suppression may not depend
 * on how it was computed).
 */
function everyPass(
  teams: readonly HierarchyNode[],
  direct: Record<string, number>,
  k: number,
  forced: ReadonlySet<string>,
): Map<string, SuppressionDecision> {
  const hierarchy = Hierarchy.from(teams);
  const groups = hierarchy.canonical;
  const total = new Map<string, number>();
  for (let i = groups.length - 1; i >= 0; i--) {
    const key = groups[i]!;
    let size = direct[key] ?? 0;
    for (const child of hierarchy.children(key)) size += total.get(child)!;
    total.set(key, size);
  }
  const sizeOf = (key: string) => total.get(key)!;
  const decisions = new Map<string, SuppressionDecision>();
  for (const key of groups) {
    if (sizeOf(key) < k) decisions.set(key, { suppressed: true, reason: 'below-threshold' });
    else if (forced.has(key)) decisions.set(key, { suppressed: true, reason: 'complementary' });
    else decisions.set(key, { suppressed: false });
  }
  const published = (key: string) => !decisions.get(key)!.suppressed;
  const nearestPublished = (key: string): string[] => {
    const found: string[] = [];
    const stack = [...hierarchy.children(key)].reverse();
    while (stack.length > 0) {
      const child = stack.pop()!;
      if (published(child)) found.push(child);
      else for (const below of [...hierarchy.children(child)].reverse()) stack.push(below);
    }
    return found;
  };
  const uncovered = (key: string, covered: string[]) =>
    covered.reduce((remainder, c) => remainder - sizeOf(c), sizeOf(key));
  let changed = true;
  while (changed) {
    changed = false;
    for (const key of groups) {
      if (!published(key)) continue;
      let covered = nearestPublished(key);
      let remainder = uncovered(key, covered);
      while (remainder > 0 && remainder < k && covered.length > 0) {
        const smallest = covered.reduce((a, b) =>
          sizeOf(b) < sizeOf(a) || (sizeOf(b) === sizeOf(a) && b < a) ? b : a,
        );
        decisions.set(smallest, { suppressed: true, reason: 'complementary' });
        changed = true;
        covered = nearestPublished(key);
        remainder = uncovered(key, covered);
      }
      if (remainder > 0 && remainder < k) {
        decisions.set(key, { suppressed: true, reason: 'complementary' });
        changed = true;
      }
    }
  }
  return decisions;
}

/** Up to 60 teams, deep or wide, many of them tiny, and some groups forced (a suppressed group's cells). */
const input = fc
  .array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 12 }), fc.boolean(), fc.nat()), {
    minLength: 1,
    maxLength: 60,
  })
  .map((rows) => {
    const teams: HierarchyNode[] = [];
    const counts: Record<string, number> = {};
    const forced = new Set<string>();
    rows.forEach(([parentPick, count, force, shape], index) => {
      const key = `t${index}`;
      // Mostly under the team just before (deep chains), sometimes anywhere above (wide levels).
      const parent =
        index === 0 || parentPick % 7 === 0
          ? null
          : shape % 2 === 0
            ? `t${index - 1}`
            : `t${parentPick % index}`;
      teams.push({ key, parentKey: parent });
      counts[key] = count % 3 === 0 ? 0 : count;
      if (force && shape % 5 === 0) forced.add(key);
    });
    return { teams, counts, forced };
  });

describe('deciding suppression by checking only what changed', () => {
  it('reaches exactly the decisions of checking every group in every pass', () => {
    fc.assert(
      fc.property(input, fc.integer({ min: 3, max: 7 }), ({ teams, counts, forced }, k) => {
        expect(decideSuppression(teams, counts, k, forced)).toEqual(everyPass(teams, counts, k, forced));
      }),
      { numRuns: 3000 },
    );
  });
});
