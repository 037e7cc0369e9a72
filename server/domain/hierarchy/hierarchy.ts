/**
 * The shape of an organization's teams, worked out once and read by suppression, reports, the
 * console and leader scopes, so no module rebuilds its own children or depth maps.
 *
 * A hierarchy is as deep as the customer's spreadsheet, so nothing here recurses: every walk
 * keeps its own stack or queue, and building is linear apart from sorting siblings by key.
 */

/** The organization as a whole is a group like any other; it has this key. */
export const ORGANIZATION = '';

export interface HierarchyNode {
  key: string;
  /** null for children of the organization root. */
  parentKey: string | null;
}

/** Orders keys by code point: the same on every machine, whatever its locale (R3). */
export const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export class Hierarchy {
  /** Each group's children in the order the teams were given. */
  readonly #givenChildren: Map<string, string[]>;
  /** Each group's children in key order (R3). */
  readonly #keyedChildren: Map<string, readonly string[]>;
  readonly #parent: Map<string, string>;
  /** 0 for the organization, 1 for a top-level team, 2 for its children, … */
  readonly #level: Map<string, number>;
  /** Every group, the organization first, then level by level and by key within a level (R3). */
  readonly canonical: readonly string[];
  /** Every team (not the organization), depth first, siblings in the order given. */
  readonly depthFirst: readonly string[];

  private constructor(teams: readonly HierarchyNode[]) {
    const givenChildren = new Map<string, string[]>([[ORGANIZATION, []]]);
    for (const team of teams) {
      if (team.key === ORGANIZATION || givenChildren.has(team.key))
        throw new Error(`team key "${team.key}" is empty or repeated`);
      givenChildren.set(team.key, []);
    }
    const parent = new Map<string, string>();
    for (const team of teams) {
      const parentKey = team.parentKey ?? ORGANIZATION;
      const siblings = givenChildren.get(parentKey);
      if (!siblings) throw new Error(`team "${team.key}" has an unknown parent "${parentKey}"`);
      siblings.push(team.key);
      parent.set(team.key, parentKey);
    }

    // Breadth first from the organization: every level is complete before the next starts, so
    // each level is sorted on its own. A team on a cycle is never reached from the organization.
    const level = new Map<string, number>([[ORGANIZATION, 0]]);
    const canonical = [ORGANIZATION];
    for (let depth = 1, row = givenChildren.get(ORGANIZATION)!; row.length > 0; depth++) {
      const sorted = [...row].sort(byKey);
      const next: string[] = [];
      for (const key of sorted) {
        level.set(key, depth);
        canonical.push(key);
        for (const child of givenChildren.get(key)!) next.push(child);
      }
      row = next;
    }
    if (canonical.length !== teams.length + 1) {
      const stuck = teams.find((team) => !level.has(team.key))!;
      throw new Error(`team "${stuck.key}" is on or below a cycle`);
    }

    const depthFirst: string[] = [];
    const stack = [...givenChildren.get(ORGANIZATION)!].reverse();
    while (stack.length > 0) {
      const key = stack.pop()!;
      depthFirst.push(key);
      const children = givenChildren.get(key)!;
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }

    this.#givenChildren = givenChildren;
    this.#keyedChildren = new Map(
      [...givenChildren].map(([key, children]) => [
        key,
        children.length > 1 ? [...children].sort(byKey) : children,
      ]),
    );
    this.#parent = parent;
    this.#level = level;
    this.canonical = Object.freeze(canonical);
    this.depthFirst = Object.freeze(depthFirst);
  }

  /**
   * Builds the hierarchy of a valid list of teams: keys unique and not empty, every parent among
   * them, no cycle (`validateTeams` refuses the others before they are stored). Throws otherwise.
   */
  static from(teams: readonly HierarchyNode[]): Hierarchy {
    return new Hierarchy(teams);
  }

  /** The organization or one of its teams. */
  has(key: string): boolean {
    return this.#level.has(key);
  }

  /** Teams only, not the organization. */
  get size(): number {
    return this.canonical.length - 1;
  }

  /** A group's children in key order (R3); none for a key not in the hierarchy. */
  children(key: string): readonly string[] {
    return this.#keyedChildren.get(key) ?? [];
  }

  /** A group's children in the order the teams were given. */
  childrenInGivenOrder(key: string): readonly string[] {
    return this.#givenChildren.get(key) ?? [];
  }

  /** The parent of a team (ORGANIZATION for a top-level team); null for the organization itself. */
  parent(key: string): string | null {
    return this.#parent.get(key) ?? null;
  }

  /** 0 for the organization, 1 for a top-level team, and so on: what the import limit counts. */
  level(key: string): number {
    const level = this.#level.get(key);
    if (level === undefined) throw new Error(`no team "${key}"`);
    return level;
  }

  /** Teams above this one as the console and reports show it: 0 for a top-level team (and the organization). */
  depth(key: string): number {
    return Math.max(0, this.level(key) - 1);
  }

  /** Every group, each after all of its descendants (the organization last): the order to roll up in. */
  bottomUp(): string[] {
    return [...this.canonical].reverse();
  }

  /** A group and everything below it, depth first, siblings in the order given; none for an unknown key. */
  subtree(key: string): string[] {
    if (!this.has(key)) return [];
    const keys: string[] = [];
    const stack = [key];
    while (stack.length > 0) {
      const current = stack.pop()!;
      keys.push(current);
      const children = this.#givenChildren.get(current)!;
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
    return keys;
  }

  /** The groups above a team, nearest first, ending with the organization; none for the organization. */
  ancestors(key: string): string[] {
    const keys: string[] = [];
    for (let current = this.#parent.get(key); current !== undefined; current = this.#parent.get(current))
      keys.push(current);
    return keys;
  }
}
