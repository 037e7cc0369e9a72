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

/**
 * The groups by position in the canonical order, where each comes after its parent, with each
 * one's parent: what sums up a hierarchy of 10,000 teams in arrays rather than maps.
 */
interface Tree {
  keys: readonly string[];
  /** The position of each group's parent; -1 for the organization's. */
  parent: Int32Array;
}

function treeOf(hierarchy: Hierarchy): Tree {
  const keys = hierarchy.canonical;
  const at = new Map(keys.map((key, i) => [key, i]));
  const parent = new Int32Array(keys.length).fill(-1);
  for (let i = 1; i < keys.length; i++) parent[i] = at.get(hierarchy.parent(keys[i]!)!)!;
  return { keys, parent };
}

/** How many of something each group holds with all its descendants, from each team's own count. */
function subtreeTotals(tree: Tree, direct: Float64Array): Float64Array {
  const totals = Float64Array.from(direct);
  for (let i = totals.length - 1; i > 0; i--) totals[tree.parent[i]!]! += totals[i]!;
  return totals;
}

/**
 * For each shown group, what subtraction isolates of it: its totals less those of its nearest shown
 * descendants (R2's remainder), for several counts at once; read only at shown positions.
 */
function remainders(tree: Tree, totals: readonly Float64Array[], shown: Uint8Array): Float64Array[] {
  // What a group's nearest shown descendants hold, bottom up: a shown child whole, a hidden child
  // through its own nearest shown descendants.
  const covered = totals.map((t) => new Float64Array(t.length));
  for (let i = shown.length - 1; i > 0; i--) {
    const parent = tree.parent[i]!;
    for (let c = 0; c < totals.length; c++)
      covered[c]![parent]! += shown[i] ? totals[c]![i]! : covered[c]![i]!;
  }
  return totals.map((t, c) => t.map((total, i) => total - covered[c]![i]!));
}

/** 1 where a group is not in `hidden`. */
const shownMask = (tree: Tree, hidden: ReadonlySet<string>) =>
  Uint8Array.from(tree.keys, (key) => (hidden.has(key) ? 0 : 1));

/**
 * R1 and R2 on one count (`decideSuppression`), skipped where they would hide nothing: when what
 * subtraction isolates of every shown group is 0 or at least k, so is every shown group's total,
 * each being a sum of such remainders. Most counts decided beside another need nothing more, and at
 * 10,000 teams each decision that runs for nothing costs some 15 ms.
 */
