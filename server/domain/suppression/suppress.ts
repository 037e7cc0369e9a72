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

export interface HierarchyNode {
  key: string;
  /** null for children of the organization root. */
  parentKey: string | null;
}

export type SuppressionReason = 'below-threshold' | 'complementary';

export interface SuppressionDecision {
  suppressed: boolean;
  reason?: SuppressionReason;
}

/** The organization as a whole is a group like any other; it has this key. */
export const ORGANIZATION = '';

export function decideSuppression(
  teams: HierarchyNode[],
  direct: Record<string, number>,
  k: number,
  /** Groups already suppressed for another reason (a cell of a suppressed group). */
  forced: ReadonlySet<string> = new Set(),
): Map<string, SuppressionDecision> {
  const children = new Map<string, string[]>([[ORGANIZATION, []]]);
  for (const team of teams) children.set(team.key, []);
  for (const team of teams) children.get(team.parentKey ?? ORGANIZATION)!.push(team.key);
  for (const list of children.values()) list.sort();

  const total = new Map<string, number>();
  const sizeOf = (key: string): number => {
    const known = total.get(key);
    if (known !== undefined) return known;
    const size =
      (direct[key] ?? 0) + (children.get(key) ?? []).reduce((sum, child) => sum + sizeOf(child), 0);
    total.set(key, size);
    return size;
  };
  // A canonical order (top down, then by key), so the decisions never depend on how the
  // teams happened to be listed (R3).
  const depth = new Map<string, number>();
  const parentOf = new Map(teams.map((t) => [t.key, t.parentKey]));
  const depthOf = (key: string): number => {
    const known = depth.get(key);
    if (known !== undefined) return known;
    const parent = parentOf.get(key) ?? null;
    const value = parent === null ? 1 : depthOf(parent) + 1;
    depth.set(key, value);
    return value;
  };
  const groups = [
    ORGANIZATION,
    ...teams.map((t) => t.key).sort((a, b) => depthOf(a) - depthOf(b) || a.localeCompare(b)),
  ];

  const decisions = new Map<string, SuppressionDecision>();
  for (const key of groups) {
    if (sizeOf(key) < k) decisions.set(key, { suppressed: true, reason: 'below-threshold' });
    else if (forced.has(key)) decisions.set(key, { suppressed: true, reason: 'complementary' });
    else decisions.set(key, { suppressed: false });
  }
  const published = (key: string) => !decisions.get(key)!.suppressed;

  /** The nearest published descendants of a group: published children, and below suppressed ones. */
  const nearestPublished = (key: string): string[] =>
    (children.get(key) ?? []).flatMap((child) => (published(child) ? [child] : nearestPublished(child)));

  let changed = true;
  while (changed) {
    changed = false;
    for (const key of groups) {
      if (!published(key)) continue;
      let covered = nearestPublished(key);
      let remainder = sizeOf(key) - covered.reduce((sum, c) => sum + sizeOf(c), 0);
      while (remainder > 0 && remainder < k && covered.length > 0) {
        // Suppress the smallest nearest published descendant (ties by key, so it is deterministic: R3).
        const smallest = [...covered].sort((a, b) => sizeOf(a) - sizeOf(b) || a.localeCompare(b))[0]!;
        decisions.set(smallest, { suppressed: true, reason: 'complementary' });
        changed = true;
        covered = nearestPublished(key);
        remainder = sizeOf(key) - covered.reduce((sum, c) => sum + sizeOf(c), 0);
      }
      if (remainder > 0 && remainder < k) {
        decisions.set(key, { suppressed: true, reason: 'complementary' });
        changed = true;
      }
    }
  }
  return decisions;
}
