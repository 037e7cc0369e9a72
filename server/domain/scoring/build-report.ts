import { buildHierarchyTree, ORGANIZATION } from '../suppression/hierarchy-tree.ts';
import { decideReportSuppression, type ReportSuppression } from '../suppression/report-suppression.ts';
import { seededShuffle } from '../suppression/seeded-shuffle.ts';
import type { ScoredItem, WaveAggregates } from './aggregate-types.ts';
import { rwgScale, rwgSingle } from './agreement.ts';
import { type Cell, computeCell } from './cell.ts';
import { cronbachAlpha } from './cronbach-alpha.ts';
import { rankDrivers } from './drivers.ts';
import { findHotspots } from './hotspots.ts';
import { sampleVariance } from './moments.ts';
import type { CommentGroup, Group, Report, ReportDimension, ReportTeam } from './report-types.ts';
import { rollUp } from './rollup.ts';
import { roundScore } from './rounding.ts';
import { compareTrend } from './trend.ts';
import { trustIndex } from './trust-index.ts';

export interface ReportInput {
  organizationName: string;
  /** Every team of the wave with its ancestors, in any order; siblings keep this order in the report. */
  teams: readonly ReportTeam[];
  dimensions: readonly ReportDimension[];
  items: readonly ScoredItem[];
  /** Per team DIRECT aggregates, plus the organization-level sums. */
  aggregates: WaveAggregates;
  /** The organization's anonymity threshold (≥ 3). */
  k: number;
  /** Publish item cells too (they are suppressed by the same rules either way). */
  withItems?: boolean;
  /** Decisions made once for the wave (R3); decided here from `aggregates` when omitted. */
  suppression?: ReportSuppression;
  /** The previous closed wave's report: trends by team key and dimension / item id. */
  previous?: Report | null;
  /** Free-text answers per team key, attached DIRECTLY to that team. */
  comments?: Readonly<Record<string, readonly string[]>>;
  /** A stable per-wave seed (e.g. the wave id) for the comments' order (R3, R5). */
  commentSeed?: string | number;
  /** How many hotspots to list; 5 by default. */
  hotspotCount?: number;
}

/**
 * The whole report of a wave, computed once: rolled-up figures, suppression, deltas, trends,
 * hotspots, organization-level statistics and the comments R5 allows. Leaders scoped to a
 * subtree get a cut of this report (scopeReport), never a recomputation (R3).
 */
