import type { Hierarchy } from '../hierarchy/hierarchy.ts';
import type { ScoredItem } from '../scoring/aggregates.ts';
import { type CompactAggregates, N } from '../scoring/sums-table.ts';
import { decideSuppression, type SuppressionDecision } from '../suppression/suppress.ts';
import { commentThreshold } from './report-comments.ts';

/** A decision for each group of the report, read by key (`DecisionList`). */
export interface Decisions {
  get(key: string): SuppressionDecision | undefined;
}

/**
 * One kind of decision for every group, in an array beside a position per key shared by all kinds:
 * a report of 10,000 teams with items takes 37 kinds, which as maps of their own held some 18 MB.
 * Each decision is one of the few frozen values `decideSuppression` gives, shared.
 */
class DecisionList implements Decisions {
  readonly #decisions: SuppressionDecision[];
  constructor(
    readonly positions: ReadonlyMap<string, number>,
    keys: readonly string[],
    decided: ReadonlyMap<string, SuppressionDecision>,
  ) {
    this.#decisions = keys.map((key) => decided.get(key)!);
  }
  get(key: string): SuppressionDecision | undefined {
    const position = this.positions.get(key);
    return position === undefined ? undefined : this.#decisions[position];
  }
}

/** Every suppression decision of one report, each taken once over the whole hierarchy (R3). */
export interface ReportDecisions {
  /** Whole groups, by respondents (R1, R2). */
  groups: Decisions;
  /** Per dimension, its cells by how many have a score in it; a suppressed group's cells stay suppressed. */
  dimensions: ReadonlyMap<string, Decisions>;
  /** Per item, its cells by how many answered it; empty without item detail. */
  items: ReadonlyMap<string, Decisions>;
  /** Groups whose comments may be read (R5). */
  comments: Decisions;
}

/**
 * Per dimension, the groups whose item cells of it stay hidden, beside the groups hidden whole.
 *
 * A respondent's dimension score is the mean of the items they answered, so a dimension cell does
 * not add up from its item cells: Σ scores − Σ (each item's sum) ÷ m, over a dimension of m items,
 * leaves a sum over the respondents who answered some of its items but not all, weighted by what
 * they skipped, and over nobody else. Where a group shows its dimension cell beside every item
 * cell of that dimension, those respondents' answers can be had by that subtraction, and by
 * subtracting such groups from one another, their part in a larger group's. So they are decided as
 * one more count per dimension (R1, R2): a group, or what its nearest such groups leave of it, with 1
 * to k − 1 of them hides its item cells of that dimension (none is fine, since then the two agree).
 * A group whose dimension cell is hidden offers no such subtraction. Sums frozen before these
 * counts were kept hide every item cell. This closes that one subtraction, not every weighing of
 * the two kinds of cell against each other: docs/anonymity.md (the threat model) says which remain.
 */
function groupsHidingItems(
  hierarchy: Hierarchy,
  table: CompactAggregates['table'],
  dimensions: readonly { id: string }[],
  dimensionDecisions: ReadonlyMap<string, ReadonlyMap<string, SuppressionDecision>>,
  suppressedGroups: ReadonlySet<string>,
  k: number,
): Map<string, Set<string>> {
  const hidden = new Map<string, Set<string>>();
  const { incomplete, layout } = table;
  // The table keeps them in its layout's order of dimensions.
  const width = layout.dimensions.length;
  const at = new Map(layout.dimensions.map((d, i) => [d.id, i]));
  for (const dimension of dimensions) {
    const d = at.get(dimension.id)!;
    if (!incomplete) {
      hidden.set(dimension.id, new Set(hierarchy.canonical));
      continue;
    }
    const withoutScores = new Set(
      [...dimensionDecisions.get(dimension.id)!]
        .filter(([, decision]) => decision.suppressed)
        .map(([key]) => key),
    );
    const counts = new Map(
      hierarchy.canonical.slice(1).map((key) => {
        const row = table.row(key);
        return [key, row < 0 ? 0 : incomplete[row * width + d]!];
      }),
    );
    const decided = decideSuppression(hierarchy, counts, k, withoutScores, { noneStands: true });
    const hides = new Set(suppressedGroups);
    for (const [key, decision] of decided) if (decision.suppressed && !withoutScores.has(key)) hides.add(key);
    hidden.set(dimension.id, hides);
  }
  return hidden;
}

export function decideReportSuppression(
  hierarchy: Hierarchy,
  aggregates: CompactAggregates,
  options: {
    dimensions: readonly { id: string }[];
    items: readonly ScoredItem[];
    k: number;
    withItems: boolean;
  },
): ReportDecisions {
  const { k } = options;
  const { table } = aggregates;
  const { layout } = table;
  const keys = hierarchy.canonical;
  const positions = new Map(keys.map((key, position) => [key, position]));
  const list = (decided: ReadonlyMap<string, SuppressionDecision>) =>
    new DecisionList(positions, keys, decided);
  const teamKeys = keys.slice(1);
  /** Each team's own count (not its descendants'): its respondents, or the n of one slot. */
  const directCounts = (count: (row: number) => number) =>
    new Map(
      teamKeys.map((key) => {
        const row = table.row(key);
        return [key, row < 0 ? 0 : count(row)];
      }),
    );
  const slotN = (slot: number) => (row: number) => table.values[table.at(row, slot) + N]!;
  const respondents = directCounts((row) => table.respondents[row]!);

  const groups = decideSuppression(hierarchy, respondents, k);
  const suppressedGroups = new Set([...groups].filter(([, d]) => d.suppressed).map(([key]) => key));
  // R2 per cell: a cell's n can be smaller than its group's when answers are skipped, so each
  // dimension and item is decided on its own counts.
  const dimensionDecisions = new Map(
    options.dimensions.map((d) => [
      d.id,
      decideSuppression(hierarchy, directCounts(slotN(layout.dimensionSlot.get(d.id)!)), k, suppressedGroups),
    ]),
  );
  const dimensions = new Map([...dimensionDecisions].map(([id, decided]) => [id, list(decided)]));
  const itemsHidden = options.withItems
    ? groupsHidingItems(hierarchy, table, options.dimensions, dimensionDecisions, suppressedGroups, k)
    : new Map<string, Set<string>>();
  const items = new Map(
    options.withItems
      ? options.items.map((item) => [
          item.id,
          list(
            decideSuppression(
              hierarchy,
              directCounts(slotN(layout.itemSlot.get(item.id)!)),
              k,
              itemsHidden.get(item.dimension) ?? suppressedGroups,
            ),
          ),
        ])
      : [],
  );
  // R5: comments only for groups of at least max(10, 2k), decided with the same complementary
  // rule at that threshold so no small set of comments can be isolated by subtraction.
  const comments = list(decideSuppression(hierarchy, respondents, commentThreshold(k)));
  return { groups: list(groups), dimensions, items, comments };
}
