import type { HierarchyTree } from '../suppression/hierarchy-tree.ts';
import { emptyTeamAggregates } from './aggregate-responses.ts';
import type { ScoredDimension, ScoredItem, TeamAggregates } from './aggregate-types.ts';
import { addMoments } from './moments.ts';

function addTeam(target: TeamAggregates, source: TeamAggregates): void {
  target.respondents += source.respondents;
  for (const [id, m] of Object.entries(source.items)) if (target.items[id]) addMoments(target.items[id], m);
  for (const [id, m] of Object.entries(source.dimensions))
    if (target.dimensions[id]) addMoments(target.dimensions[id], m);
}

/**
 * Every group's sums: its own direct sums plus its descendants', by addition alone. The
 * organization (ORGANIZATION key) is the sum of every team. A team absent from `teams`
 * contributes nothing; ids absent from `items`/`dimensions` are ignored.
 */
export function rollUp(
  tree: HierarchyTree,
  teams: Readonly<Record<string, TeamAggregates>>,
  items: readonly ScoredItem[],
  dimensions: readonly ScoredDimension[],
): Map<string, TeamAggregates> {
  const groups = new Map<string, TeamAggregates>();
  for (const key of [...tree.depthFirst].reverse()) {
    const group = emptyTeamAggregates(items, dimensions);
    const own = teams[key];
    if (own) addTeam(group, own);
    for (const child of tree.childrenOf.get(key) ?? []) addTeam(group, groups.get(child)!);
    groups.set(key, group);
  }
  return groups;
}
