/**
 * Which groups of a hierarchy may publish figures for one kind of count (respondents, one
 * dimension's scores, one item's answers), decided once over the whole tree.
 *
 * R1: a group with fewer than k is suppressed.
 * R2: for every published group, the respondents not covered by its nearest published
 * descendants (its direct responses plus everything under suppressed children that no
 * published descendant covers) must number 0 or at least k. Otherwise the smallest nearest
 * published descendant is suppressed too, and again, until the remainder is 0 or ≥ k; if none
 * is left, the group itself is suppressed. This repeats until nothing changes.
 *
 * Why it is enough: published groups form a tree, so every set an attacker can derive by
 * subtracting and adding published groups is a union of these remainders; each is 0 or ≥ k.
 */

import { Hierarchy, type HierarchyNode } from '../hierarchy/hierarchy.ts';

// Where these lived before the hierarchy had its own module; kept so existing imports still work.
export { byKey, type HierarchyNode, ORGANIZATION } from '../hierarchy/hierarchy.ts';

export type SuppressionReason = 'below-threshold' | 'complementary';

export interface SuppressionDecision {
  suppressed: boolean;
  reason?: SuppressionReason;
}

const PUBLISHED: SuppressionDecision = Object.freeze({ suppressed: false });
const BELOW_THRESHOLD: SuppressionDecision = Object.freeze({ suppressed: true, reason: 'below-threshold' });
const COMPLEMENTARY: SuppressionDecision = Object.freeze({ suppressed: true, reason: 'complementary' });

export function decideSuppression(
  /** The hierarchy, or its teams (a hierarchy built once is cheaper when deciding many counts). */
  teams: Hierarchy | readonly HierarchyNode[],
  /** Respondents attached directly to each team (not its descendants); missing keys count 0. */
  direct: Readonly<Record<string, number>> | ReadonlyMap<string, number>,
  k: number,
  /** Groups already suppressed for another reason (a cell of a suppressed group). */
  forced: ReadonlySet<string> = new Set(),
  /**
   * Whether a group of none may stand: for a count of people that something published could be
   * narrowed down to, where none means nothing to find (`decideReportSuppression`).
   */
  { noneStands = false }: { noneStands?: boolean } = {},
): Map<string, SuppressionDecision> {
  const hierarchy = teams instanceof Hierarchy ? teams : Hierarchy.from(teams);
  // Every group in the canonical order: the organization first, top down, by key (R3).
  const groups = hierarchy.canonical;

  const directOf =
    direct instanceof Map
      ? (key: string) => direct.get(key) ?? 0
      : (key: string) => (direct as Readonly<Record<string, number>>)[key] ?? 0;
  // Totals bottom up, children before parents, so no walk needs a call stack as deep as the tree.
  const total = new Map<string, number>();
  for (let i = groups.length - 1; i >= 0; i--) {
    const key = groups[i]!;
    let size = directOf(key);
    for (const child of hierarchy.children(key)) size += total.get(child)!;
    total.set(key, size);
  }
  const sizeOf = (key: string) => total.get(key)!;

  const decisions = new Map<string, SuppressionDecision>();
  for (const key of groups) {
    if (sizeOf(key) < k && !(noneStands && sizeOf(key) === 0)) decisions.set(key, BELOW_THRESHOLD);
    else if (forced.has(key)) decisions.set(key, COMPLEMENTARY);
    else decisions.set(key, PUBLISHED);
  }
  const published = (key: string) => !decisions.get(key)!.suppressed;

  /** The nearest published descendants of a group: published children, and below suppressed ones. */
  const nearestPublished = (key: string): string[] => {
    const found: string[] = [];
    // Children pushed in reverse so they come off the stack in key order, as a recursive walk would.
    const stack = [...hierarchy.children(key)].reverse();
    while (stack.length > 0) {
      const child = stack.pop()!;
      if (published(child)) {
        found.push(child);
        continue;
      }
      const below = hierarchy.children(child);
      for (let i = below.length - 1; i >= 0; i--) stack.push(below[i]!);
    }
    return found;
  };
  const uncovered = (key: string, covered: string[]) =>
    covered.reduce((remainder, c) => remainder - sizeOf(c), sizeOf(key));

  // A group's check reads only the decisions below it, and a group that passed its check passes it
  // again until one of those changes. So a pass checks a group only if something below it changed
  // since its last check (every group, the first time), when the pass reaches it: the checks that
  // checking every group in every pass would make, in the same order, so the same decisions (R3),
  // without reading 10,000 groups again for each of the passes a large hierarchy can need.
  const dirty = new Set(groups);
  const suppress = (key: string) => {
    decisions.set(key, COMPLEMENTARY);
    for (const above of hierarchy.ancestors(key)) dirty.add(above);
  };
  while (dirty.size > 0) {
    for (const key of groups) {
      if (!dirty.delete(key) || !published(key)) continue;
      // Hiding a descendant of none would add nothing to the remainder, so none is chosen.
      const candidates = (found: string[]) => (noneStands ? found.filter((c) => sizeOf(c) > 0) : found);
      let covered = nearestPublished(key);
      let remainder = uncovered(key, covered);
      while (remainder > 0 && remainder < k && candidates(covered).length > 0) {
        // Suppress the smallest nearest published descendant (ties by key, so it is deterministic: R3).
        const smallest = candidates(covered).reduce((a, b) =>
          sizeOf(b) < sizeOf(a) || (sizeOf(b) === sizeOf(a) && b < a) ? b : a,
        );
        suppress(smallest);
        covered = nearestPublished(key);
        remainder = uncovered(key, covered);
      }
      if (remainder > 0 && remainder < k) suppress(key);
    }
  }
  return decisions;
}
