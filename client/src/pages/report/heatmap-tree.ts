import type { Group, Report } from './report-types.ts';

/** The organization's row in the sets below: its `teamKey` is null. */
export type RowKey = string | null;

/**
 * The heat map's rows as a tree a leader folds and unfolds: an organization of 10,000 teams is
 * read from the top down, a few levels at a time, not as 10,000 rows. Everything here walks the
 * report's rows in their order (depth first, each team after its parent) in one loop, however deep
 * the hierarchy: nothing recurses.
 */
export interface HeatmapTree {
  /** The organization's row, then every team's, in the report's order. */
  readonly all: readonly Group[];
  /** How many teams sit directly under each row. */
  readonly children: ReadonlyMap<RowKey, number>;
  /** How many teams sit anywhere under each row (its whole subtree but itself). */
  readonly descendants: ReadonlyMap<RowKey, number>;
}

export function heatmapTree(report: Pick<Report, 'organization' | 'groups'>): HeatmapTree {
  // A leader limited to one team's subtree gets that team's row with its own parent, which their
  // report does not have: the row hangs under the organization's, and levels count from it.
  const keys = new Set(report.groups.map((group) => group.teamKey));
  let top = Number.POSITIVE_INFINITY;
  for (const group of report.groups) if (!keys.has(group.parentKey)) top = Math.min(top, group.depth);
  const groups =
    top === 0 && report.groups.every((group) => group.parentKey === null || keys.has(group.parentKey))
      ? report.groups
      : report.groups.map((group) => ({
          ...group,
          parentKey: keys.has(group.parentKey) ? group.parentKey : null,
          depth: group.depth - top,
        }));
  const children = new Map<RowKey, number>();
  for (const group of groups) children.set(group.parentKey, (children.get(group.parentKey) ?? 0) + 1);
  // Depth first, each team after its parent: walked backwards, every subtree is summed before its root.
  const descendants = new Map<RowKey, number>();
  for (let i = groups.length - 1; i >= 0; i--) {
    const group = groups[i]!;
    const below = (descendants.get(group.teamKey) ?? 0) + 1;
    descendants.set(group.parentKey, (descendants.get(group.parentKey) ?? 0) + below);
  }
  return { all: [report.organization, ...groups], children, descendants };
}

/** The rows shown: the organization, and each team whose parent is shown and unfolded. */
export function visibleRows(tree: HeatmapTree, expanded: ReadonlySet<RowKey>): Group[] {
  const shown = new Set<RowKey>([null]);
  const rows: Group[] = [tree.all[0]!];
  for (const group of tree.all.slice(1)) {
    if (!shown.has(group.parentKey) || !expanded.has(group.parentKey)) continue;
    shown.add(group.teamKey);
    rows.push(group);
  }
  return rows;
}

/**
 * What is unfolded when the report opens: the organization, then whole levels one after another
 * while the rows shown stay within `rows` (all of a small organization; the organization and its
 * first levels of a large one).
 */
export function initialExpansion(tree: HeatmapTree, rows: number): Set<RowKey> {
  const perLevel: number[] = [];
  for (const group of tree.all.slice(1)) perLevel[group.depth] = (perLevel[group.depth] ?? 0) + 1;
  const expanded = new Set<RowKey>([null]);
  let shown = 1 + (perLevel[0] ?? 0);
  let level = 0;
  while (level + 1 < perLevel.length && shown + perLevel[level + 1]! <= rows) {
    shown += perLevel[level + 1]!;
    level++;
  }
  for (const group of tree.all.slice(1)) if (group.depth < level) expanded.add(group.teamKey);
  return expanded;
}

/** Folds a row that is unfolded, unfolds one that is folded. */
export function toggled(expanded: ReadonlySet<RowKey>, key: RowKey): Set<RowKey> {
  const next = new Set(expanded);
  if (next.has(key)) next.delete(key);
  else next.add(key);
  return next;
}

/** `expanded` with every row above `key` unfolded, so that its row is shown. */
export function revealed(tree: HeatmapTree, expanded: ReadonlySet<RowKey>, key: string): Set<RowKey> {
  const parentOf = new Map(tree.all.slice(1).map((group) => [group.teamKey, group.parentKey]));
  const next = new Set(expanded);
  let parent = parentOf.get(key);
  while (parent !== undefined) {
    next.add(parent);
    parent = parent === null ? undefined : parentOf.get(parent);
  }
  return next;
}

/** Lower case without accents, so "Operaciones" finds "operaciónes" and "Zürich" finds "zurich". */
const folded = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();

/** Teams whose name (or key) contains what was typed, names that start with it first. */
export function findTeams(tree: HeatmapTree, query: string, limit: number): Group[] {
  const wanted = folded(query.trim());
  if (wanted === '') return [];
  const starting: Group[] = [];
  const containing: Group[] = [];
  for (const group of tree.all.slice(1)) {
    const name = folded(group.name);
    if (name.startsWith(wanted)) starting.push(group);
    else if (name.includes(wanted) || folded(group.teamKey!).includes(wanted)) containing.push(group);
    if (starting.length >= limit) break;
  }
  return [...starting, ...containing].slice(0, limit);
}
