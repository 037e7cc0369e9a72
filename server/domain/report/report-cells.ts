import type { Hierarchy } from '../hierarchy/hierarchy.ts';
import { ORGANIZATION } from '../hierarchy/hierarchy.ts';
import type { ScoredItem } from '../scoring/aggregates.ts';
import { type Cell, compareTrend, computeCell, rwgScale, rwgSingle } from '../scoring/cells.ts';
import {
  type PublishedCell,
  type PublishedFigures,
  type PublishedText,
  publishedGroups,
} from './published-figures.ts';
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
  previous: PublishedFigures | PublishedText | null | undefined;
  /** Groups whose people differ from the previous wave's, given no trend (ReportInput). */
  changedSincePrevious: ReadonlySet<string>;
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
  // Read out of `options` here, so that what is returned keeps neither it nor the previous
  // wave's figures as parsed.
  const { hierarchy, sums, decisions, organizationName, withItems, changedSincePrevious } = options;
  const dimensions = options.dimensions;
  const items = options.items;
  const itemsOf = new Map(dimensions.map((d) => [d.id, items.filter((item) => item.dimension === d.id)]));
  // Item cells only where the report has them.
  const before = previousCells(options.previous, dimensions, withItems ? items : []);
  const trust = dimensions.filter((d) => !d.outcome);

  const { itemSlot, dimensionSlot } = sums.layout;
  const dimensionCell = (key: string, dimension: string): Cell | null => {
    if (decisions.dimensions.get(dimension)!.get(key)!.suppressed) return null;
    // Agreement is read off the items' spread, so it stands only where item detail may.
    const agreement = !decisions.itemDetail.get(dimension)!.get(key)!.suppressed;
    const variances = agreement
      ? (itemsOf.get(dimension) ?? [])
          .map((item) => sums.variance(key, itemSlot.get(item.id)!))
          .filter((v): v is number => v !== null)
      : [];
    return computeCell(sums.moments(key, dimensionSlot.get(dimension)!), rwgScale(variances));
  };
  const itemCell = (key: string, item: string): Cell | null => {
    if (decisions.items.get(item)!.get(key)!.suppressed) return null;
    const slot = itemSlot.get(item)!;
    return computeCell(sums.moments(key, slot), rwgSingle(sums.variance(key, slot)));
  };

  /** `organization` is null while the organization's own group is being made. */
  const makeGroup = (key: string, team: ReportTeam | undefined, organization: Group | null): Group => {
    const decision = decisions.groups.get(key)!;
    const earlier = changedSincePrevious.has(key) ? null : before(key === ORGANIZATION ? null : key);
    const cells = Object.fromEntries(
      dimensions.map((d, at) => {
        const cell = decision.suppressed ? null : dimensionCell(key, d.id);
        if (!cell) return [d.id, null];
        const reference = organization ? organization.dimensions[d.id] : cell;
        return [d.id, compared(cell, reference, earlier?.(at))];
      }),
    );
    const trustScores = trust.map((d) => cells[d.id]?.score);
    const trustIndex =
      trustScores.length > 0 && trustScores.every((s) => s !== undefined)
        ? Math.round(((trustScores as number[]).reduce((a, b) => a + b, 0) / trustScores.length) * 10) / 10
        : null;
    return {
      teamKey: key === ORGANIZATION ? null : key,
      name: team?.name ?? organizationName,
      parentKey: team?.parentKey ?? null,
      depth: hierarchy.depth(key),
      // Hidden, and not why: "fewer than k" against "protecting a smaller group" would say on
      // which side of k each hidden group's n lies, and beside the shown counts that can pin it
      // down (R1: a hidden group publishes no n). The consultant's preview of an open wave, whose
      // reader sees every team's count anyway, says why (preview-report.ts).
      suppressed: decision.suppressed,
      n: decision.suppressed ? null : sums.respondents(key),
      trustIndex,
      dimensions: cells,
      ...(withItems
        ? {
            items: Object.fromEntries(
              items.map((item, at) => {
                const cell = decision.suppressed ? null : itemCell(key, item.id);
                if (!cell) return [item.id, null];
                const reference = organization ? organization.items?.[item.id] : cell;
                return [item.id, compared(cell, reference, earlier?.(dimensions.length + at))];
              }),
            ),
          }
        : {}),
    };
  };

  const organization = makeGroup(ORGANIZATION, undefined, null);
  return { organization, group: (team) => makeGroup(team.key, team, organization) };
}

/**
 * The previous wave's shown cells as trends read them, its score and interval, for this report's
 * dimensions and then its items: one array of numbers for every group, with NaN where that wave
 * showed no such cell. Per group, what reads the cell at a position, or null for a group the
 * previous wave did not have. Parsed whole, the figures of 10,000 teams with items held some
 * 46 MB, for as long as a report's item detail was kept; these take 8, and from the stored text
 * (`PublishedText`) each group is parsed on its own, so no more than one is ever held as objects.
 */
function previousCells(
  previous: PublishedFigures | PublishedText | null | undefined,
  dimensions: readonly { id: string }[],
  items: readonly { id: string }[],
): (key: string | null) => ((at: number) => PublishedCell | null) | null {
  if (!previous) return () => null;
  const width = 3 * (dimensions.length + items.length);
  // Item cells frozen under an earlier rule for them are not compared with (`itemRule`).
  const { count, groups, itemsComparable } = publishedGroups(previous);
  const values = new Float64Array(width * count).fill(Number.NaN);
  const rows = new Map<string | null, number>();
  let row = 0;
  for (const group of groups) {
    const put = (at: number, cell: PublishedCell | null | undefined) => {
      if (!cell) return;
      const offset = row * width + 3 * at;
      values[offset] = cell.score;
      values[offset + 1] = cell.ci95[0];
      values[offset + 2] = cell.ci95[1];
    };
    for (const [at, d] of dimensions.entries()) put(at, group.dimensions[d.id]);
    if (itemsComparable)
      for (const [at, item] of items.entries()) put(dimensions.length + at, group.items?.[item.id]);
    // A key found twice is read at its last, as a map built from the list would.
    rows.set(group.teamKey, row);
    row += 1;
  }
  return (key) => {
    const row = rows.get(key);
    if (row === undefined) return null;
    return (at) => {
      const offset = row * width + 3 * at;
      const score = values[offset]!;
      return Number.isNaN(score) ? null : { score, ci95: [values[offset + 1]!, values[offset + 2]!] };
    };
  };
}
