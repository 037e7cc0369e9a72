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
  /**
   * Per dimension, its cells by how many have a score in it and how many answered any of its items;
   * a suppressed group's cells stay suppressed.
   */
  dimensions: ReadonlyMap<string, Decisions>;
  /**
   * Per dimension, the groups whose item detail of it may be shown: its item cells, and the
   * agreement of its cell, which is read off its items' spread (`itemDetail`).
   */
  itemDetail: ReadonlyMap<string, Decisions>;
  /** Per item, its cells: its dimension's `itemDetail`; empty without item detail. */
  items: ReadonlyMap<string, Decisions>;
  /** Groups whose comments may be read (R5). */
  comments: Decisions;
}

const HIDDEN: SuppressionDecision = Object.freeze({ suppressed: true, reason: 'complementary' });
const SHOWN: SuppressionDecision = Object.freeze({ suppressed: false });

/** How many of something each group holds with all its descendants, from each team's own count. */
function subtreeTotals(hierarchy: Hierarchy, direct: (key: string) => number): Map<string, number> {
  const totals = new Map<string, number>();
  const groups = hierarchy.canonical;
  for (let i = groups.length - 1; i >= 0; i--) {
    const key = groups[i]!;
    let total = key === groups[0] ? 0 : direct(key);
    for (const child of hierarchy.children(key)) total += totals.get(child)!;
    totals.set(key, total);
  }
  return totals;
}

/**
 * For each shown group, what subtraction isolates of it: its totals less those of its nearest shown
 * descendants (R2's remainder), for several counts at once. Keyed by the shown groups only.
 */
function remainders(
  hierarchy: Hierarchy,
  totals: readonly Map<string, number>[],
  shown: (key: string) => boolean,
): Map<string, number[]> {
  // What a group's nearest shown descendants hold, bottom up: a shown child whole, a hidden child
  // through its own nearest shown descendants.
  const covered = new Map<string, number[]>();
  const found = new Map<string, number[]>();
  const groups = hierarchy.canonical;
  for (let i = groups.length - 1; i >= 0; i--) {
    const key = groups[i]!;
    const below = totals.map(() => 0);
    for (const child of hierarchy.children(key)) {
      const through = shown(child) ? totals.map((t) => t.get(child)!) : covered.get(child)!;
      for (let c = 0; c < below.length; c++) below[c]! += through[c]!;
    }
    covered.set(key, below);
    if (shown(key))
      found.set(
        key,
        totals.map((t, c) => t.get(key)! - below[c]!),
      );
  }
  return found;
}

/**
 * Adds to `hidden` what each of `passes` hides given it, until none would hide more: each pass
 * hides what its own rule needs given the rest (`decideSuppression` does), and runs again only
 * after another has hidden something, so then every pass's rule holds of what is left shown.
 */
function untilSettled(
  hidden: Set<string>,
  passes: readonly ((hidden: ReadonlySet<string>) => Iterable<string>)[],
) {
  // How many were hidden when each pass last ran; only ever more, so a pass that saw as many as
  // are hidden now saw the same.
  const saw = passes.map(() => -1);
  for (let at = 0; saw.some((size) => size !== hidden.size); at = (at + 1) % passes.length) {
    if (saw[at] === hidden.size) continue;
    for (const key of passes[at]!(hidden)) hidden.add(key);
    saw[at] = hidden.size;
  }
}

const suppressedKeys = (decided: ReadonlyMap<string, SuppressionDecision>) =>
  [...decided].filter(([, d]) => d.suppressed).map(([key]) => key);

/**
 * What subtraction isolates of a group showing a dimension's cell (its remainder among those
 * groups), as rule 4(c) of docs/scoring.md weighs it. A combination of the dimension's sums of
 * scores with its items' sums, the items all weighted alike, rests in the atom either on all who
 * answered it in part (when it cancels those who answered every item), or on those who answered
 * every item and at least those who answered in part without a score (whose answers the sums of
 * scores leave out, so nothing cancels them).
 */
interface Atom {
  complete: number;
  inPart: number;
  /** The fewest respondents a weighing rests on in this atom. */
  fewest: number;
  /** The fewest it rests on when it rests on some. */
  fewestSome: number;
}

