import { byKey } from '../hierarchy/hierarchy.ts';
import type { Group, Hotspot, ReportDimension } from './report-types.ts';

/** How many hotspots a report, or any part of it a reader is sent, lists. */
export const HOTSPOTS = 5;

/**
 * Every shown team cell of a trust dimension below the organization, weakest first: the hotspots
 * of any part of the report are its first few within that part. The outcome dimension (execution)
 * is what trust drives, not a part of trust: the list is "where trust is weakest", and a weak
 * execution is a symptom whose cause is one of the trust dimensions (docs/scoring.md). A leader
 * limited to one department, or a slice of a large organization, gets the weakest spots of what
 * it is sent, not the whole organization's five cut to it (which left most departments with none,
 * their own weak spots unlisted).
 *
 * Numbers, not objects: the report thread hands it over without a copy, where some 30,000 cells of
 * an organization of 10,000 teams as objects took the event loop tens of milliseconds to decode.
 */
export interface HotspotRanking {
  /** Each cell's group, as its index among the report's groups. */
  group: Uint32Array;
  /** Each cell's dimension, as its index among `dimensions`. */
  dimension: Uint16Array;
  score: Float64Array;
  delta: Float64Array;
  dimensions: Pick<ReportDimension, 'id' | 'recommendations'>[];
}

/**
 * Only shown cells have a delta, so a hotspot never points at a suppressed one. Ties are broken by
 * code point, not by the machine's locale, so every viewer and export gets the same list (R3).
 * Every ranking is made here, so a leader's part and a slice leave the outcome out as the whole
 * report does.
 */
export function rankHotspots(
  groups: readonly Group[],
  dimensions: readonly Pick<ReportDimension, 'id' | 'recommendations' | 'outcome'>[],
): HotspotRanking {
  const dimensionIndex = new Map(dimensions.map((d, i) => [d.id, i]));
  const outcome = new Set(dimensions.filter((d) => d.outcome).map((d) => d.id));
  const below = groups
    .flatMap((group, index) =>
      Object.entries(group.dimensions)
        .filter(
          ([dimension, cell]) =>
            !outcome.has(dimension) && cell !== null && cell.delta !== null && cell.delta < 0,
        )
        .map(([dimension, cell]) => ({ index, teamKey: group.teamKey!, dimension, cell: cell! })),
    )
    .sort(
      (a, b) =>
        a.cell.delta! - b.cell.delta! || byKey(a.teamKey, b.teamKey) || byKey(a.dimension, b.dimension),
    );
  // A cell of a dimension the report does not list has no recommendations: it ranks all the same.
  const listed = dimensions.map(({ id, recommendations }) => ({ id, recommendations }));
  for (const { dimension } of below)
    if (!dimensionIndex.has(dimension)) {
      dimensionIndex.set(dimension, listed.length);
      listed.push({ id: dimension, recommendations: [] });
    }
  return {
    group: Uint32Array.from(below, (cell) => cell.index),
    dimension: Uint16Array.from(below, (cell) => dimensionIndex.get(cell.dimension)!),
    score: Float64Array.from(below, (cell) => cell.cell.score),
    delta: Float64Array.from(below, (cell) => cell.cell.delta!),
    dimensions: listed,
  };
}

/**
 * The first `count` ranked cells whose team `inside` accepts, with what to do about them; `groups`
 * are the report's groups the ranking was made from, or their outlines, in their order.
 */
export function hotspotsAmong(
  ranking: HotspotRanking,
  groups: readonly { teamKey: string | null; name: string }[],
  inside: (teamKey: string) => boolean,
  count = HOTSPOTS,
): Hotspot[] {
  const found: Hotspot[] = [];
  for (let i = 0; i < ranking.group.length && found.length < count; i++) {
    const group = groups[ranking.group[i]!]!;
    if (!inside(group.teamKey!)) continue;
    const dimension = ranking.dimensions[ranking.dimension[i]!]!;
    found.push({
      teamKey: group.teamKey!,
      teamName: group.name,
      dimension: dimension.id,
      score: ranking.score[i]!,
      delta: ranking.delta[i]!,
      recommendations: dimension.recommendations,
    });
  }
  return found;
}

/** The team cells of trust dimensions furthest below the organization, with what to do about them. */
export function findHotspots(
  groups: readonly Group[],
  dimensions: readonly ReportDimension[],
  count = HOTSPOTS,
): Hotspot[] {
  return hotspotsAmong(rankHotspots(groups, dimensions), groups, () => true, count);
}
