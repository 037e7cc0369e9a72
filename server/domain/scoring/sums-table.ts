import type { Moments, OrganizationSums, ScoredDimension, ScoredItem, WaveAggregates } from './aggregates.ts';

/**
 * A wave's per-team sums in numbers only: for each team and each item and dimension, its moments
 * and five counts, side by side in one `Float64Array`. The same figures as `TeamAggregates`, where
 * each is an object with an array of counts: at 10,000 teams, those took some 58 MB on the thread
 * that freezes a wave or builds its report; these take about a third of that, and a report's
 * roll-up adds only rows for the groups that have teams below them (`roll-up.ts`).
 *
 * Slots: the items first, in the questionnaire's order, then the dimensions. Each slot holds
 * n, sum and sum of squares, then how many keyed values were 1, 2, 3, 4 and 5.
 */
export const SLOT_WIDTH = 8;
export const N = 0;
export const SUM = 1;
export const SUM_SQ = 2;
export const COUNTS = 3;

/** Where each item's and dimension's figures sit in a row. */
export class SlotLayout {
  readonly itemSlot: ReadonlyMap<string, number>;
  readonly dimensionSlot: ReadonlyMap<string, number>;
  /** Numbers in one team's row. */
  readonly rowWidth: number;

  constructor(
    readonly items: readonly { id: string }[],
    readonly dimensions: readonly { id: string }[],
  ) {
    this.itemSlot = new Map(items.map((item, i) => [item.id, i]));
    this.dimensionSlot = new Map(dimensions.map((d, i) => [d.id, items.length + i]));
    this.rowWidth = (items.length + dimensions.length) * SLOT_WIDTH;
  }
}

/** The moments of one slot, as a `Moments` object of its own. */
export function momentsAt(values: Float64Array, at: number): Moments {
  return {
    n: values[at + N]!,
    sum: values[at + SUM]!,
    sumSq: values[at + SUM_SQ]!,
    counts: [
      values[at + COUNTS]!,
      values[at + COUNTS + 1]!,
      values[at + COUNTS + 2]!,
      values[at + COUNTS + 3]!,
      values[at + COUNTS + 4]!,
    ],
  };
}

/** The teams' own sums (not their descendants'), one row per team that has any. */
export class TeamSumsTable {
  readonly values: Float64Array;
  readonly respondents: Float64Array;
  /**
   * Per team and dimension, at `row × dimensions + dimension` in the layout's order, the respondents
   * who answered some of the dimension's items but not all (`TeamAggregates.incomplete`); null when
   * the sums did not keep them.
   */
  incomplete: Float64Array | null;
  /** The same for those who answered every item of it (`TeamAggregates.complete`); null with it. */
  complete: Float64Array | null;
  readonly comments: string[][];
  readonly #rows: ReadonlyMap<string, number>;

  constructor(
    readonly layout: SlotLayout,
    /** The teams, each once, in the order their rows are kept. */
    readonly keys: readonly string[],
  ) {
    this.#rows = new Map(keys.map((key, row) => [key, row]));
    this.values = new Float64Array(keys.length * layout.rowWidth);
    this.respondents = new Float64Array(keys.length);
    this.incomplete = new Float64Array(keys.length * layout.dimensions.length);
    this.complete = new Float64Array(keys.length * layout.dimensions.length);
    this.comments = keys.map(() => []);
  }

  /** The row of a team, or -1 for a team without one. */
  row(key: string): number {
    return this.#rows.get(key) ?? -1;
  }

  /** Where a slot of a row starts in `values`. */
  at(row: number, slot: number): number {
    return row * this.layout.rowWidth + slot * SLOT_WIDTH;
  }
}

/** A wave's aggregates with the teams' sums as a `TeamSumsTable`: what reports are built from. */
export interface CompactAggregates {
  table: TeamSumsTable;
  organization: OrganizationSums;
}

/** Either form of a wave's aggregates, as a `CompactAggregates`. */
export function compactAggregates(
  aggregates: WaveAggregates | CompactAggregates,
  items: readonly ScoredItem[],
  dimensions: readonly { id: string }[],
): CompactAggregates {
  if ('table' in aggregates) {
    const made = aggregates.table.layout;
    const same = (a: readonly { id: string }[], b: readonly { id: string }[]) =>
      a.length === b.length && a.every((x, i) => x.id === b[i]!.id);
    if (!same(made.items, items) || !same(made.dimensions, dimensions))
      throw new Error("the sums' table was made for other items or dimensions than the report's");
    return aggregates;
  }
  const layout = new SlotLayout(items, dimensions);
  const keys = Object.keys(aggregates.teams);
  const table = new TeamSumsTable(layout, keys);
  const incomplete = table.incomplete!;
  const complete = table.complete!;
  if (!keys.every((key) => aggregates.teams[key]!.incomplete && aggregates.teams[key]!.complete)) {
    table.incomplete = null;
    table.complete = null;
  }
  keys.forEach((key, row) => {
    const team = aggregates.teams[key]!;
    table.respondents[row] = team.respondents;
    table.comments[row] = team.comments;
    if (table.incomplete)
      for (const [i, d] of dimensions.entries()) {
        incomplete[row * dimensions.length + i] = team.incomplete![d.id] ?? 0;
        complete[row * dimensions.length + i] = team.complete![d.id] ?? 0;
      }
    const put = (slot: number, m: Moments | undefined) => {
      if (!m) return;
      const at = table.at(row, slot);
      table.values[at + N] = m.n;
      table.values[at + SUM] = m.sum;
      table.values[at + SUM_SQ] = m.sumSq;
      for (let k = 0; k < 5; k++) table.values[at + COUNTS + k] = m.counts[k]!;
    };
    for (const [i, item] of items.entries()) put(i, team.items[item.id]);
    for (const [i, d] of dimensions.entries()) put(items.length + i, team.dimensions[d.id]);
  });
  return { table, organization: aggregates.organization };
}

/** The plain form of a `CompactAggregates`: each team's figures as `TeamAggregates` objects. */
export function plainAggregates(
  { table, organization }: CompactAggregates,
  items: readonly ScoredItem[],
  dimensions: readonly ScoredDimension[],
): WaveAggregates {
  const teams: WaveAggregates['teams'] = {};
  table.keys.forEach((key, row) => {
    teams[key] = {
      respondents: table.respondents[row]!,
      items: Object.fromEntries(items.map((item, i) => [item.id, momentsAt(table.values, table.at(row, i))])),
      dimensions: Object.fromEntries(
        dimensions.map((d, i) => [d.id, momentsAt(table.values, table.at(row, items.length + i))]),
      ),
      ...(table.incomplete && table.complete
        ? {
            incomplete: Object.fromEntries(
              dimensions.map((d, i) => [d.id, table.incomplete![row * dimensions.length + i]!]),
            ),
            complete: Object.fromEntries(
              dimensions.map((d, i) => [d.id, table.complete![row * dimensions.length + i]!]),
            ),
          }
        : {}),
      comments: table.comments[row]!,
    };
  });
  return { teams, organization };
}
