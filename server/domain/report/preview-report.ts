import type { Group, Report } from './build-report.ts';

/**
 * What a consultant may see of a wave that is still open (R6): how many answered in each group and
 * which groups will be shown when it closes, but no figure.
 *
 * Figures of an open wave move with every response, so two honest reports a few minutes apart
 * differ by exactly the people who answered in between: a team at 7 respondents and mean 3.2 that
 * shows 8 and 3.3 later has just published one person's answer (8 × 3.3 − 7 × 3.2 = 4.0). No
 * threshold on each report prevents that, and each closed report would combine with every earlier
 * preview the same way. So figures wait for the close, when they are computed once (R3).
 * Counts stay: consultants follow participation per team while a wave runs anyway.
 */
export function withoutFigures(report: Report): Report {
  const countsOnly = (group: Group): Group => ({
    ...group,
    trustIndex: null,
    dimensions: Object.fromEntries(Object.keys(group.dimensions).map((id) => [id, null])),
    ...(group.items ? { items: Object.fromEntries(Object.keys(group.items).map((id) => [id, null])) } : {}),
  });
  return {
    ...report,
    organization: countsOnly(report.organization),
    groups: report.groups.map(countsOnly),
    hotspots: [],
    drivers: [],
    reliability: {},
    comments: [],
  };
}
