import { decideSuppression, ORGANIZATION } from '../suppression/suppress.ts';
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
  const decisions = decideSuppression(teams, input.respondents, k);

  // Totals bottom up: in depth-first order every child comes after its parent, so walking the
  // list backwards adds each team into its parent after the team itself is complete.
  const total = new Map<string, number>([[ORGANIZATION, 0]]);
  for (const team of teams) total.set(team.key, input.respondents.get(team.key) ?? 0);
  for (let i = teams.length - 1; i >= 0; i--) {
    const team = teams[i]!;
    const parent = team.parentKey ?? ORGANIZATION;
    total.set(parent, (total.get(parent) ?? 0) + total.get(team.key)!);
  }
  const depth = new Map<string, number>();
  for (const team of teams)
    depth.set(team.key, team.parentKey === null ? 0 : (depth.get(team.parentKey) ?? 0) + 1);

  const noFigures = () => Object.fromEntries(input.dimensions.map((d) => [d.id, null]));
  const itemIds = input.items;
  const noItems = () => (itemIds ? { items: Object.fromEntries(itemIds.map((id) => [id, null])) } : {});
  const group = (key: string, name: string, parentKey: string | null): Group => {
    const decision = decisions.get(key)!;
    return {
      teamKey: key === ORGANIZATION ? null : key,
      name,
      parentKey,
      depth: key === ORGANIZATION ? 0 : depth.get(key)!,
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
