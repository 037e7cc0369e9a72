import type { Report } from './report-types.ts';

/**
 * What a leader limited to one team's subtree sees: the organization row and that subtree, cut
 * from the wave's one report, never recomputed, so it holds a subset of the same decisions (R3).
 * Throws when the team is not in the report.
 */
export function scopeReport(report: Report, teamKey: string): Report {
  if (!report.groups.some((g) => g.teamKey === teamKey))
    throw new RangeError(`Team ${teamKey} is not in this report`);
  const visible = new Set<string>([teamKey]);
  // Groups are depth first, so a parent is always met before its children.
  for (const group of report.groups)
    if (group.teamKey !== null && group.parentKey !== null && visible.has(group.parentKey))
      visible.add(group.teamKey);
  return {
    ...report,
    groups: report.groups.filter((g) => g.teamKey !== null && visible.has(g.teamKey)),
    hotspots: report.hotspots.filter((h) => visible.has(h.teamKey)),
    comments: report.comments.filter((c) => c.teamKey === null || visible.has(c.teamKey)),
  };
}
