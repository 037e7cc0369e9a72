import type { Cell } from '../scoring/cells.ts';
import type { Report } from './build-report.ts';

/** What a later wave's trends need of a cell: its score and interval, if it was shown. */
export type PublishedCell = Pick<Cell, 'score' | 'ci95'>;

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
    Object.entries(cells).map(([id, cell]) => [id, cell && { score: cell.score, ci95: cell.ci95 }]),
  );

/** Keeps only what trends read: every shown cell's score and interval, suppressed cells as null. */
export function publishedFigures(report: Report): PublishedFigures {
  const group = (g: Report['organization']): PublishedGroup => ({
    teamKey: g.teamKey,
    dimensions: pick(g.dimensions),
    ...(g.items ? { items: pick(g.items) } : {}),
  });
  return { organization: group(report.organization), groups: report.groups.map(group) };
}
