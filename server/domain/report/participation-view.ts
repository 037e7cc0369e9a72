import type { GroupOutline, Report } from './report-types.ts';

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
 * its n counts the whole subtree: the sum of the headcounts known in it, null when none is, by the
 * same rule as the consultant's progress view (server/domain/participation/progress.ts). Teams
 * the wave did not ask, kept in its tree only to hold it together, come with no headcount
 * (`headcountsOf`), so nobody counts people who were never asked.
 */
export function publishedParticipation(
  report: { groups: readonly GroupOutline[] },
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
    subtree.set(group.parentKey, own === null ? parent : parent === null ? own : parent + own);
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

/**
 * The one participation figure of a closed wave a leader's overview shows: the report's own n for
 * the leader's scope, over the headcount of that scope. Unscoped, that is the organization's n;
 * scoped, the row `publishedParticipation` gives the scope's team. Nothing here is counted anew,
 * so a suppressed scope shows no figure at all (R1–R3).
 */
export function publishedTotal(
  report: Pick<Report, 'organization'> & { groups: readonly GroupOutline[] },
  headcounts: ReadonlyMap<string, number | null>,
  teamScope: string | null,
): Omit<ParticipationRow, 'teamKey' | 'teamName'> | null {
  if (teamScope !== null) {
    const row = publishedParticipation(report, headcounts).find((r) => r.teamKey === teamScope);
    return row ? { responses: row.responses, headcount: row.headcount, rate: row.rate } : null;
  }
  const n = report.organization.n;
  if (report.organization.suppressed || n === null) return null;
  // Every team of the wave, suppressed or not: the organization's n counts them all. The known
  // headcounts, null when none is, as for a group above.
  let headcount: number | null = null;
  for (const group of report.groups) {
    const own = headcounts.get(group.teamKey!) ?? null;
    if (own !== null) headcount = (headcount ?? 0) + own;
  }
  return { responses: n, headcount, rate: headcount ? Math.min(1, n / headcount) : null };
}
