import { Hierarchy, ORGANIZATION } from '../hierarchy/hierarchy.ts';
import { decideSuppression } from '../suppression/suppress.ts';
import type { Group, Report, ReportTeam } from './build-report.ts';

export interface PreviewInput {
  organizationName: string;
  /** The wave's teams, depth first (a parent before its children). */
  teams: ReportTeam[];
  /** Respondents attached directly to each team; missing keys count 0. */
  respondents: ReadonlyMap<string, number>;
  k: number;
  dimensions: { id: string; name: string; outcome: boolean }[];
  /** Item ids when item detail is asked for, so the preview has the report's shape. */
  items: string[] | null;
}

/**
 * What a consultant may see of a wave that is still open (R6): how many answered in each group and
 * which groups will be shown when it closes, but no figure.
 *
 * Figures of an open wave move with every response, so two honest reports a few minutes apart
 * differ by exactly the people who answered in between: a team at 7 respondents and mean 3.2 that
 * shows 8 and 3.3 later has just published one person's answer (8 × 3.3 − 7 × 3.2 = 4.0). No
 * threshold on each report prevents that, and each closed report would combine with every earlier
 * preview the same way. So figures wait for the close, when they are computed once (R3).
 *
 * Only counts are needed, so the preview is built from a count per team and the same group
 * decision the report will take (R1, R2), never from the answers. A suppressed group shows no n.
 */
export function previewReport(input: PreviewInput): Report {
  const { teams, k } = input;
  const hierarchy = Hierarchy.from(teams);
  const decisions = decideSuppression(hierarchy, input.respondents, k);

  // Each group's total, children before parents.
  const total = new Map<string, number>();
  for (const key of hierarchy.bottomUp()) {
    let sum = input.respondents.get(key) ?? 0;
    for (const child of hierarchy.children(key)) sum += total.get(child)!;
    total.set(key, sum);
  }

  const noFigures = () => Object.fromEntries(input.dimensions.map((d) => [d.id, null]));
  const itemIds = input.items;
  const noItems = () => (itemIds ? { items: Object.fromEntries(itemIds.map((id) => [id, null])) } : {});
  const group = (key: string, name: string, parentKey: string | null): Group => {
    const decision = decisions.get(key)!;
    return {
      teamKey: key === ORGANIZATION ? null : key,
      name,
      parentKey,
      depth: hierarchy.depth(key),
      suppressed: decision.suppressed,
      ...(decision.reason ? { suppressionReason: decision.reason } : {}),
      n: decision.suppressed ? null : total.get(key)!,
      trustIndex: null,
      dimensions: noFigures(),
      ...noItems(),
    };
  };

  return {
    anonymityThreshold: k,
    dimensions: input.dimensions,
    organization: group(ORGANIZATION, input.organizationName, null),
    groups: teams.map((team) => group(team.key, team.name, team.parentKey)),
    hotspots: [],
    drivers: [],
    reliability: {},
    comments: [],
  };
}
