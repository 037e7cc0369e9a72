import { Hierarchy } from '../hierarchy/hierarchy.ts';
import { type HotspotRanking, hotspotsAmong } from './hotspots.ts';
import type { Sliceable } from './slice-report.ts';

/**
 * What a leader limited to one team's subtree sees: the organization row and that subtree,
 * cut from the one report of the wave, never recomputed (R3), with the weakest spots of that
 * subtree in `ranking` as its hotspots.
 */
export function scopeReport<R extends Sliceable>(report: R, teamKey: string, ranking: HotspotRanking): R {
  const hierarchy = Hierarchy.from(
    report.groups.map((group) => ({ key: group.teamKey!, parentKey: group.parentKey })),
  );
  const visible = new Set(hierarchy.subtree(teamKey));
  return {
    ...report,
    groups: report.groups.filter((g) => g.teamKey !== null && visible.has(g.teamKey)),
    hotspots: hotspotsAmong(ranking, report.groups, (key) => visible.has(key)),
    // The organization's comments include those written in other departments: a leader limited to
    // a subtree reads only the comments of groups inside it.
    comments: report.comments.filter((c) => c.teamKey !== null && visible.has(c.teamKey)),
  };
}