function atomOf(complete: number, inPart: number, scored: number): Atom {
  const withoutScore = inPart - (scored - complete);
  // Each way a weighing can fall in the atom: its fewest respondents, and its most.
  const ways: [number, number][] = [
    [inPart, inPart],
    [complete + withoutScore, complete + inPart],
  ];
  return {
    complete,
    inPart,
    fewest: Math.min(...ways.map(([least]) => least)),
    fewestSome: Math.min(
      ...ways.filter(([, most]) => most > 0).map(([least]) => Math.max(1, least)),
      Infinity,
    ),
  };
}

/**
 * The groups showing item detail that fail rule 4(a) or 4(c) of docs/scoring.md. A group's item
 * cells less those of its nearest groups showing item detail take in the dimension's atoms below it
 * down to those groups; a combination rests in each on one of its ways (`Atom`), so in all on at
 * least the sum of their fewest, or, when that is none, on that sum plus the least one atom adds
 * when it must rest on some.
 */
function weighable(
  hierarchy: Hierarchy,
  atoms: ReadonlyMap<string, Atom>,
  hidden: ReadonlySet<string>,
  k: number,
): string[] {
  interface Pending {
    complete: number;
    inPart: number;
    fewest: number;
    /** The least that one atom adds to `fewest` when it must rest on some. */
    extra: number;
  }
  const pending = new Map<string, Pending>();
  const failing: string[] = [];
  const groups = hierarchy.canonical;
  for (let i = groups.length - 1; i >= 0; i--) {
    const key = groups[i]!;
    const atom = atoms.get(key);
    const sum: Pending = atom
      ? {
          complete: atom.complete,
          inPart: atom.inPart,
          fewest: atom.fewest,
          extra: atom.fewestSome - atom.fewest,
        }
      : { complete: 0, inPart: 0, fewest: 0, extra: Infinity };
    for (const child of hierarchy.children(key)) {
      if (!hidden.has(child)) continue;
      const below = pending.get(child)!;
      sum.complete += below.complete;
      sum.inPart += below.inPart;
      sum.fewest += below.fewest;
      sum.extra = Math.min(sum.extra, below.extra);
    }
    pending.set(key, sum);
    if (hidden.has(key)) continue;
    const least = sum.fewest > 0 ? sum.fewest : sum.fewest + sum.extra;
    const failsA = (sum.complete > 0 && sum.complete < k) || (sum.complete === 0 && sum.inPart > 0);
    if (failsA || (least > 0 && least < k)) failing.push(key);
  }
  return failing;
}

/**
 * Per dimension, the groups whose item detail of it stays hidden: its item cells, all together,
 * and the agreement of its cell, which is read off its items' spread.
 *
 * A respondent's dimension score is the mean of the items they answered, so a dimension's figures
 * and its items' are not the same sums cut two ways, and combining them can leave a sum over a
 * few: Σ scores − Σ (each item's sum) ÷ m leaves those who answered some of the dimension's items
 * but not all; with two items, both items' sums less the scores leave those who answered both.
 * Rule 4 of docs/scoring.md (R1, R2) says what must hold where item detail stands, and why that is
 * enough for sums, sums of squares and answer counts:
 *
 * (a) what subtraction isolates of the group among those showing item detail counts 0 or at least
 *     k who answered every item, and 0 only if nobody answered in part;
 * (b) and 0 or at least k who answered in part: implied by (c), which would hide the group itself,
 *     so decided first as R2 decides a count, which hides smaller groups below where that is enough;
 * (c) no combination of its item sums, all weighted alike, with the dimension cells standing in it
 *     rests on 1 to k − 1 respondents (`weighable`);
 * (d) follows: an item's remainder holds everyone who answered every item, and some who answered
 *     in part, so by (a) it is 0 or at least k too, and each item's cells pass R1 and R2 on their
 *     own counts. A dimension's item cells stand or hide together, so none can be had from the
 *     dimension's counts less its siblings'.
 *
 * Item detail stands only where the dimension's cell does. Sums frozen before these counts were
 * kept show none.
 */