export function buildReport(input: ReportInput): Report {
  const { k, items, dimensions } = input;
  const tree = buildHierarchyTree(input.teams);
  const suppression =
    input.suppression ??
    decideReportSuppression({ teams: tree, aggregates: input.aggregates.teams, items, dimensions, k });
  if (suppression.k !== k) throw new Error('The suppression decisions were made with another threshold');
  const sums = rollUp(tree, input.aggregates.teams, items, dimensions);
  const teamByKey = new Map(input.teams.map((t) => [t.key, t]));
  const itemsOf = new Map(dimensions.map((d) => [d.id, items.filter((item) => item.dimension === d.id)]));

  const shown = (decisions: ReadonlyMap<string, { suppressed: boolean }> | undefined, key: string) =>
    decisions?.get(key)?.suppressed === false;

  const dimensionCell = (key: string, dimension: string): Cell | null => {
    // R1, R2: a suppressed cell publishes nothing, not even n.
    if (!shown(suppression.dimensions[dimension], key)) return null;
    const group = sums.get(key)!;
    const m = group.dimensions[dimension]!;
    if (m.n === 0) return null;
    const variances = (itemsOf.get(dimension) ?? []).map((item) => sampleVariance(group.items[item.id]!));
    return computeCell(m, rwgScale(variances));
  };
  const itemCell = (key: string, item: string): Cell | null => {
    if (!shown(suppression.items[item], key)) return null;
    const m = sums.get(key)!.items[item]!;
    if (m.n === 0) return null;
    return computeCell(m, rwgSingle(sampleVariance(m)));
  };

  const makeGroup = (key: string): Group => {
    const team = teamByKey.get(key);
    const decision = suppression.groups.get(key) ?? { suppressed: true, reason: 'below-threshold' as const };
    const cells = Object.fromEntries(
      dimensions.map((d) => [d.id, decision.suppressed ? null : dimensionCell(key, d.id)]),
    );
    return {
      teamKey: key === ORGANIZATION ? null : key,
      name: team?.name ?? input.organizationName,
      parentKey: team?.parentKey ?? null,
      depth: tree.depthOf.get(key)!,
      suppressed: decision.suppressed,
      ...(decision.reason ? { suppressionReason: decision.reason } : {}),
      n: decision.suppressed ? null : sums.get(key)!.respondents,
      trustIndex: trustIndex(cells, dimensions),
      dimensions: cells,
      ...(input.withItems
        ? {
            items: Object.fromEntries(
              items.map((item) => [item.id, decision.suppressed ? null : itemCell(key, item.id)]),
            ),
          }
        : {}),
    };
  };

  const [organization, ...groups] = tree.depthFirst.map(makeGroup) as [Group, ...Group[]];

  // Deltas against the organization and trends against the previous wave, shown cells only,
  // both from the published (rounded) scores so they match what a reader sees.
  const previousGroups = new Map(
    (input.previous ? [input.previous.organization, ...input.previous.groups] : []).map((g) => [
      g.teamKey,
      g,
    ]),
  );
  const finish = (
    cells: Record<string, Cell | null> | undefined,
    orgCells: Record<string, Cell | null> | undefined,
    previousCells: Record<string, Cell | null> | undefined,
  ) => {
    for (const [id, cell] of Object.entries(cells ?? {})) {
      if (!cell) continue;
      const org = orgCells?.[id];
      // A shown cell always has a shown organization cell: the organization holds every
      // respondent, so it has at least as many as any group.
      cell.delta = org ? roundScore(cell.score - org.score) : 0;
      const before = previousCells?.[id];
      if (before) cell.trend = compareTrend(cell, before);
    }
  };
  for (const group of [organization, ...groups]) {
    const before = previousGroups.get(group.teamKey);
    finish(group.dimensions, organization.dimensions, before?.dimensions);
    finish(group.items, organization.items, before?.items);
  }

  const reliability = Object.fromEntries(
    dimensions.map((d) => {
      const reliabilitySums = input.aggregates.organization.reliability[d.id];
      return [d.id, organization.suppressed || !reliabilitySums ? null : cronbachAlpha(reliabilitySums)];
    }),
  );

  return {
    anonymityThreshold: k,
    dimensions: dimensions.map(({ id, name, outcome }) => ({ id, name, outcome })),
    organization,
    groups,
    hotspots: findHotspots(groups, input.hotspotCount ?? 5),
    drivers: organization.suppressed ? [] : rankDrivers(input.aggregates.organization.drivers),
    reliability,
    comments: visibleComments(input, tree.depthFirst, tree.childrenOf, suppression),
  };
}

/** R5: comments of the groups allowed at max(10, 2k), rolled up, shuffled with the wave's seed. */
function visibleComments(
  input: ReportInput,
  depthFirst: readonly string[],
  childrenOf: ReadonlyMap<string, readonly string[]>,
  suppression: ReportSuppression,
): CommentGroup[] {
  if (!input.comments) return [];
  const rolled = new Map<string, string[]>();
  for (const key of [...depthFirst].reverse()) {
    const own = input.comments[key] ?? [];
    rolled.set(key, [...own, ...(childrenOf.get(key) ?? []).flatMap((child) => rolled.get(child)!)]);
  }
  const names = new Map(input.teams.map((t) => [t.key, t.name]));
  return depthFirst
    .filter((key) => suppression.comments.get(key)?.suppressed === false && rolled.get(key)!.length > 0)
    .map((key) => ({
      teamKey: key === ORGANIZATION ? null : key,
      name: names.get(key) ?? input.organizationName,
      comments: seededShuffle(rolled.get(key)!, `${input.commentSeed ?? ''}:${key}`),
    }));
}
