import type { PublishedFigures, PublishedGroup } from '../report/published-figures.ts';
import type { Figure } from './action-types.ts';

/**
 * One cell of a wave's publication, read the way actions need it:
 * - `undefined`: the wave did not ask this dimension, or has no such team;
 * - `null`: the cell exists but the wave hides it (R1, R2);
 * - a figure: what the report shows, score, n and interval.
 * Figures frozen before `n` was kept must be completed first (see `publishedFiguresWithCounts`).
 */
export function cellFigure(
  figures: PublishedFigures,
  teamKey: string | null,
  dimension: string,
): Figure | null | undefined {
  if (!Object.hasOwn(figures.organization.dimensions, dimension)) return undefined;
  const group: PublishedGroup | undefined =
    teamKey === null ? figures.organization : figures.groups.find((g) => g.teamKey === teamKey);
  if (!group) return undefined;
  const cell = group.dimensions[dimension];
  if (!cell) return null;
  if (cell.n === undefined) throw new Error('published figures without respondent counts');
  return { score: cell.score, n: cell.n, ci95: [cell.ci95[0], cell.ci95[1]] };
}

/** Whether every shown cell carries its n: false only for snapshots frozen before actions. */
export function hasCounts(figures: PublishedFigures): boolean {
  return [figures.organization, ...figures.groups].every((group) =>
    Object.values(group.dimensions).every((cell) => cell === null || cell.n !== undefined),
  );
}
