import { Hierarchy, ORGANIZATION } from '../hierarchy/hierarchy.ts';
import type { Report } from './build-report.ts';
import { type HotspotRanking, hotspotsAmong } from './hotspots.ts';

/** The most levels below its root a slice can reach: the deepest hierarchy the import takes. */
export const MAX_SLICE_DEPTH = 32;

export interface ReportSlice {
  /** The team the slice starts from; null for the organization. */
  root: string | null;
  /** Levels below the root: 0 is the root alone, 1 adds its children, and so on. */
  depth: number;
  /** A leader's subtree: a root outside it is as unknown as a root that does not exist. */
  within?: string | null;
}

/**
 * Part of a wave's report by hierarchy level, for organizations whose whole report is too large
 * to send at once: the organization row, then `root` and its descendants down to `depth` levels
 * below it, with the hotspots of that subtree (the weakest of its cells in `ranking`, sent or
 * not) and the comments of the groups sent. Every row is the
 * full report's own, cut from it and never worked out again, so a slice carries exactly the
 * suppression decisions of the whole publication (R3); a group hidden there is hidden here, and
 * no slice shows what the whole report does not. Answers null for a root the report does not have
 * (or that lies outside `within`); with no root, a `within` the report does not have gets the
 * organization's row alone, as `scopeReport` gives it.
 */
export function sliceReport<R extends Sliceable>(
  report: R,
  slice: ReportSlice,
  ranking: HotspotRanking,
): R | null {
  const hierarchy = Hierarchy.from(
    report.groups.map((group) => ({ key: group.teamKey!, parentKey: group.parentKey })),
  );
  // A leader whose team the report does not have (it joined the organization after the wave
  // closed, or was left out of the wave) sees what their scoped report shows: the organization's row.
  if (slice.root === null && slice.within != null && !hierarchy.has(slice.within))
    return { ...report, groups: [], hotspots: [], comments: [] };
  const root = slice.root ?? slice.within ?? ORGANIZATION;
  if (!hierarchy.has(root)) return null;
  if (slice.within != null && root !== slice.within && !hierarchy.ancestors(root).includes(slice.within))
    return null;
  const deepest = hierarchy.level(root) + slice.depth;
  const inSubtree = new Set(hierarchy.subtree(root));
  const sent = new Set([...inSubtree].filter((key) => hierarchy.level(key) <= deepest));
  const teamSent = (key: string | null) => (key === null ? root === ORGANIZATION : sent.has(key));
  return {
    ...report,
    groups: report.groups.filter((group) => sent.has(group.teamKey!)),
    hotspots: hotspotsAmong(ranking, report.groups, (key) => inSubtree.has(key)),
    // The organization's comments include every department's: sent only with the organization as root.
    comments: report.comments.filter((block) => teamSent(block.teamKey)),
  };
}

/** What a slice is cut from: a report, or one whose groups are only their places in the tree. */
export type Sliceable = Pick<Report, 'hotspots' | 'comments'> & {
  groups: readonly { teamKey: string | null; parentKey: string | null; name: string }[];
};
