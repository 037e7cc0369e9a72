import { ORGANIZATION } from '../hierarchy/hierarchy.ts';
import type { Decisions } from './report-suppression.ts';
import type { Report, ReportTeam } from './report-types.ts';
import type { RolledUp } from './roll-up.ts';
import { contentOrder } from './shuffle.ts';

/** R5: the fewest respondents a group needs before its comments are shown. */
export const commentThreshold = (k: number) => Math.max(10, 2 * k);

/**
 * The comments of every group allowed to show them (R5), the organization first and then the
 * teams in report order, each group's in an order that keeps nothing of the team or the moment
 * each came from, the same for every viewer (`contentOrder`, R3).
 */
export function commentGroups(options: {
  teams: readonly ReportTeam[];
  organizationName: string;
  sums: RolledUp;
  decisions: Decisions;
}): Report['comments'] {
  const { sums, decisions } = options;
  const nameOf = new Map(options.teams.map((team) => [team.key, team.name]));
  return [ORGANIZATION, ...options.teams.map((team) => team.key)]
    .filter((key) => !decisions.get(key)!.suppressed && sums.comments(key).length > 0)
    .map((key) => ({
      teamKey: key === ORGANIZATION ? null : key,
      name: key === ORGANIZATION ? options.organizationName : nameOf.get(key)!,
      comments: contentOrder(sums.comments(key)),
    }));
}
