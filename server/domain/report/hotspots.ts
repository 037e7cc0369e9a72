import { byKey } from '../hierarchy/hierarchy.ts';
import type { Group, Hotspot, ReportDimension } from './report-types.ts';

/**
 * The team cells furthest below the organization, with what to do about them: only shown cells
 * have a delta, so a hotspot never points at a suppressed one. Ties are broken by code point, not
 * by the machine's locale, so every viewer and export gets the same list (R3).
 */
export function findHotspots(
  groups: readonly Group[],
  dimensions: readonly ReportDimension[],
  count: number,
): Hotspot[] {
  const recommendationsOf = new Map(dimensions.map((d) => [d.id, d.recommendations]));
  return groups
    .flatMap((group) =>
      Object.entries(group.dimensions)
        .filter(([, cell]) => cell !== null && cell.delta !== null && cell.delta < 0)
        .map(([dimension, cell]) => ({
          teamKey: group.teamKey!,
          teamName: group.name,
          dimension,
          score: cell!.score,
          delta: cell!.delta!,
          recommendations: recommendationsOf.get(dimension) ?? [],
        })),
    )
    .sort((a, b) => a.delta - b.delta || byKey(a.teamKey, b.teamKey) || byKey(a.dimension, b.dimension))
    .slice(0, count);
}
