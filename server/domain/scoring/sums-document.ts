import type { ScoredDimension, ScoredItem, WaveAggregates } from './aggregates.ts';
import { type CompactAggregates, plainAggregates } from './sums-table.ts';
import { compactFromSums, type WaveSums } from './wave-sums.ts';

/**
 * How many of an item's keyed answers were 1, 2, 3, 4 and 5 is summed as one bigint with 12 bits
 * for each, 2^(12·(answer − 1)) per answer: one sum per item instead of five counts, which would be
 * most of what the statement costs. A field holds 4,095, so when a team has more respondents than
 * that its rows are summed in several chunks (see `computeWaveFigureSums`).
 */
export const FIELD_BITS = 12;
export const FIELD_LIMIT = 2 ** FIELD_BITS - 1;
/** A packed sum travels as two JSON numbers below 2^53: the low two fields and the high three. */
export const LOW = 2 ** (2 * FIELD_BITS);

/** What the statement in `server/db/wave-aggregates.ts` answers, as JSON. */
export interface SumsDocument {
  /** [team key, respondents, per item: low and high part of its counts, then of its complete counts]. */
  teams: [string, number, number[]][] | null;
  /** [team key, dimension index, answered, respondents, Σ total, Σ total²]. */
  scores: [string, number, number, number, number, number][] | null;
  /** [dimension index, answered, outcome answered, respondents, Σ total, Σ outcome total, Σ product, Σ total², Σ outcome total²]. */
  pairs: [number, number, number, number, number, number, number, number, number][] | null;
}

/**
 * A wave's sums and open answers as the database writes them, still as JSON texts, which a closed
 * wave's snapshot stores as they are: decoding them is left to whoever builds from them (the
 * report thread, at close and for each report), so the event loop only passes text along.
 */
export interface SumsTexts {
  /** A `SumsDocument`. */
  sums: string;
  /** [[team key, [comment, …]], …], each team's comments in the order of the response ids. */
  comments: string;
}

/** The items that belong to a dimension, by their index among all items, ascending. */
export function scoredItemIndices(items: ScoredItem[], dimensions: ScoredDimension[]): number[] {
  const ids = new Set(dimensions.map((d) => d.id));
  return items.flatMap((item, index) => (ids.has(item.dimension) ? [index] : []));
}

/** The integer sums of a `SumsDocument`, by dimension id; the teams' counts stay packed. */
export function sumsFromDocument(
  document: SumsDocument,
  items: ScoredItem[],
  dimensions: ScoredDimension[],
): WaveSums {
  return {
    teams: {
      scored: scoredItemIndices(items, dimensions),
      packed: document.teams ?? [],
      base: FIELD_LIMIT + 1,
    },
    scores: (document.scores ?? []).map(([teamKey, d, answered, respondents, total, totalSq]) => ({
      teamKey,
      dimension: dimensions[d]!.id,
      answered,
      respondents,
      total,
      totalSq,
    })),
    pairs: (document.pairs ?? []).map(
      ([
        d,
        answered,
        outcomeAnswered,
        respondents,
        total,
        outcomeTotal,
        product,
        totalSq,
        outcomeTotalSq,
      ]) => ({
        dimension: dimensions[d]!.id,
        answered,
        outcomeAnswered,
        respondents,
        total,
        outcomeTotal,
        product,
        totalSq,
        outcomeTotalSq,
      }),
    ),
  };
}

/** A wave's aggregates from the texts the database wrote (`SumsTexts`). */
export function aggregatesFromTexts(
  texts: SumsTexts,
  items: ScoredItem[],
  dimensions: ScoredDimension[],
): WaveAggregates {
  return plainAggregates(compactFromTexts(texts, items, dimensions), items, dimensions);
}

/** `aggregatesFromTexts` with the teams' figures in a table (`compactFromSums`), as reports read them. */
export function compactFromTexts(
  texts: SumsTexts,
  items: ScoredItem[],
  dimensions: ScoredDimension[],
): CompactAggregates {
  const comments = JSON.parse(texts.comments) as [string, string[]][];
  return compactFromSums(
    items,
    dimensions,
    sumsFromDocument(JSON.parse(texts.sums) as SumsDocument, items, dimensions),
    comments.flatMap(([teamKey, list]) => list.map((comment) => ({ teamKey, comment }))),
  );
}

/**
 * A closed wave's sums as its snapshot stores them: the database's texts (`SumsTexts`) or, in a
 * snapshot written before those were kept, the decoded `WaveAggregates` as JSON text.
 */
export type FrozenSums = SumsTexts | { aggregates: string };

/** A closed wave's aggregates from its snapshot, in either form (`FrozenSums`), as reports read them. */
export function compactFromFrozen(
  frozen: FrozenSums,
  items: ScoredItem[],
  dimensions: ScoredDimension[],
): WaveAggregates | CompactAggregates {
  if ('aggregates' in frozen) return JSON.parse(frozen.aggregates) as WaveAggregates;
  return compactFromTexts(frozen, items, dimensions);
}

/** A closed wave's aggregates from its snapshot, in either form (`FrozenSums`). */
export function aggregatesFromFrozen(
  frozen: FrozenSums,
  items: ScoredItem[],
  dimensions: ScoredDimension[],
): WaveAggregates {
  if ('aggregates' in frozen) return JSON.parse(frozen.aggregates) as WaveAggregates;
  return aggregatesFromTexts(frozen, items, dimensions);
}