function decideCount(
  hierarchy: Hierarchy,
  tree: Tree,
  direct: ReadonlyMap<string, number>,
  k: number,
  options: { noneStands?: boolean } = {},
): (hidden: ReadonlySet<string>) => string[] {
  const totals = subtreeTotals(
    tree,
    Float64Array.from(tree.keys, (key) => direct.get(key) ?? 0),
  );
  return (hidden) => {
    const shown = shownMask(tree, hidden);
    const [left] = remainders(tree, [totals], shown);
    // A group of none that may not stand is hidden by R1 alone.
    const fails = (i: number) =>
      shown[i] === 1 && (left![i]! > 0 ? left![i]! < k : totals[i] === 0 && !options.noneStands);
    if (!tree.keys.some((_, i) => fails(i))) return [];
    return suppressedKeys(decideSuppression(hierarchy, direct, k, hidden, options));
  };
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
interface Atoms {
  /** Each by position; a group not showing the dimension's cell has no atom: zeros, and no extra. */
  complete: Float64Array;
  inPart: Float64Array;
  /** The fewest respondents a weighing rests on in each atom. */
  fewest: Float64Array;
  /** How many more it rests on at the least when it must rest on some in that atom. */
  extra: Float64Array;
}

function atomsOf(has: Uint8Array, complete: Float64Array, inPart: Float64Array, scored: Float64Array): Atoms {
  const n = has.length;
  const atoms: Atoms = {
    complete: new Float64Array(n),
    inPart: new Float64Array(n),
    fewest: new Float64Array(n),
    extra: new Float64Array(n).fill(Number.POSITIVE_INFINITY),
  };
  for (let i = 0; i < n; i++) {
    if (!has[i]) continue;
    const withoutScore = inPart[i]! - (scored[i]! - complete[i]!);
    // Each way a weighing can fall in the atom: its fewest respondents, and its most.
    const ways: [number, number][] = [
      [inPart[i]!, inPart[i]!],
      [complete[i]! + withoutScore, complete[i]! + inPart[i]!],
    ];
    const fewest = Math.min(...ways.map(([least]) => least));
    const some = ways.filter(([, most]) => most > 0).map(([least]) => Math.max(1, least));
    atoms.complete[i] = complete[i]!;
    atoms.inPart[i] = inPart[i]!;
    atoms.fewest[i] = fewest;
    atoms.extra[i] = Math.min(...some, Number.POSITIVE_INFINITY) - fewest;
  }
  return atoms;
}

/**
 * The groups showing item detail that fail rule 4(a) or 4(c) of docs/scoring.md. A group's item
 * cells less those of its nearest groups showing item detail take in the dimension's atoms below it
 * down to those groups; a combination rests in each on one of its ways (`Atoms`), so in all on at
 * least the sum of their fewest, or, when that is none, on that sum plus the least one atom adds
 * when it must rest on some.
 */
function weighable(tree: Tree, atoms: Atoms, shown: Uint8Array, k: number): number[] {
  const n = shown.length;
  // What each group's item cells take in, bottom up: its own atom, and what its children whose
  // item detail is hidden take in.
  const complete = Float64Array.from(atoms.complete);
  const inPart = Float64Array.from(atoms.inPart);
  const fewest = Float64Array.from(atoms.fewest);
  const extra = Float64Array.from(atoms.extra);
  const failing: number[] = [];
  for (let i = n - 1; i >= 0; i--) {
    if (shown[i]) {
      const least = fewest[i]! > 0 ? fewest[i]! : fewest[i]! + extra[i]!;
      const failsA = (complete[i]! > 0 && complete[i]! < k) || (complete[i] === 0 && inPart[i]! > 0);
      if (failsA || (least > 0 && least < k)) failing.push(i);
    } else if (i > 0) {
      const parent = tree.parent[i]!;
      complete[parent]! += complete[i]!;
      inPart[parent]! += inPart[i]!;
      fewest[parent]! += fewest[i]!;
      extra[parent] = Math.min(extra[parent]!, extra[i]!);
    }
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
  tree: Tree,
  table: CompactAggregates['table'],
  dimension: { id: string },
  dimensionHidden: ReadonlySet<string>,
  k: number,
): Set<string> {
  const { incomplete, complete, layout } = table;
  if (!incomplete || !complete) return new Set(hierarchy.canonical);
  const width = layout.dimensions.length;
  const d = layout.dimensions.findIndex((x) => x.id === dimension.id);
  const slot = layout.dimensionSlot.get(dimension.id)!;
  // Each team's own counts, by position; the organization has none of its own.
  const rows = Int32Array.from(tree.keys, (key, i) => (i === 0 ? -1 : table.row(key)));
  const own = (count: (row: number) => number) =>
    Float64Array.from(rows, (row) => (row < 0 ? 0 : count(row)));
  const direct = {
    complete: own((row) => complete[row * width + d]!),
    incomplete: own((row) => incomplete[row * width + d]!),
    scored: own((row) => table.values[table.at(row, slot) + N]!),
  };
  // The dimension's atoms: what subtraction isolates of each group showing its cell (its
  // remainder among them), with the fewest of its respondents a weighing of it can rest on.
  const withCell = shownMask(tree, dimensionHidden);
  const [completed, inPart, scored] = remainders(
    tree,
    [direct.complete, direct.incomplete, direct.scored].map((counts) => subtreeTotals(tree, counts)),
    withCell,
  );
  const atoms = atomsOf(withCell, completed!, inPart!, scored!);

  const hidden = new Set(dimensionHidden);
  const inPartCounts = new Map(tree.keys.slice(1).map((key, i) => [key, direct.incomplete[i + 1]!]));
  untilSettled(hidden, [
    decideCount(hierarchy, tree, inPartCounts, k, { noneStands: true }),
    (hidden) => {
      // What it hides changes what the groups above it take in, so it runs to its end here.
      const shown = shownMask(tree, hidden);
      const more: string[] = [];
      for (let failing = weighable(tree, atoms, shown, k); failing.length > 0; ) {
        for (const i of failing) {
          shown[i] = 0;
          more.push(tree.keys[i]!);
        }
        failing = weighable(tree, atoms, shown, k);
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
  const tree = treeOf(hierarchy);
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
      // Sums frozen before those counts were kept decide it on each of its items' answers instead:
      // where 1 to k − 1 answered any of them, some item's remainder is 1 to k − 1 too.
      const alsoOn = answered
        ? [answered]
        : options.items
            .filter((item) => item.dimension === dimension.id)
            .map((item) => directCounts(slotN(layout.itemSlot.get(item.id)!)));
      const hidden = new Set(suppressedGroups);
      untilSettled(hidden, [
        (hidden) => suppressedKeys(decideSuppression(hierarchy, scored, k, hidden)),
        ...alsoOn.map((counts) => decideCount(hierarchy, tree, counts, k, { noneStands: true })),
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
      byHidden(decideItemDetail(hierarchy, tree, table, dimension, dimensionHidden.get(dimension.id)!, k)),
    ]),
  );
  const items = new Map(
    options.withItems ? options.items.map((item) => [item.id, itemDetail.get(item.dimension)!]) : [],
  );
  // R5: comments only for groups of at least max(10, 2k), decided with the same complementary
  // rule at that threshold so no small set of comments can be isolated by subtraction; and only
  // for groups the report shows. A block for a hidden group would say it was hidden to protect
  // another, not for being small: with its parent's n, the size of that other part (R2).
  const comments = list(decideSuppression(hierarchy, respondents, commentThreshold(k), suppressedGroups));
  return { groups: list(groups), dimensions, itemDetail, items, comments };
}
