import type { Cell } from '../scoring/cells.ts';
import type { Group, Report } from './build-report.ts';

/**
 * What later waves need of a shown cell: its score and interval for trends, and its respondents
 * for an action's baseline and outcome. `n` is absent from snapshots frozen before actions
 * existed; trends never read it.
 */
export type PublishedCell = Pick<Cell, 'score' | 'ci95'> & { n?: number };

export interface PublishedGroup {
  teamKey: string | null;
  dimensions: Record<string, PublishedCell | null>;
  items?: Record<string, PublishedCell | null>;
}

/** The figures a closed wave published, as trends compare against them (a report fits too). */
export interface PublishedFigures {
  organization: PublishedGroup;
  groups: PublishedGroup[];
}

const pick = (cells: Record<string, Cell | null>) =>
  Object.fromEntries(
    Object.entries(cells).map(([id, cell]) => [
      id,
      cell && { score: cell.score, n: cell.n, ci95: cell.ci95 },
    ]),
  );

/** What later waves read of one group: every shown cell's score, n and interval, suppressed cells as null. */
export const publishedGroup = (g: Group): PublishedGroup => ({
  teamKey: g.teamKey,
  dimensions: pick(g.dimensions),
  ...(g.items ? { items: pick(g.items) } : {}),
});

/** Keeps only what later waves read of a report (`publishedGroup`). */
export function publishedFigures(report: Report): PublishedFigures {
  return { organization: publishedGroup(report.organization), groups: report.groups.map(publishedGroup) };
}
