/**
 * The team hierarchy as a tree under the organization root, checked once: every parent
 * exists, no key repeats, no cycle. Scoring (rollup) and suppression walk the same tree.
 */

export interface HierarchyNode {
  key: string;
  /** null for teams directly under the organization. */
  parentKey: string | null;
}

/** The organization as a whole is a group like any other (R2); inside maps it has this key. */
export const ORGANIZATION = '';

/** Code-unit order, independent of the server's locale, so ties break the same everywhere (R3). */
export const compareKeys = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export interface HierarchyTree {
  /** ORGANIZATION first, then every team, parents before children, siblings in input order. */
  depthFirst: string[];
  /** Children of each group (ORGANIZATION included), in input order. */
  childrenOf: ReadonlyMap<string, readonly string[]>;
  parentOf: ReadonlyMap<string, string | null>;
  /** 0 for the organization, 1 for teams directly under it. */
  depthOf: ReadonlyMap<string, number>;
}

export function buildHierarchyTree(teams: readonly HierarchyNode[]): HierarchyTree {
  const childrenOf = new Map<string, string[]>([[ORGANIZATION, []]]);
  const parentOf = new Map<string, string | null>();
  for (const team of teams) {
    if (team.key === ORGANIZATION) throw new Error('A team key must not be empty');
    if (parentOf.has(team.key)) throw new Error(`Team ${team.key} is listed twice`);
    parentOf.set(team.key, team.parentKey);
    childrenOf.set(team.key, []);
  }
  for (const team of teams) {
    const siblings = childrenOf.get(team.parentKey ?? ORGANIZATION);
    if (!siblings) throw new Error(`Team ${team.key} has an unknown parent ${team.parentKey}`);
    siblings.push(team.key);
  }
  const depthFirst: string[] = [];
  const depthOf = new Map<string, number>();
  const visit = (key: string, depth: number) => {
    depthFirst.push(key);
    depthOf.set(key, depth);
    for (const child of childrenOf.get(key)!) visit(child, depth + 1);
  };
  visit(ORGANIZATION, 0);
  // A team on a cycle is never reached from the root.
  if (depthFirst.length !== teams.length + 1) throw new Error('The team hierarchy has a cycle');
  return { depthFirst, childrenOf, parentOf, depthOf };
}
