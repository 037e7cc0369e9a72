import {
  buildHierarchyTree,
  compareKeys,
  type HierarchyNode,
  type HierarchyTree,
  ORGANIZATION,
} from './hierarchy-tree.ts';

export { type HierarchyNode, ORGANIZATION } from './hierarchy-tree.ts';

/**
 * Which groups of a hierarchy may publish figures for one kind of count (respondents, one
 * dimension's scores, one item's answers, or comments at their larger threshold), decided
 * once over the whole tree.
 *
 * Why R1 + R2 are enough: published groups form a tree (a laminar family), so every set an
 * attacker can derive by subtracting published groups from groups containing them and joining
 * disjoint ones is a union of "remainders" (a published group minus its nearest published
 * descendants). Each remainder is 0 or at least k, so every derivable set is 0 or at least k.
 */

export type SuppressionReason = 'below-threshold' | 'complementary';

export interface SuppressionDecision {
  suppressed: boolean;
  reason?: SuppressionReason;
}

/** Decisions for the organization (key ORGANIZATION) and every team. */
export type SuppressionDecisions = ReadonlyMap<string, SuppressionDecision>;

export function decideSuppression(
  teams: readonly HierarchyNode[] | HierarchyTree,
  /** Responses (or answers) attached DIRECTLY to each team; missing keys count 0. */
  direct: Readonly<Record<string, number>>,
  k: number,
  /** Groups already suppressed for another reason, e.g. the group of a cell (reason 'complementary'). */
  forced: ReadonlySet<string> = new Set(),
): Map<string, SuppressionDecision> {
  if (!Number.isInteger(k) || k < 1) throw new Error(`Threshold k must be a positive integer, got ${k}`);
  const tree = 'depthFirst' in teams ? teams : buildHierarchyTree(teams);
  const children = (key: string) => tree.childrenOf.get(key) ?? [];

  const size = new Map<string, number>();
  for (const key of [...tree.depthFirst].reverse()) {
    const own = key === ORGANIZATION ? 0 : (direct[key] ?? 0);
    size.set(
      key,
      children(key).reduce((sum, child) => sum + size.get(child)!, own),
    );
  }
  const sizeOf = (key: string) => size.get(key)!;

  // R3: a canonical visiting order (top down, then by key), so the decisions depend only on
  // the counts and the tree, never on how the teams happened to be listed.
  const order = [...tree.depthFirst].sort(
    (a, b) => tree.depthOf.get(a)! - tree.depthOf.get(b)! || compareKeys(a, b),
  );

  const decisions = new Map<string, SuppressionDecision>();
  for (const key of order) {
    // R1: fewer than k publishes nothing, not even n.
    if (sizeOf(key) < k) decisions.set(key, { suppressed: true, reason: 'below-threshold' });
    else if (forced.has(key)) decisions.set(key, { suppressed: true, reason: 'complementary' });
    else decisions.set(key, { suppressed: false });
  }
  const shown = (key: string) => !decisions.get(key)!.suppressed;

  /** Published children, and below a suppressed child, that child's nearest published descendants. */
  const nearestShown = (key: string): string[] =>
    children(key).flatMap((child) => (shown(child) ? [child] : nearestShown(child)));
  const remainderOf = (key: string, covered: readonly string[]) =>
    covered.reduce((rest, c) => rest - sizeOf(c), sizeOf(key));

  // R2: every published group's remainder must be 0 or at least k. Suppressing a descendant
  // changes only the remainder of its nearest published ancestor, so passes converge quickly.
  let changed = true;
  while (changed) {
    changed = false;
    for (const key of order) {
      if (!shown(key)) continue;
      let covered = nearestShown(key);
      let remainder = remainderOf(key, covered);
      while (remainder > 0 && remainder < k && covered.length > 0) {
        // Smallest first, ties by key (R3).
        const smallest = [...covered].sort((a, b) => sizeOf(a) - sizeOf(b) || compareKeys(a, b))[0]!;
        decisions.set(smallest, { suppressed: true, reason: 'complementary' });
        changed = true;
        covered = nearestShown(key);
        remainder = remainderOf(key, covered);
      }
      if (remainder > 0 && remainder < k) {
        // Unreachable while R1 holds (with nothing covered the remainder is the group, ≥ k),
        // kept so the rule stays true if R1 ever changes.
        decisions.set(key, { suppressed: true, reason: 'complementary' });
        changed = true;
      }
    }
  }
  return decisions;
}
