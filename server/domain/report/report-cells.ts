import type { Hierarchy } from '../hierarchy/hierarchy.ts';
import { ORGANIZATION } from '../hierarchy/hierarchy.ts';
import type { ScoredItem } from '../scoring/aggregates.ts';
import {
  type Cell,
  compareTrend,
  computeCell,
  rwgScale,
  rwgSingle,
  sampleVariance,
} from '../scoring/cells.ts';
import type { PublishedCell, PublishedFigures, PublishedGroup } from './published-figures.ts';
import type { ReportDecisions } from './report-suppression.ts';
import type { Group, ReportDimension, ReportTeam } from './report-types.ts';
import type { RolledUp } from './roll-up.ts';

const tenths = (value: number) => Math.round(value * 10) / 10;

/**
 * A shown cell with what it is compared against, both known when it is made: its distance from
 * the organization's cell (the organization's own is 0) and its change since the previous wave
 * when that wave showed the same cell. A cell is finished here and never written to again.
 */
function compared(
  cell: Cell,
  organization: Cell | null | undefined,
  previous: PublishedCell | null | undefined,
): Cell {
  return {
    ...cell,
    delta: organization ? tenths(cell.score - organization.score) : null,
    ...(previous ? { trend: compareTrend(cell, previous) } : {}),
  };
}

/** What a report's groups are made from. */
export interface GroupSources {
  hierarchy: Hierarchy;
  teams: readonly ReportTeam[];
  organizationName: string;
  sums: RolledUp;
  decisions: ReportDecisions;
  dimensions: readonly ReportDimension[];
  items: readonly ScoredItem[];
  withItems: boolean;
  previous: PublishedFigures | null | undefined;
}

/**
 * The organization's group and every team's, in the order of `teams`, each cell shown only where
 * its suppression decision allows (R1, R2) and a suppressed group showing no figure at all.
 */
export function reportGroups(options: GroupSources): { organization: Group; groups: Group[] } {
  const { organization, group } = groupMaker(options);
  return { organization, groups: options.teams.map(group) };
}

/**
 * The organization's group, and what makes each team's on demand: for a caller that needs each
 * group only for a moment (`publishedFiguresText`), so the groups of 10,000 teams with every item
 * are never all held at once.
 */
export function groupMaker(options: GroupSources): { organization: Group; group(team: ReportTeam): Group } {
  const { hierarchy, sums, decisions, previous } = options;
  const itemsOf = new Map(
    options.dimensions.map((d) => [d.id, options.items.filter((item) => item.dimension === d.id)]),
  );
  const previousGroups = new Map<string | null, PublishedGroup>(
    (previous ? [previous.organization, ...previous.groups] : []).map((g) => [g.teamKey, g]),
  );
  const trust = options.dimensions.filter((d) => !d.outcome);

  const dimensionCell = (key: string, dimension: string): Cell | null => {
    if (decisions.dimensions.get(dimension)!.get(key)!.suppressed) return null;
    const group = sums.get(key)!;
    const variances = (itemsOf.get(dimension) ?? [])
      .map((item) => sampleVariance(group.items[item.id]!))
      .filter((v): v is number => v !== null);
    return computeCell(group.dimensions[dimension]!, rwgScale(variances));
  };
  const itemCell = (key: string, item: string): Cell | null => {
    if (decisions.items.get(item)!.get(key)!.suppressed) return null;
    const moments = sums.get(key)!.items[item]!;
    return computeCell(moments, rwgSingle(sampleVariance(moments)));
  };

  /** `organization` is null while the organization's own group is being made. */
  const makeGroup = (key: string, team: ReportTeam | undefined, organization: Group | null): Group => {
    const decision = decisions.groups.get(key)!;
    const before = previousGroups.get(key === ORGANIZATION ? null : key);
    const dimensions = Object.fromEntries(
      options.dimensions.map((d) => {
        const cell = decision.suppressed ? null : dimensionCell(key, d.id);
        if (!cell) return [d.id, null];
        const reference = organization ? organization.dimensions[d.id] : cell;
        return [d.id, compared(cell, reference, before?.dimensions[d.id])];
      }),
    );
    const trustScores = trust.map((d) => dimensions[d.id]?.score);
    const trustIndex =
      trustScores.length > 0 && trustScores.every((s) => s !== undefined)
        ? Math.round(((trustScores as number[]).reduce((a, b) => a + b, 0) / trustScores.length) * 10) / 10
        : null;
    return {
      teamKey: key === ORGANIZATION ? null : key,
      name: team?.name ?? options.organizationName,
      parentKey: team?.parentKey ?? null,
      depth: hierarchy.depth(key),
      suppressed: decision.suppressed,
      ...(decision.reason ? { suppressionReason: decision.reason } : {}),
      n: decision.suppressed ? null : sums.get(key)!.respondents,
      trustIndex,
      dimensions,
      ...(options.withItems
        ? {
            items: Object.fromEntries(
              options.items.map((item) => {
                const cell = decision.suppressed ? null : itemCell(key, item.id);
                if (!cell) return [item.id, null];
                const reference = organization ? organization.items?.[item.id] : cell;
                return [item.id, compared(cell, reference, before?.items?.[item.id])];
              }),
            ),
          }
        : {}),
    };
  };

  const organization = makeGroup(ORGANIZATION, undefined, null);
  return { organization, group: (team) => makeGroup(team.key, team, organization) };
}
