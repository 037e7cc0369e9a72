import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { loadFrozenTeams } from '../db/wave-aggregates.ts';
import { previousClosedWave, type WaveRecord } from '../db/waves.ts';
import { actionInScope } from '../domain/actions/action-scope.ts';
import { Hierarchy } from '../domain/hierarchy/hierarchy.ts';
import type { Group } from '../domain/report/report-types.ts';
import type { Cell } from '../domain/scoring/cells.ts';

/**
 * Which teams' trends a leader limited to `scope` may read in `wave`'s report: a trend hands over
 * the team's score in the previous wave, and that is theirs to read only where that wave's report
 * showed them the team, over the tree frozen at its close, as actions judge their baselines
 * (server/actions/action-visibility.ts). A team moved into their part since keeps its figures of
 * this wave and loses its trend. Null: every trend may be read (no previous wave, or no scope).
 */
export async function trendsReadable(
  db: Kysely<Database>,
  wave: WaveRecord,
  scope: string | null,
): Promise<((teamKey: string) => boolean) | null> {
  if (scope === null) return null;
  const before = await previousClosedWave(db, wave);
  if (!before) return null;
  const teams = await loadFrozenTeams(db, before.id);
  // A wave frozen before trees were kept showed no trend of its own teams' places: none is read.
  if (!teams) return () => false;
  const tree = Hierarchy.from(teams);
  return (teamKey) => actionInScope(tree, scope, teamKey);
}

const untrended = (cells: Record<string, Cell | null>): Record<string, Cell | null> =>
  Object.fromEntries(
    Object.entries(cells).map(([id, cell]) => {
      if (!cell?.trend) return [id, cell];
      const { trend: _, ...rest } = cell;
      return [id, rest];
    }),
  );

/** `report` with the trends of the teams `readable` refuses taken out of their cells. */
export function withReadableTrends<R extends { groups: readonly Group[] }>(
  report: R,
  readable: ((teamKey: string) => boolean) | null,
): R {
  if (!readable) return report;
  return {
    ...report,
    groups: report.groups.map((group) =>
      group.teamKey === null || readable(group.teamKey)
        ? group
        : {
            ...group,
            dimensions: untrended(group.dimensions),
            ...(group.items ? { items: untrended(group.items) } : {}),
          },
    ),
  };
}