function decideItemDetail(
  hierarchy: Hierarchy,
  table: CompactAggregates['table'],
  dimension: { id: string },
  dimensionHidden: ReadonlySet<string>,
  k: number,
): Set<string> {
  const { incomplete, complete, layout } = table;
  if (!incomplete || !complete) return new Set(hierarchy.canonical);
  const width = layout.dimensions.length;
  const d = layout.dimensions.findIndex((x) => x.id === dimension.id);
  const own = (counts: Float64Array | ((row: number) => number)) => (key: string) => {
    const row = table.row(key);
    if (row < 0) return 0;
    return typeof counts === 'function' ? counts(row) : counts[row * width + d]!;
  };
  const direct = {
    complete: own(complete),
    incomplete: own(incomplete),
    scored: own((row) => table.values[table.at(row, layout.dimensionSlot.get(dimension.id)!) + N]!),
  };
  const totals = {
    complete: subtreeTotals(hierarchy, direct.complete),
    incomplete: subtreeTotals(hierarchy, direct.incomplete),
    scored: subtreeTotals(hierarchy, direct.scored),
  };

  // The dimension's atoms: what subtraction isolates of each group showing its cell (its
  // remainder among them), with the fewest of its respondents a weighing of it can rest on.
  const atoms = new Map<string, Atom>();
  for (const [key, [completed, inPart, scored]] of remainders(
    hierarchy,
    [totals.complete, totals.incomplete, totals.scored],
    (key) => !dimensionHidden.has(key),
  ))
    atoms.set(key, atomOf(completed!, inPart!, scored!));

  const hidden = new Set(dimensionHidden);
  const inPart = new Map(hierarchy.canonical.slice(1).map((key) => [key, direct.incomplete(key)]));
  untilSettled(hidden, [
    (hidden) => suppressedKeys(decideSuppression(hierarchy, inPart, k, hidden, { noneStands: true })),
    (hidden) => {
      // What it hides changes what the groups above it take in, so it runs to its end here.
      const more = new Set(hidden);
      for (let failing = weighable(hierarchy, atoms, more, k); failing.length > 0; ) {
        for (const key of failing) more.add(key);
        failing = weighable(hierarchy, atoms, more, k);
      }
      return more;
    },
  ]);
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
  const suppressedGroups = new Set(suppressedKeys(groups));
  // R2 per cell: a cell's n can be smaller than its group's when answers are skipped, so each
  // dimension is decided on its own counts: those with a score in it, and, since its favourable
  // shares count every answer in it, everyone who answered any of its items.
  const width = layout.dimensions.length;
  const dimensionHidden = new Map(
    options.dimensions.map((dimension) => {
      const d = layout.dimensions.findIndex((x) => x.id === dimension.id);
      const scored = directCounts(slotN(layout.dimensionSlot.get(dimension.id)!));
      const { incomplete, complete } = table;
      const answered =
        incomplete && complete
          ? directCounts((row) => incomplete[row * width + d]! + complete[row * width + d]!)
          : null;
      const hidden = new Set(suppressedGroups);
      untilSettled(hidden, [
        (hidden) => suppressedKeys(decideSuppression(hierarchy, scored, k, hidden)),
        ...(answered
          ? [
              (hidden: ReadonlySet<string>) =>
                suppressedKeys(decideSuppression(hierarchy, answered, k, hidden)),
            ]
          : []),
      ]);
      return [dimension.id, hidden] as const;
    }),
  );
  const byHidden = (hidden: ReadonlySet<string>) =>
    list(new Map(keys.map((key) => [key, hidden.has(key) ? HIDDEN : SHOWN])));
  const dimensions = new Map([...dimensionHidden].map(([id, hidden]) => [id, byHidden(hidden)]));
  const itemDetail = new Map(
    options.dimensions.map((dimension) => [
      dimension.id,
      byHidden(decideItemDetail(hierarchy, table, dimension, dimensionHidden.get(dimension.id)!, k)),
    ]),
  );
  const items = new Map(
    options.withItems ? options.items.map((item) => [item.id, itemDetail.get(item.dimension)!]) : [],
  );
  // R5: comments only for groups of at least max(10, 2k), decided with the same complementary
  // rule at that threshold so no small set of comments can be isolated by subtraction.
  const comments = list(decideSuppression(hierarchy, respondents, commentThreshold(k)));
  return { groups: list(groups), dimensions, itemDetail, items, comments };
}
