import { byKey } from '../hierarchy/hierarchy.ts';
import type { Group, Hotspot, ReportDimension } from './report-types.ts';

/** How many hotspots a report, or any part of it a reader is sent, lists. */
export const HOTSPOTS = 5;

/** A hotspot without its recommendations, which are the dimension's. */
export type RankedCell = Omit<Hotspot, 'recommendations'>;

/**
 * Every shown team cell below the organization, weakest first, with each dimension's
 * recommendations: the hotspots of any part of the report are its first few within that part. A
 * leader limited to one department, or a slice of a large organization, gets the weakest spots of
 * what it is sent, not the whole organization's five cut to it (which left most departments with
 * none, their own weak spots unlisted).
 */
export interface HotspotRanking {
  cells: RankedCell[];
  recommendations: Map<string, string[]>;
}

/**
 * Only shown cells have a delta, so a hotspot never points at a suppressed one. Ties are broken by
 * code point, not by the machine's locale, so every viewer and export gets the same list (R3).
 */
export function rankHotspots(
  groups: readonly Group[],
  dimensions: readonly Pick<ReportDimension, 'id' | 'recommendations'>[],
): HotspotRanking {
  const cells = groups
    .flatMap((group) =>
      Object.entries(group.dimensions)
        .filter(([, cell]) => cell !== null && cell.delta !== null && cell.delta < 0)
        .map(([dimension, cell]) => ({
          teamKey: group.teamKey!,
          teamName: group.name,
          dimension,
          score: cell!.score,
          delta: cell!.delta!,
        })),
    )
    .sort((a, b) => a.delta - b.delta || byKey(a.teamKey, b.teamKey) || byKey(a.dimension, b.dimension));
  return { cells, recommendations: new Map(dimensions.map((d) => [d.id, d.recommendations])) };
}

/** The first `count` ranked cells whose team `inside` accepts, with what to do about them. */
export function hotspotsAmong(
  ranking: HotspotRanking,
  inside: (teamKey: string) => boolean,
  count = HOTSPOTS,
): Hotspot[] {
  const found: Hotspot[] = [];
  for (const cell of ranking.cells) {
    if (found.length === count) break;
    if (inside(cell.teamKey))
      found.push({ ...cell, recommendations: ranking.recommendations.get(cell.dimension) ?? [] });
  }
  return found;
}

/** The team cells furthest below the organization, with what to do about them. */
export function findHotspots(
  groups: readonly Group[],
  dimensions: readonly ReportDimension[],
  count = HOTSPOTS,
): Hotspot[] {
  return hotspotsAmong(rankHotspots(groups, dimensions), () => true, count);
}
