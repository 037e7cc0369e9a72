import { compareKeys } from '../suppression/hierarchy-tree.ts';
import type { Group } from './report-types.ts';

/** A shown team × dimension cell below the organization; the caller attaches recommendations by dimension id. */
export interface Hotspot {
  teamKey: string;
  teamName: string;
  dimension: string;
  score: number;
  delta: number;
}

/** The shown cells furthest below the organization (most negative delta), the organization row excluded. */
export function findHotspots(groups: readonly Group[], count: number): Hotspot[] {
  const hotspots: Hotspot[] = [];
  for (const group of groups) {
    if (group.teamKey === null) continue;
    for (const [dimension, cell] of Object.entries(group.dimensions)) {
      if (cell && cell.delta < 0)
        hotspots.push({
          teamKey: group.teamKey,
          teamName: group.name,
          dimension,
          score: cell.score,
          delta: cell.delta,
        });
    }
  }
  return hotspots
    .sort(
      (a, b) =>
        a.delta - b.delta || compareKeys(a.teamKey, b.teamKey) || compareKeys(a.dimension, b.dimension),
    )
    .slice(0, Math.max(0, count));
}
