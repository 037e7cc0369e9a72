import type { Report } from './build-report.ts';

export interface ParticipationRow {
  teamKey: string;
  teamName: string;
  responses: number;
  headcount: number | null;
  /** responses / headcount, when the headcount is known. */
  rate: number | null;
}

/**
 * What a leader sees of a closed wave's participation: the groups its report publishes (already
 * cut to the leader's scope), each with the report's own n, never a count of a hidden group or a
 * team's direct count beside it (R1–R3). A group's headcount is that of its whole subtree, since
 * its n counts the whole subtree; unknown when any team in it has none.
 */
export function publishedParticipation(
  report: Pick<Report, 'groups'>,
  headcounts: ReadonlyMap<string, number | null>,
): ParticipationRow[] {
  // Groups come depth first, so walking backwards sums every subtree before its root is read.
  const subtree = new Map<string, number | null>();
  for (const group of report.groups) subtree.set(group.teamKey!, headcounts.get(group.teamKey!) ?? null);
  for (let i = report.groups.length - 1; i >= 0; i--) {
    const group = report.groups[i]!;
    if (group.parentKey === null || !subtree.has(group.parentKey)) continue;
    const own = subtree.get(group.teamKey!) ?? null;
    const parent = subtree.get(group.parentKey) ?? null;
    subtree.set(group.parentKey, own === null || parent === null ? null : parent + own);
  }
  return report.groups
    .filter((group) => !group.suppressed && group.n !== null)
    .map((group) => {
      const headcount = subtree.get(group.teamKey!) ?? null;
      return {
        teamKey: group.teamKey!,
        teamName: group.name,
        responses: group.n!,
        headcount,
        rate: headcount ? Math.min(1, group.n! / headcount) : null,
      };
    });
}
