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

const PUBLISHED: SuppressionDecision = Object.freeze({ suppressed: false });
const BELOW_THRESHOLD: SuppressionDecision = Object.freeze({ suppressed: true, reason: 'below-threshold' });
const COMPLEMENTARY: SuppressionDecision = Object.freeze({ suppressed: true, reason: 'complementary' });

/** Orders keys by code point: the same on every machine, whatever its locale (R3). */
export const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface Hierarchy {
  /** Each group's children, in key order. */
  children: Map<string, string[]>;
  /** Every group, the organization first, then top down and by key within a level (R3). */
  canonical: string[];
}

// A report decides suppression for many kinds of count over the same teams; the tree is the same
// for all of them, so it is worked out once per list of teams.
const hierarchies = new WeakMap<readonly HierarchyNode[], Hierarchy>();

function hierarchyOf(teams: readonly HierarchyNode[]): Hierarchy {
  const known = hierarchies.get(teams);
  if (known) return known;
  const children = new Map<string, string[]>([[ORGANIZATION, []]]);
  for (const team of teams) children.set(team.key, []);
  for (const team of teams) children.get(team.parentKey ?? ORGANIZATION)!.push(team.key);
  for (const list of children.values()) list.sort(byKey);
  // Breadth first from the organization, each level's keys sorted: top down, then by key.
  const canonical = [ORGANIZATION];
  for (let level = children.get(ORGANIZATION)!; level.length > 0; ) {
    const sorted = [...level].sort(byKey);
    canonical.push(...sorted);
    level = sorted.flatMap((key) => children.get(key)!);
  }
  const hierarchy = { children, canonical };
  hierarchies.set(teams, hierarchy);
  return hierarchy;
}

export function decideSuppression(
  teams: readonly HierarchyNode[],
  /** Respondents attached directly to each team (not its descendants); missing keys count 0. */
  direct: Readonly<Record<string, number>> | ReadonlyMap<string, number>,
  k: number,
  /** Groups already suppressed for another reason (a cell of a suppressed group). */
  forced: ReadonlySet<string> = new Set(),
): Map<string, SuppressionDecision> {
  const { children, canonical: groups } = hierarchyOf(teams);

  const directOf =
    direct instanceof Map
      ? (key: string) => direct.get(key) ?? 0
      : (key: string) => (direct as Readonly<Record<string, number>>)[key] ?? 0;
  const total = new Map<string, number>();
  const sizeOf = (key: string): number => {
    const known = total.get(key);
    if (known !== undefined) return known;
    let size = directOf(key);
    for (const child of children.get(key)!) size += sizeOf(child);
    total.set(key, size);
    return size;
  };

  const decisions = new Map<string, SuppressionDecision>();
  for (const key of groups) {
    if (sizeOf(key) < k) decisions.set(key, BELOW_THRESHOLD);
    else if (forced.has(key)) decisions.set(key, COMPLEMENTARY);
    else decisions.set(key, PUBLISHED);
  }
  const published = (key: string) => !decisions.get(key)!.suppressed;

  /** The nearest published descendants of a group: published children, and below suppressed ones. */
  const nearestPublished = (key: string, into: string[] = []): string[] => {
    for (const child of children.get(key)!) {
      if (published(child)) into.push(child);
      else nearestPublished(child, into);
    }
    return into;
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
        // Suppress the smallest nearest published descendant (ties by key, so it is deterministic: R3).
        const smallest = covered.reduce((a, b) =>
          sizeOf(b) < sizeOf(a) || (sizeOf(b) === sizeOf(a) && b < a) ? b : a,
        );
        decisions.set(smallest, COMPLEMENTARY);
        changed = true;
        covered = nearestPublished(key);
        remainder = uncovered(key, covered);
      }
      if (remainder > 0 && remainder < k) {
        decisions.set(key, COMPLEMENTARY);
        changed = true;
      }
    }
  }
  return decisions;
}
