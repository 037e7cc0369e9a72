import type { Hierarchy } from '../hierarchy/hierarchy.ts';
import { ORGANIZATION } from '../hierarchy/hierarchy.ts';
import type { Moments } from '../scoring/aggregates.ts';
import { varianceOf } from '../scoring/cells.ts';
import {
  type CompactAggregates,
  momentsAt,
  N,
  SLOT_WIDTH,
  type SlotLayout,
  SUM,
  SUM_SQ,
} from '../scoring/sums-table.ts';

/** Where a group's figures sit: a row of the teams' table, or of the rolled-up groups'. */
interface Row {
  values: Float64Array;
  /** Where its first slot starts in `values`. */
  start: number;
  respondents: number;
  comments: readonly string[];
}

/**
 * Every group's sums: a group's are its own responses' plus all of its descendants'. A team
 * without children reads its own row of the teams' table, never copied; only the groups with
 * teams below them, the organization among them, get rows of their own.
 */
export class RolledUp {
  readonly #rows: ReadonlyMap<string, Row>;

  constructor(
    readonly layout: SlotLayout,
    rows: ReadonlyMap<string, Row>,
  ) {
    this.#rows = rows;
  }

  #row(key: string): Row {
    const row = this.#rows.get(key);
    if (!row) throw new Error(`no sums for group ${JSON.stringify(key)}`);
    return row;
  }

  respondents(key: string): number {
    return this.#row(key).respondents;
  }

  comments(key: string): readonly string[] {
    return this.#row(key).comments;
  }

  /** A group's moments of one item or dimension, by its slot (`SlotLayout`), as an object of its own. */
  moments(key: string, slot: number): Moments {
    const { values, start } = this.#row(key);
    return momentsAt(values, start + slot * SLOT_WIDTH);
  }

  /** What `sampleVariance` gives for a slot's moments, without making them an object. */
  variance(key: string, slot: number): number | null {
    const { values, start } = this.#row(key);
    const at = start + slot * SLOT_WIDTH;
    return varianceOf(values[at + N]!, values[at + SUM]!, values[at + SUM_SQ]!);
  }
}

/** The sums of no answers, read by every team that has no row of its own. */
const NO_ROW = (width: number) => new Float64Array(width);

/**
 * Adds every group's sums into its parent's, bottom up, so each group is complete before its
 * parent reads it and no call stack grows with the depth of the hierarchy. Children are added in
 * the order the teams were given, which fixes the order of a group's comments before they are
 * shuffled and of its floating-point sums.
 */
export function rollUp(hierarchy: Hierarchy, aggregates: CompactAggregates): RolledUp {
  const { table } = aggregates;
  const { layout } = table;
  const width = layout.rowWidth;
  const order = hierarchy.bottomUp();
  const isLeaf = (key: string) => key !== ORGANIZATION && hierarchy.childrenInGivenOrder(key).length === 0;
  const groups = order.filter((key) => !isLeaf(key));
  const upper = new Float64Array(groups.length * width);
  const empty = NO_ROW(width);
  const rows = new Map<string, Row>();
  let next = 0;
  for (const key of order) {
    const own = key === ORGANIZATION ? -1 : table.row(key);
    const ownStart = own < 0 ? -1 : own * width;
    if (isLeaf(key)) {
      // A team without children: its sums are its own, read but never changed, so not copied.
      rows.set(
        key,
        own < 0
          ? { values: empty, start: 0, respondents: 0, comments: [] }
          : {
              values: table.values,
              start: ownStart,
              respondents: table.respondents[own]!,
              comments: table.comments[own]!,
            },
      );
      continue;
    }
    const start = next * width;
    next += 1;
    if (own >= 0) upper.set(table.values.subarray(ownStart, ownStart + width), start);
    let respondents = own < 0 ? 0 : table.respondents[own]!;
    const comments = own < 0 ? [] : [...table.comments[own]!];
    for (const child of hierarchy.childrenInGivenOrder(key)) {
      const c = rows.get(child)!;
      respondents += c.respondents;
      for (let i = 0; i < width; i++) upper[start + i]! += c.values[c.start + i]!;
      for (const comment of c.comments) comments.push(comment);
    }
    rows.set(key, { values: upper, start, respondents, comments });
  }
  return new RolledUp(layout, rows);
}
